package dev.contentmix.analyzer.ops;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Where the deployment files live (repository root: docker-compose.yml, ops/, docker/) and how the
 * tests run the external checkers (docker-compose, promtool). A checker that is not installed is
 * reported as absent so the test can skip; one that is installed must pass.
 */
final class OpsFiles {
    private OpsFiles() {
    }

    /** The repository root: the nearest directory above the working directory that holds docker-compose.yml. */
    static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve("docker-compose.yml")) && Files.isDirectory(d.resolve("ops"))) {
                return d;
            }
        }
        throw new IllegalStateException("no docker-compose.yml with an ops/ directory above " + dir);
    }

    static Path dashboard() {
        return root().resolve("ops/grafana/dashboards/contentmix.json");
    }

    static Path rules() {
        return root().resolve("ops/prometheus/rules/contentmix.yml");
    }

    /** An executable on the PATH, if installed. */
    static Optional<Path> tool(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, name);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** Exit code and combined output of a finished command. */
    record Result(int exitCode, String output) {
    }

    /** Runs a command in {@code dir}, feeding {@code stdin} (may be null), and fails after the timeout. */
    static Result run(Path dir, String stdin, List<String> command) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(command);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
        Process p = pb.start();
        // read output concurrently: a checker that fills the pipe buffer would otherwise block forever
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> {
            try (InputStream in = p.getInputStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "(cannot read output: " + e.getMessage() + ")";
            }
        });
        try (var in = p.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        }
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(String.join(" ", cmd) + " did not finish within 60 s");
        }
        return new Result(p.exitValue(), out.join());
    }
}
