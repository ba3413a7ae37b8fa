package dev.contentmix.analyzer;

import dev.contentmix.analyzer.classify.PostClassifier;
import dev.contentmix.broker.EmbeddedKafka;
import dev.contentmix.events.KafkaSettings;
import dev.contentmix.events.TopicSetup;
import dev.contentmix.analyzer.ops.BrandGauges;
import dev.contentmix.analyzer.ops.OpsServer;
import dev.contentmix.events.Topics;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the analyzer: wires settings, the classifier and metrics to the topology, starts Kafka Streams
 * and closes everything in order. When no bootstrap servers are configured it first starts an
 * embedded broker. Create with {@link #start(Options, PostClassifier, MeterRegistry)}.
 */
public final class AnalyzerApp implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AnalyzerApp.class);

    /**
     * @param settings           Kafka settings; no bootstrap servers means "start an embedded broker"
     * @param applicationId      Kafka Streams application id (the consumer group of all instances)
     * @param stateDir           local state directory
     * @param brokerDataDir      data directory of the embedded broker
     * @param brokerPort         port of the embedded broker
     * @param threads            stream threads
     * @param exactlyOnce        exactly_once_v2 when true, at_least_once otherwise
     * @param partitions         partitions of topics this instance creates
     * @param opsHost            address of the metrics and health endpoint
     * @param opsPort            its port: 0 for any free port, -1 for no endpoint
     * @param gaugeBrands        brands that get per-brand gauges; empty for the first {@code maxGaugeBrands} seen
     * @param maxGaugeBrands     upper bound on brands with gauges
     */
    public record Options(KafkaSettings settings, String applicationId, Path stateDir, Path brokerDataDir,
                          int brokerPort, int threads, boolean exactlyOnce, int partitions, String opsHost,
                          int opsPort, Set<String> gaugeBrands, int maxGaugeBrands) {

        /** Defaults for everything but the Kafka settings and the directories. */
        public static Options of(KafkaSettings settings, String applicationId, Path dir) {
            return new Options(settings, applicationId, dir.resolve("state"), dir.resolve("kafka"),
                    EmbeddedKafka.DEFAULT_PORT, 1, true, TopicSetup.DEFAULT_PARTITIONS, "127.0.0.1", -1, Set.of(), 100);
        }

        public Options withBrokerPort(int port) {
            return new Options(settings, applicationId, stateDir, brokerDataDir, port, threads, exactlyOnce,
                    partitions, opsHost, opsPort, gaugeBrands, maxGaugeBrands);
        }

        public Options withOpsPort(int port) {
            return new Options(settings, applicationId, stateDir, brokerDataDir, brokerPort, threads, exactlyOnce,
                    partitions, opsHost, port, gaugeBrands, maxGaugeBrands);
        }
    }

    private final EmbeddedKafka broker;
    private final KafkaStreams streams;
    private final String bootstrapServers;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
    private final PrometheusMeterRegistry registry;
    private KafkaStreamsMetrics streamsMetrics;
    private OpsServer ops;

    private AnalyzerApp(EmbeddedKafka broker, KafkaStreams streams, String bootstrapServers,
                        PrometheusMeterRegistry registry) {
        this.broker = broker;
        this.streams = streams;
        this.bootstrapServers = bootstrapServers;
        this.registry = registry;
    }

    /** Starts the analyzer with a Prometheus registry of its own. */
    public static AnalyzerApp start(Options o, PostClassifier classifier) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().meterFilter(io.micrometer.core.instrument.config.MeterFilter.deny(
                AnalyzerApp::breaksPrometheusNaming));
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        return start(o, classifier, registry);
    }

    /**
     * Meters left out of the scrape because their Prometheus names break its naming rules
     * ({@code promtool check metrics}): a unit abbreviated in the name (Kafka's {@code io-time-ns-total},
     * {@code start-time-ms}; the JVM binder's {@code process.cpu.time} in "ns"), a {@code _count} suffix
     * on a gauge ({@code connection-count}, {@code system.cpu.count}), or, for a Kafka client meter, no
     * description (per-node request latency). Renaming would not fix the unit, and none is needed.
     */
    static boolean breaksPrometheusNaming(io.micrometer.core.instrument.Meter.Id id) {
        List<String> parts = List.of(id.getName().split("\\."));
        boolean abbreviatedUnit = parts.contains("ns") || parts.contains("ms")
                || "ns".equals(id.getBaseUnit()) || "ms".equals(id.getBaseUnit());
        boolean countGauge = id.getType() == io.micrometer.core.instrument.Meter.Type.GAUGE
                && id.getName().endsWith(".count");
        boolean noHelp = id.getName().startsWith("kafka.")
                && (id.getDescription() == null || id.getDescription().isBlank());
        return abbreviatedUnit || countGauge || noHelp;
    }

    private static AnalyzerApp start(Options o, PostClassifier classifier, PrometheusMeterRegistry registry) {
        EmbeddedKafka broker = null;
        KafkaSettings settings = o.settings();
        if (settings.bootstrapServers() == null) {
            broker = EmbeddedKafka.start(o.brokerDataDir(), o.brokerPort());
            settings = settings.withBootstrapServers(broker.bootstrapServers());
        }
        try {
            short replication = (short) (broker != null ? 1 : -1);
            TopicSetup.ensure(settings.clientProperties(), settings.topics(), o.partitions(), replication);
            Properties props = streamsConfig(o, settings, broker != null);
            checkCopartitioned(settings);
            AnalyzerMetrics metrics = new AnalyzerMetrics(registry);
            metrics.onBrandMix(new BrandGauges(registry, o.gaugeBrands(), o.maxGaugeBrands()));
            Gauge.builder("contentmix.model.info", () -> 1).description("The model in use")
                    .tag("version", classifier.modelVersion()).register(registry);
            KafkaStreams streams = new KafkaStreams(
                    AnalyzerTopology.build(settings.topics(), classifier, metrics), props);
            AnalyzerApp app = new AnalyzerApp(broker, streams, settings.bootstrapServers(), registry);
            app.streamsMetrics = new KafkaStreamsMetrics(streams);
            app.streamsMetrics.bindTo(registry);
            if (o.opsPort() >= 0) {
                app.ops = new OpsServer(o.opsHost(), o.opsPort(), registry, streams::state);
            }
            streams.setUncaughtExceptionHandler(new RestartBudget(5, Duration.ofMinutes(5)));
            streams.setStateListener((now, before) -> {
                if (now == KafkaStreams.State.NOT_RUNNING || now == KafkaStreams.State.ERROR) {
                    app.stopped.countDown();
                }
            });
            LOG.info("starting analyzer {} on {}", o.applicationId(), settings);
            streams.start();
            return app;
        } catch (RuntimeException | java.io.IOException e) {
            if (broker != null) {
                broker.close();
            }
            if (e instanceof java.net.BindException || e.getCause() instanceof java.net.BindException) {
                throw new IllegalStateException("cannot open the metrics endpoint on " + o.opsHost() + ":"
                        + o.opsPort() + ": port in use (choose another with --metrics-port)", e);
            }
            throw e instanceof RuntimeException re ? re : new IllegalStateException(e.getMessage(), e);
        }
    }

    /**
     * Replaces a stream thread that died on an unexpected error (its tasks resume from the last
     * commit, so nothing is lost or counted twice), but stops the client when errors repeat: a bug
     * that fails every time must not spin.
     */
    static final class RestartBudget implements StreamsUncaughtExceptionHandler {
        private final int max;
        private final Duration per;
        private final java.util.ArrayDeque<Long> recent = new java.util.ArrayDeque<>();

        RestartBudget(int max, Duration per) {
            this.max = max;
            this.per = per;
        }

        @Override
        public synchronized StreamThreadExceptionResponse handle(Throwable e) {
            long now = System.nanoTime();
            while (!recent.isEmpty() && now - recent.peekFirst() > per.toNanos()) {
                recent.removeFirst();
            }
            recent.addLast(now);
            if (recent.size() > max) {
                LOG.error("analyzer stopping: {} stream-thread failures within {}", recent.size(), per, e);
                return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
            }
            LOG.warn("replacing a stream thread after an unexpected error", e);
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        }
    }

    /** Posts and drafts share the brand windows, so a brand must land on the same partition in both. */
    private static void checkCopartitioned(KafkaSettings settings) {
        try (Admin admin = Admin.create(settings.clientProperties())) {
            Topics t = settings.topics();
            Map<String, TopicDescription> d = admin.describeTopics(List.of(t.posts.name(), t.drafts.name()))
                    .allTopicNames().get(30, TimeUnit.SECONDS);
            int posts = d.get(t.posts.name()).partitions().size();
            int drafts = d.get(t.drafts.name()).partitions().size();
            if (posts != drafts) {
                throw new IllegalStateException(t.posts.name() + " has " + posts + " partitions but " + t.drafts.name()
                        + " has " + drafts + "; they must have the same number");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("cannot describe topics at " + settings.bootstrapServers() + ": "
                    + e.getMessage(), e);
        }
    }

    /** The registry with every meter of this instance. */
    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** The port of the metrics and health endpoint, or -1 when there is none. */
    public int opsPort() {
        return ops == null ? -1 : ops.port();
    }

    /** linger.ms of the analyzer's producers unless the configuration sets one. */
    static final int PRODUCER_LINGER_MS = 5;
    /** max.poll.records of the analyzer's main consumer unless the configuration sets one. */
    static final int MAX_POLL_RECORDS = 100;

    static Properties streamsConfig(Options o, KafkaSettings settings, boolean embedded) {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, o.applicationId());
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG,
                o.exactlyOnce() ? StreamsConfig.EXACTLY_ONCE_V2 : StreamsConfig.AT_LEAST_ONCE);
        p.put(StreamsConfig.STATE_DIR_CONFIG, o.stateDir().toString());
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, Integer.toString(o.threads()));
        // the policy loader must not stop the global thread either (default from Kafka 5.0)
        p.put("processing.exception.handler.global.enabled", "true");
        if (embedded) {
            p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, "1");
        }
        // Kafka Streams lingers 100 ms before sending; a draft's verdict would wait that long before
        // `check` (which reads without waiting for the commit) sees it. Batches still fill under load.
        Properties user = settings.clientProperties();
        if (!user.containsKey(ProducerConfig.LINGER_MS_CONFIG)
                && !user.containsKey(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG))) {
            p.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), Integer.toString(PRODUCER_LINGER_MS));
        }
        // A draft can only jump the queue of posts (DraftsFirst) once it is polled, and a stream thread
        // works through everything one poll returned before it polls again. With Streams' 1,000 records
        // a poll, a verdict waited up to a second at 1,000 posts/s; with 100, 18 ms at p50 (BENCHMARKS.md).
        // (Fewer buffered records per partition, 100 instead of 1,000, was tried too: throughput fell.)
        if (!user.containsKey(ConsumerConfig.MAX_POLL_RECORDS_CONFIG)
                && !user.containsKey(StreamsConfig.mainConsumerPrefix(ConsumerConfig.MAX_POLL_RECORDS_CONFIG))) {
            p.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.MAX_POLL_RECORDS_CONFIG), Integer.toString(MAX_POLL_RECORDS));
        }
        // With Streams' default (0) a task asks, before every record, whether its empty inputs have data on
        // the broker, so as to interleave posts and drafts by time: 5.5% of the stream threads' time in a
        // profile, because the drafts partition is almost always empty. Drafts are judged as of when they
        // are processed and go ahead of buffered posts anyway (DraftsFirst), so nothing waits for that.
        if (!user.containsKey(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG)) {
            p.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, Long.toString(StreamsConfig.MAX_TASK_IDLE_MS_DISABLED));
        }
        // kafka.* settings from the user's configuration win: they are how operators tune the clients
        p.putAll(user);
        return p;
    }

    /** The address of the cluster in use (the embedded broker's when one was started). */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    public boolean embeddedBroker() {
        return broker != null;
    }

    public KafkaStreams streams() {
        return streams;
    }

    /** Waits until the streams are RUNNING, or fails after the timeout. */
    public void awaitRunning(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (streams.state() != KafkaStreams.State.RUNNING) {
            if (!streams.state().isRunningOrRebalancing() && streams.state() != KafkaStreams.State.CREATED) {
                throw new IllegalStateException("analyzer is " + streams.state());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("analyzer not running after " + timeout + ": " + streams.state());
            }
            stopped.await(50, TimeUnit.MILLISECONDS);
        }
    }

    /** Blocks until the streams stop (after {@link #close()} or an error). */
    public void awaitStop() throws InterruptedException {
        stopped.await();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        streams.close(Duration.ofSeconds(30));
        if (streamsMetrics != null) {
            streamsMetrics.close();
        }
        if (ops != null) {
            ops.close();
        }
        if (broker != null) {
            broker.close();
        }
        stopped.countDown();
    }
}
