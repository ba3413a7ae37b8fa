package dev.contentmix.analyzer.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml is a valid Compose file with the whole stack, checked by docker-compose itself
 * (Debian: {@code apt-get install docker-compose}; {@code config} needs no Docker engine); skipped
 * where docker-compose is not installed. The Dockerfiles and mounted files it names exist.
 */
class ComposeFileTest {

    @Test
    void dockerComposeAcceptsTheFileWithEveryService() throws Exception {
        Path compose = OpsFiles.tool("docker-compose").orElse(null);
        assumeTrue(compose != null, "docker-compose not installed (Debian: apt-get install docker-compose)");
        OpsFiles.Result check = OpsFiles.run(OpsFiles.root(), null,
                List.of(compose.toString(), "-f", "docker-compose.yml", "config", "-q"));
        assertEquals(0, check.exitCode(), check.output());

        OpsFiles.Result services = OpsFiles.run(OpsFiles.root(), null,
                List.of(compose.toString(), "-f", "docker-compose.yml", "config", "--services"));
        assertEquals(0, services.exitCode(), services.output());
        assertEquals(Set.of("kafka", "analyzer", "producer", "prometheus", "grafana"),
                new TreeSet<>(List.of(services.output().strip().split("\\s+"))));
    }

    @Test
    void everyFileTheStackMountsOrBuildsExists() throws Exception {
        Path root = OpsFiles.root();
        String yml = Files.readString(root.resolve("docker-compose.yml"));
        for (String f : new String[] {"docker/analyzer.Dockerfile", "docker/producer.Dockerfile",
            "ops/prometheus/prometheus.yml", "ops/prometheus/rules", "ops/grafana/provisioning",
            "ops/grafana/dashboards"}) {
            assertTrue(yml.contains(f), "docker-compose.yml uses " + f);
            assertTrue(Files.exists(root.resolve(f)), f + " exists");
        }
        // the analyzer's health decides the start of the producer, Prometheus waits for it too
        assertTrue(yml.contains("condition: service_healthy"), "start order by health");
        assertTrue(yml.contains("CONTENTMIX_METRICS_HOST: 0.0.0.0"), "the endpoint must be reachable from Prometheus");
    }
}
