package dev.contentmix.app;

import dev.contentmix.analyzer.AnalyzerApp;
import dev.contentmix.analyzer.classify.Classifiers;
import dev.contentmix.analyzer.classify.PostClassifier;
import dev.contentmix.dashboard.DashboardServer;
import dev.contentmix.events.KafkaSettings;
import dev.contentmix.events.cli.KafkaOptions;
import dev.contentmix.producer.PostReader;
import dev.contentmix.producer.SampleFeed;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code contentmix demo}: the quick start. Starts an embedded broker and the analyzer, streams the
 * bundled sample feed (several brands, one that over-sells and recovers, two malformed lines) and
 * shows classifications, alerts, dead letters and a per-brand table as they happen.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Runs the whole thing on an embedded Kafka broker with a bundled sample feed.",
            "Leaves the broker and analyzer running afterwards (Ctrl-C to stop), so you can publish more posts "
                + "from another terminal."})
public final class DemoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    KafkaOptions kafka;

    @Option(names = "--data-dir", defaultValue = ".contentmix/demo",
            description = "Broker and state directory, emptied at start (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--broker-port", defaultValue = "19092",
            description = "Port of the embedded broker; 0 for any free port (default: ${DEFAULT-VALUE}).")
    int brokerPort;

    @Option(names = "--metrics-port", defaultValue = "9464",
            description = "Port of the analyzer's /metrics and /health; -1 for none (default: ${DEFAULT-VALUE}).")
    int metricsPort;

    @Option(names = "--dashboard-port", defaultValue = "8080",
            description = "Port of the live dashboard on 127.0.0.1; -1 for none (default: ${DEFAULT-VALUE}).")
    int dashboardPort;

    @Option(names = "--feed", paramLabel = "FILE", description = "JSONL feed to stream instead of the bundled sample.")
    Path feed;

    @Option(names = "--rate", defaultValue = "40", description = "Posts per second (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--exit-when-done", description = "Exit once every line of the feed is accounted for.")
    boolean exitWhenDone;

    @Option(names = "--timeout", defaultValue = "PT3M",
            description = "With --exit-when-done: give up after this long (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        List<byte[]> lines = readFeed();
        if (rate <= 0) {
            throw new IllegalArgumentException("--rate must be above 0");
        }
        KafkaSettings settings = kafka.settings();
        if (settings.bootstrapServers() == null) {
            wipe(dataDir);
        }
        out.println("Starting contentmix: embedded Kafka broker, analyzer, model...");
        out.flush();
        PostClassifier classifier = Classifiers.loadDefault();
        AnalyzerApp app = AnalyzerApp.start(AnalyzerApp.Options.of(settings, "contentmix-demo", dataDir)
                .withBrokerPort(brokerPort).withOpsPort(metricsPort), classifier);
        Runtime.getRuntime().addShutdownHook(new Thread(app::close, "demo-shutdown"));
        DashboardServer dashboard = null;
        try {
            app.awaitRunning(Duration.ofMinutes(2));
            KafkaSettings live = live(settings, app);
            out.printf("Kafka at %s, analyzer running with model %s.%n", app.bootstrapServers(),
                    classifier.modelVersion());
            if (app.opsPort() > 0) {
                out.printf("Metrics: http://127.0.0.1:%d/metrics%n", app.opsPort());
            }
            if (dashboardPort >= 0) {
                dashboard = DashboardServer.start(live, "127.0.0.1", dashboardPort);
                out.printf("Dashboard: %s%n", dashboard.url());
            }
            return stream(out, live, lines);
        } finally {
            // reached on --exit-when-done or an error; Ctrl-C ends the JVM through the shutdown hook
            if (dashboard != null) {
                dashboard.close();
            }
            app.close();
        }
    }

    private int stream(PrintWriter out, KafkaSettings live, List<byte[]> lines) throws Exception {
        out.printf("Streaming %d lines of %s at %.0f posts/s...%n%n", lines.size(),
                feed == null ? "the bundled sample feed" : feed, rate);
        out.flush();
        boolean color = System.console() != null && System.getenv("NO_COLOR") == null;
        try (LiveView view = new LiveView(live.clientProperties(), live.topics(), out, color)) {
            view.start();
            int sent = publish(live, lines, view);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (view.classified() + view.deadLetters() < sent && System.nanoTime() < deadline) {
                Thread.sleep(100); // polling a counter the view thread updates, with a deadline
            }
            view.printTable();
            out.printf("Feed done: %d lines, %d classified, %d dead letters, %d alerts.%n", sent,
                    view.classified(), view.deadLetters(), view.alerts());
            if (exitWhenDone) {
                return view.classified() + view.deadLetters() >= sent ? 0 : 1;
            }
            out.printf("Still running. In another terminal try:%n"
                    + "  ./contentmix generate --count 200 --rate 10%n"
                    + "  echo '{\"id\":\"x1\",\"brand\":\"acme\",\"text\":\"Flash sale: 40%% off today only\"}' "
                    + "| ./contentmix publish -%n"
                    + "Ctrl-C to stop.%n");
            out.flush();
            long lastTable = System.nanoTime();
            long seen = view.classified();
            while (true) {
                Thread.sleep(1000);
                if (view.classified() != seen && System.nanoTime() - lastTable > Duration.ofSeconds(10).toNanos()) {
                    view.printTable();
                    seen = view.classified();
                    lastTable = System.nanoTime();
                }
            }
        }
    }

    private static KafkaSettings live(KafkaSettings settings, AnalyzerApp app) {
        return settings.withBootstrapServers(app.bootstrapServers());
    }

    private int publish(KafkaSettings live, List<byte[]> lines, LiveView view) throws Exception {
        Properties p = live.clientProperties();
        p.put("enable.idempotence", "true");
        p.put("acks", "all");
        long intervalNanos = (long) (1e9 / rate);
        long next = System.nanoTime();
        int n = 0;
        try (KafkaProducer<String, byte[]> producer =
                     new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            for (byte[] line : lines) {
                // lines go out as they are, so malformed ones reach the analyzer and its dead-letter topic
                producer.send(new ProducerRecord<>(live.topics().posts.name(), PostReader.brandOf(line), line));
                n++;
                next += intervalNanos;
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    producer.flush();
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                if (n % 100 == 0) {
                    view.printTable();
                }
            }
            producer.flush();
        }
        return n;
    }

    private List<byte[]> readFeed() throws IOException {
        List<byte[]> lines = new ArrayList<>();
        try (InputStream in = feed != null ? Files.newInputStream(feed) : SampleFeed.open()) {
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (!line.isBlank()) {
                    lines.add(line.getBytes(StandardCharsets.UTF_8));
                }
            }
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IllegalArgumentException("no such feed file: " + feed);
        }
        return lines;
    }

    private static void wipe(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
