package dev.contentmix.analyzer.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Prometheus configuration and alert rules, checked by Prometheus's own promtool (Debian:
 * {@code apt-get install prometheus}); skipped where promtool is not installed. The rules are also
 * unit-tested: {@code contentmix-rules-test.yml} feeds series and expects which alerts fire when.
 */
class PrometheusFilesTest {
    private static Path promtool;

    @BeforeAll
    static void findPromtool() {
        promtool = OpsFiles.tool("promtool").orElse(null);
    }

    @Test
    void promtoolAcceptsTheConfiguration() throws Exception {
        OpsFiles.Result r = promtool("check", "config", "ops/prometheus/prometheus.yml");
        assertEquals(0, r.exitCode(), r.output());
        assertTrue(r.output().contains("1 rule files found"), "the config loads the rules: " + r.output());
    }

    @Test
    void promtoolAcceptsTheRules() throws Exception {
        OpsFiles.Result r = promtool("check", "rules", "ops/prometheus/rules/contentmix.yml");
        assertEquals(0, r.exitCode(), r.output());
    }

    @Test
    void theAlertsFireWhenTheyShouldAndOnlyThen(@TempDir Path dir) throws Exception {
        Files.copy(OpsFiles.rules(), dir.resolve("contentmix.yml"));
        try (InputStream test = getClass().getResourceAsStream("contentmix-rules-test.yml")) {
            Files.copy(test, dir.resolve("contentmix-rules-test.yml"));
        }
        assumeTrue(promtool != null, "promtool not installed (Debian: apt-get install prometheus)");
        OpsFiles.Result r = OpsFiles.run(dir, null,
                List.of(promtool.toString(), "test", "rules", "contentmix-rules-test.yml"));
        assertEquals(0, r.exitCode(), r.output());
    }

    private static OpsFiles.Result promtool(String... args) throws IOException, InterruptedException {
        assumeTrue(promtool != null, "promtool not installed (Debian: apt-get install prometheus)");
        List<String> cmd = new java.util.ArrayList<>(List.of(promtool.toString()));
        cmd.addAll(List.of(args));
        return OpsFiles.run(OpsFiles.root(), null, cmd);
    }
}
