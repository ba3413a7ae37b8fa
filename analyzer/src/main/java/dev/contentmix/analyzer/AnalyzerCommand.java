package dev.contentmix.analyzer;

import dev.contentmix.analyzer.classify.Classifiers;
import dev.contentmix.analyzer.classify.PostClassifier;
import dev.contentmix.events.KafkaSettings;
import dev.contentmix.events.cli.KafkaOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code contentmix analyzer}: runs the analyzer until stopped (Ctrl-C). */
@Command(name = "analyzer", mixinStandardHelpOptions = true,
        description = {"Runs the analyzer: classifies posts, keeps per-brand mixes, publishes results.",
            "Without --bootstrap-servers or KAFKA_BOOTSTRAP_SERVERS it starts an embedded Kafka broker "
                + "on 127.0.0.1 and prints its address."})
public final class AnalyzerCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    KafkaOptions kafka;

    @Option(names = "--application-id", defaultValue = "${env:CONTENTMIX_APPLICATION_ID:-contentmix-analyzer}",
            description = "Kafka Streams application id, shared by all instances (default: ${DEFAULT-VALUE}).")
    String applicationId;

    @Option(names = "--state-dir", defaultValue = "${env:CONTENTMIX_STATE_DIR:-.contentmix/state}",
            description = "Local state directory (default: ${DEFAULT-VALUE}).")
    Path stateDir;

    @Option(names = "--broker-data-dir", defaultValue = ".contentmix/kafka",
            description = "Data directory of the embedded broker; survives restarts (default: ${DEFAULT-VALUE}).")
    Path brokerDataDir;

    @Option(names = "--broker-port", defaultValue = "19092",
            description = "Port of the embedded broker (default: ${DEFAULT-VALUE}).")
    int brokerPort;

    @Option(names = "--threads", defaultValue = "${env:CONTENTMIX_THREADS:-1}",
            description = "Stream threads (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--partitions", defaultValue = "6",
            description = "Partitions of topics the analyzer creates when they are missing (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--metrics-host", defaultValue = "${env:CONTENTMIX_METRICS_HOST:-127.0.0.1}",
            description = "Address of the /metrics and /health endpoint (default: ${DEFAULT-VALUE}).")
    String metricsHost;

    @Option(names = "--metrics-port", defaultValue = "${env:CONTENTMIX_METRICS_PORT:-9464}",
            description = "Port of the /metrics and /health endpoint; -1 for none (default: ${DEFAULT-VALUE}).")
    int metricsPort;

    @Option(names = "--metrics-brands", split = ",", paramLabel = "BRAND",
            description = "Brands that get per-brand gauges (default: the first --metrics-max-brands seen).")
    java.util.Set<String> metricsBrands = java.util.Set.of();

    @Option(names = "--metrics-max-brands", defaultValue = "100",
            description = "Most brands with per-brand gauges (default: ${DEFAULT-VALUE}).")
    int metricsMaxBrands;

    @Option(names = "--at-least-once",
            description = "Use at-least-once processing instead of exactly-once (faster; may count a post twice after a crash).")
    boolean atLeastOnce;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        KafkaSettings settings = kafka.settings();
        PostClassifier classifier = Classifiers.loadDefault();
        AnalyzerApp.Options options = new AnalyzerApp.Options(settings, applicationId, stateDir, brokerDataDir,
                brokerPort, threads, !atLeastOnce, partitions, metricsHost, metricsPort, metricsBrands,
                metricsMaxBrands);
        AnalyzerApp app = AnalyzerApp.start(options, classifier);
        Runtime.getRuntime().addShutdownHook(new Thread(app::close, "analyzer-shutdown"));
        if (app.embeddedBroker()) {
            out.printf("Embedded Kafka broker running at %s (data in %s).%n", app.bootstrapServers(), brokerDataDir);
            out.printf("Producer commands reach it by default, or with --bootstrap-servers %s%n",
                    app.bootstrapServers());
        }
        app.awaitRunning(Duration.ofMinutes(2));
        out.printf("Analyzer %s running (model %s). Ctrl-C to stop.%n", applicationId, classifier.modelVersion());
        if (app.opsPort() > 0) {
            out.printf("Metrics at http://%s:%d/metrics, health at http://%s:%d/health%n", metricsHost,
                    app.opsPort(), metricsHost, app.opsPort());
        }
        out.flush();
        app.awaitStop();
        return 0;
    }
}
