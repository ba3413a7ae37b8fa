package dev.contentmix.app.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.contentmix.analyzer.AnalyzerApp;
import dev.contentmix.analyzer.classify.Classifiers;
import dev.contentmix.analyzer.classify.PostClassifier;
import dev.contentmix.app.ContentMix;
import dev.contentmix.broker.EmbeddedKafka;
import dev.contentmix.broker.TestTls;
import dev.contentmix.events.Classification;
import dev.contentmix.events.KafkaSettings;
import dev.contentmix.events.Topics;
import dev.contentmix.producer.PublishCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.AbstractConfiguration;
import org.apache.logging.log4j.core.config.AppenderRef;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Issue 9, "who may connect": the real analyzer and the producer's {@code publish} command on a
 * cluster that accepts clients only over SASL_SSL with SCRAM-SHA-512, configured by nothing but
 * {@code kafka.*} settings (a properties file given to {@link KafkaSettings#load}, {@code --config},
 * or {@code CONTENTMIX_KAFKA_*} variables). A wrong password stops the analyzer (through its API and
 * the launcher's {@code analyzer --config}) and {@code publish} with an error that names
 * authentication, and neither the error nor any log line at INFO or above repeats the password.
 */
class SecureEndToEndIT {
    // random, so a match in the logs can only be a leak
    private static final String ANALYZER_PASSWORD = "analyzer-" + UUID.randomUUID();
    private static final String PUBLISHER_PASSWORD = "publisher-" + UUID.randomUUID();

    @TempDir
    static Path shared;

    private static TestTls tls;
    private static EmbeddedKafka kafka;

    @TempDir
    Path dir;

    @BeforeAll
    static void startSecureBroker() throws Exception {
        tls = TestTls.generate(shared.resolve("tls"));
        kafka = EmbeddedKafka.start(shared.resolve("kafka"), 0, Map.of(), new EmbeddedKafka.ClientListener("SASL_SSL",
                Map.of("sasl.enabled.mechanisms", "SCRAM-SHA-512",
                        "scram-sha-512.sasl.jaas.config",
                        "org.apache.kafka.common.security.scram.ScramLoginModule required;",
                        "ssl.keystore.type", "PKCS12",
                        "ssl.keystore.location", tls.keystore().toString(),
                        "ssl.keystore.password", tls.password(),
                        "ssl.key.password", tls.password()),
                Map.of("analyzer", ANALYZER_PASSWORD, "publisher", PUBLISHER_PASSWORD)));
    }

    @AfterAll
    static void stopBroker() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void analyzerAndPublishCommandWorkOverSaslSslConfiguredByKafkaSettingsAlone() throws Exception {
        Path analyzerConfig = configFile("analyzer.properties", "analyzer", ANALYZER_PASSWORD);
        Path publisherConfig = configFile("publisher.properties", "publisher", PUBLISHER_PASSWORD);
        Path posts = dir.resolve("posts.jsonl");
        Files.writeString(posts, "{\"id\":\"secure-1\",\"brand\":\"vault\",\"channel\":\"instagram\","
                + "\"text\":\"48 hours only: 30% off every jacket with code WARM30. Shop now\"}\n", StandardCharsets.UTF_8);

        try (CapturedLogs logs = CapturedLogs.start()) {
            KafkaSettings settings = KafkaSettings.load(analyzerConfig, Map.of(), null);
            PostClassifier classifier = Classifiers.loadDefault();
            try (AnalyzerApp app = AnalyzerApp.start(AnalyzerApp.Options.of(settings, "secure-it", dir), classifier)) {
                assertFalse(app.embeddedBroker());
                app.awaitRunning(Duration.ofSeconds(25));

                StringWriter out = new StringWriter();
                StringWriter err = new StringWriter();
                int code = publish(out, err, "--config", publisherConfig.toString(), posts.toString());
                assertEquals(0, code, "publish failed: " + err);
                assertTrue(out.toString().contains("sent 1, rejected 0"), out.toString());

                // a third way in: the reader takes the same settings from CONTENTMIX_KAFKA_* variables
                Classification c = awaitClassification(KafkaSettings.load(null, env("publisher", PUBLISHER_PASSWORD),
                        null), "vault", "secure-1", Duration.ofSeconds(20));
                assertNotNull(c.label());
                assertEquals(classifier.modelVersion(), c.modelVersion());
            }
            String log = logs.text();
            assertTrue(log.contains("sasl.jaas.config=****"), "the analyzer logs its settings, masked");
            assertNoSecret(log, "captured logs");
        }
    }

    @Test
    void wrongPasswordStopsAnalyzerAndPublishWithAnAuthenticationErrorAndNoSecretInTheLogs() throws Exception {
        String wrong = "wrong-" + UUID.randomUUID();
        Path badConfig = configFile("wrong.properties", "analyzer", wrong);
        Path posts = dir.resolve("posts.jsonl");
        Files.writeString(posts, "{\"id\":\"p1\",\"brand\":\"vault\",\"text\":\"hello\"}\n", StandardCharsets.UTF_8);

        try (CapturedLogs logs = CapturedLogs.start()) {
            KafkaSettings settings = KafkaSettings.load(badConfig, Map.of(), null);
            long start = System.nanoTime();
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> AnalyzerApp.start(AnalyzerApp.Options.of(settings, "secure-it-wrong", dir),
                            Classifiers.loadDefault()).close());
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertTrue(e.getMessage().toLowerCase(Locale.ROOT).contains("authentication"), e.getMessage());
            assertTrue(took.compareTo(Duration.ofSeconds(15)) < 0, "refused at once, not after timeouts: " + took);
            assertFalse(stackTrace(e).contains(wrong), "the error repeats the password");

            // what a user of the launcher sees: one line naming the refusal, exit code 1
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            CommandLine launcher = ContentMix.commandLine();
            launcher.setOut(new PrintWriter(out, true));
            launcher.setErr(new PrintWriter(err, true));
            int code = launcher.execute("analyzer", "--config", badConfig.toString(), "--metrics-port", "-1",
                    "--state-dir", dir.resolve("cli-state").toString());
            assertEquals(1, code, err.toString());
            assertTrue(err.toString().contains("contentmix analyzer: Kafka at " + kafka.clientBootstrapServers()
                    + " refused this client: Authentication failed"), err.toString());
            assertEquals(1, err.toString().lines().count(), err.toString());
            assertFalse(err.toString().contains(wrong) || out.toString().contains(wrong), "analyzer repeats the password");

            out = new StringWriter();
            err = new StringWriter();
            code = publish(out, err, "--config", badConfig.toString(), posts.toString());
            assertEquals(1, code);
            assertTrue(err.toString().contains("Authentication failed"), err.toString());
            assertFalse(err.toString().contains(wrong) || out.toString().contains(wrong), "publish repeats the password");

            String log = logs.text();
            // proves the capture saw the clients' configuration dumps, where Kafka hides the JAAS line
            assertTrue(log.contains("sasl.jaas.config = [hidden]"), "no client configuration was logged");
            assertFalse(log.contains(wrong), "a log line repeats the wrong password");
            assertNoSecret(log, "captured logs");
        }
    }

    private static void assertNoSecret(String text, String where) {
        for (String secret : List.of(ANALYZER_PASSWORD, PUBLISHER_PASSWORD, tls.password())) {
            assertFalse(text.contains(secret), where + " contain a secret");
        }
    }

    /** The file a user writes: {@code kafka.*} settings, the bootstrap address included, nothing else. */
    private Path configFile(String name, String user, String password) throws IOException {
        Properties p = new Properties();
        p.put("kafka.bootstrap.servers", kafka.clientBootstrapServers());
        p.put("kafka.security.protocol", "SASL_SSL");
        p.put("kafka.sasl.mechanism", "SCRAM-SHA-512");
        p.put("kafka.sasl.jaas.config", jaas(user, password));
        p.put("kafka.ssl.truststore.type", "PKCS12");
        p.put("kafka.ssl.truststore.location", tls.truststore().toString());
        p.put("kafka.ssl.truststore.password", tls.password());
        Path file = dir.resolve(name);
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            p.store(w, "contentmix client settings");
        }
        return file;
    }

    private static Map<String, String> env(String user, String password) {
        return Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", kafka.clientBootstrapServers(),
                "CONTENTMIX_KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                "CONTENTMIX_KAFKA_SASL_MECHANISM", "SCRAM-SHA-512",
                "CONTENTMIX_KAFKA_SASL_JAAS_CONFIG", jaas(user, password),
                "CONTENTMIX_KAFKA_SSL_TRUSTSTORE_TYPE", "PKCS12",
                "CONTENTMIX_KAFKA_SSL_TRUSTSTORE_LOCATION", tls.truststore().toString(),
                "CONTENTMIX_KAFKA_SSL_TRUSTSTORE_PASSWORD", tls.password());
    }

    private static String jaas(String user, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
                + "\" password=\"" + password + "\";";
    }

    private static int publish(StringWriter out, StringWriter err, String... args) {
        CommandLine cl = new CommandLine(new PublishCommand());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    private static Classification awaitClassification(KafkaSettings settings, String brand, String postId,
                                                      Duration timeout) {
        Properties p = settings.clientProperties();
        p.put("isolation.level", "read_committed");
        p.put("enable.auto.commit", "false");
        String topic = settings.topics().classified.name();
        try (KafkaConsumer<String, Classification> c = new KafkaConsumer<>(p, new StringDeserializer(),
                Topics.CLASSIFICATION_SERDE.deserializer())) {
            List<TopicPartition> parts = new ArrayList<>();
            c.partitionsFor(topic, timeout).forEach(pi -> parts.add(new TopicPartition(topic, pi.partition())));
            c.assign(parts);
            c.seekToBeginning(parts);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, Classification> r : c.poll(Duration.ofMillis(200))) {
                    if (brand.equals(r.key()) && postId.equals(r.value().postId())) {
                        return r.value();
                    }
                }
            }
        }
        throw new AssertionError("no classification of " + postId + " on " + topic + " within " + timeout);
    }

    private static String stackTrace(Throwable t) {
        StringWriter s = new StringWriter();
        t.printStackTrace(new PrintWriter(s));
        return s.toString();
    }

    /**
     * Every log event at INFO or above, from every logger, while open: the test configuration keeps
     * Kafka at WARN (and its network client at ERROR), which would hide exactly the lines a leak
     * would be in, such as the clients' configuration dumps. The loggers are lowered to INFO for the
     * capture only; the appenders already there are held to their logger's old level meanwhile.
     */
    private static final class CapturedLogs implements AutoCloseable {
        private final StringWriter text = new StringWriter();
        private final LoggerContext context;
        private final WriterAppender appender;
        private final List<Runnable> undo = new ArrayList<>();

        private CapturedLogs(LoggerContext context) {
            this.context = context;
            Configuration config = context.getConfiguration();
            appender = WriterAppender.newBuilder().setName("secure-it-" + UUID.randomUUID()).setTarget(text)
                    .setLayout(PatternLayout.newBuilder().withConfiguration(config)
                            .withPattern("%level %logger - %message%n%throwable").build())
                    .build();
            appender.start();
            config.addAppender(appender);
            Set<LoggerConfig> all = new LinkedHashSet<>(config.getLoggers().values());
            all.add(config.getRootLogger());
            for (LoggerConfig lc : all) {
                Level explicit = lc.getExplicitLevel();
                Level effective = lc.getLevel();
                if (effective.isMoreSpecificThan(Level.INFO) && effective != Level.INFO) {
                    lc.setLevel(Level.INFO);
                    for (AppenderRef ref : lc.getAppenderRefs()) {
                        Appender existing = config.getAppender(ref.getRef());
                        if (existing != null) {
                            lc.removeAppender(existing.getName());
                            lc.addAppender(existing, effective, ref.getFilter());
                            undo.add(() -> {
                                lc.removeAppender(existing.getName());
                                lc.addAppender(existing, ref.getLevel(), ref.getFilter());
                            });
                        }
                    }
                    undo.add(() -> lc.setLevel(explicit));
                }
                if (lc == config.getRootLogger() || !lc.isAdditive()) {
                    lc.addAppender(appender, Level.INFO, null);
                    undo.add(() -> lc.removeAppender(appender.getName()));
                }
            }
            context.updateLoggers();
        }

        static CapturedLogs start() {
            return new CapturedLogs((LoggerContext) LogManager.getContext(false));
        }

        String text() {
            return text.toString(); // StringWriter is synchronized: appender threads may still be writing
        }

        @Override
        public void close() {
            undo.forEach(Runnable::run);
            if (context.getConfiguration() instanceof AbstractConfiguration c) {
                c.removeAppender(appender.getName());
            }
            context.updateLoggers();
            appender.stop();
        }
    }
}
