package dev.contentmix.analyzer;

import dev.contentmix.analyzer.classify.PostClassifier;
import dev.contentmix.broker.EmbeddedKafka;
import dev.contentmix.events.KafkaSettings;
import dev.contentmix.events.TopicSetup;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.KafkaStreams;
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
     */
    public record Options(KafkaSettings settings, String applicationId, Path stateDir, Path brokerDataDir,
                          int brokerPort, int threads, boolean exactlyOnce, int partitions) {
    }

    private final EmbeddedKafka broker;
    private final KafkaStreams streams;
    private final String bootstrapServers;
    private final CountDownLatch stopped = new CountDownLatch(1);

    private AnalyzerApp(EmbeddedKafka broker, KafkaStreams streams, String bootstrapServers) {
        this.broker = broker;
        this.streams = streams;
        this.bootstrapServers = bootstrapServers;
    }

    public static AnalyzerApp start(Options o, PostClassifier classifier, MeterRegistry registry) {
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
            AnalyzerMetrics metrics = new AnalyzerMetrics(registry);
            KafkaStreams streams = new KafkaStreams(
                    AnalyzerTopology.build(settings.topics(), classifier, metrics), props);
            AnalyzerApp app = new AnalyzerApp(broker, streams, settings.bootstrapServers());
            streams.setUncaughtExceptionHandler(e -> {
                LOG.error("analyzer stopped on an unexpected error", e);
                return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
            });
            streams.setStateListener((now, before) -> {
                if (now == KafkaStreams.State.NOT_RUNNING || now == KafkaStreams.State.ERROR) {
                    app.stopped.countDown();
                }
            });
            LOG.info("starting analyzer {} on {}", o.applicationId(), settings);
            streams.start();
            return app;
        } catch (RuntimeException e) {
            if (broker != null) {
                broker.close();
            }
            throw e;
        }
    }

    static Properties streamsConfig(Options o, KafkaSettings settings, boolean embedded) {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, o.applicationId());
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG,
                o.exactlyOnce() ? StreamsConfig.EXACTLY_ONCE_V2 : StreamsConfig.AT_LEAST_ONCE);
        p.put(StreamsConfig.STATE_DIR_CONFIG, o.stateDir().toString());
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, Integer.toString(o.threads()));
        if (embedded) {
            p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, "1");
        }
        // kafka.* settings from the user's configuration win: they are how operators tune the clients
        p.putAll(settings.clientProperties());
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
        streams.close(Duration.ofSeconds(30));
        if (broker != null) {
            broker.close();
        }
        stopped.countDown();
    }
}
