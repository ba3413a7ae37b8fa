package dev.contentmix.app.it;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The analyzer in a child JVM, so that a test can kill it with SIGKILL. */
final class AnalyzerProcess implements AutoCloseable {
    private final Process process;
    private final Path log;

    private AnalyzerProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static AnalyzerProcess start(String bootstrap, String applicationId, Path stateDir, Path log) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx512m");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("dev.contentmix.app.ContentMix");
        cmd.addAll(List.of("analyzer", "--bootstrap-servers", bootstrap, "--application-id", applicationId,
                "--state-dir", stateDir.toString(), "--metrics-port", "-1", "--threads", "2"));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().remove("KAFKA_BOOTSTRAP_SERVERS");
        return new AnalyzerProcess(pb.start(), log);
    }

    /** SIGKILL: no shutdown hook, no commit, no flush. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    File log() {
        return log.toFile();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }
}
