package dev.contentmix.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.contentmix.events.KafkaSettings;
import dev.contentmix.events.TopicSetup;
import dev.contentmix.events.Topics;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded broker with a SASL_SSL client listener behaves like a secured production cluster, and
 * contentmix's settings reach it through {@code kafka.*} properties alone: SCRAM-SHA-512 and PLAIN
 * users get in over TLS (trust from a PKCS12 truststore or a PEM CA), while a wrong password, an
 * untrusted certificate and a PLAINTEXT client are turned away. Every client here uses only the
 * SASL_SSL address; the PLAINTEXT listener is the broker's own.
 */
class SecureBrokerIT {
    private static final String ALICE_PASSWORD = "alice-S3cret-scram";
    private static final String BOB_PASSWORD = "bob-S3cret-plain";

    @TempDir
    static Path dir;

    private static TestTls tls;
    private static EmbeddedKafka kafka;

    @BeforeAll
    static void startSecureBroker() throws Exception {
        tls = TestTls.generate(dir.resolve("tls"));
        Map<String, String> listener = Map.of(
                "sasl.enabled.mechanisms", "SCRAM-SHA-512,PLAIN",
                "scram-sha-512.sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required;",
                "plain.sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required "
                        + "user_bob=\"" + BOB_PASSWORD + "\";",
                "ssl.keystore.type", "PKCS12",
                "ssl.keystore.location", tls.keystore().toString(),
                "ssl.keystore.password", tls.password(),
                "ssl.key.password", tls.password());
        kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0, Map.of(), new EmbeddedKafka.ClientListener(
                "SASL_SSL", listener, Map.of("alice", ALICE_PASSWORD)));
    }

    @AfterAll
    static void stopBroker() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void scramUserConfiguredByTheFileInContentmixConfigCreatesTopicsProducesAndConsumes() throws Exception {
        Path file = configFile("scram.properties", Map.of(
                "bootstrap.servers", kafka.clientBootstrapServers(),
                "topic.prefix", "scram.",
                "kafka.security.protocol", "SASL_SSL",
                "kafka.sasl.mechanism", "SCRAM-SHA-512",
                "kafka.sasl.jaas.config", scramJaas("alice", ALICE_PASSWORD),
                "kafka.ssl.truststore.type", "PKCS12",
                "kafka.ssl.truststore.location", tls.truststore().toString(),
                "kafka.ssl.truststore.password", tls.password()));
        KafkaSettings settings = KafkaSettings.load(null, Map.of(KafkaSettings.ENV_CONFIG, file.toString()), null);
        Topics topics = settings.topics();

        assertEquals(topics.all().size(), TopicSetup.ensure(settings.clientProperties(), topics, 2, (short) 1).size());
        produce(settings.clientProperties(), topics.posts.name(), "acme", "over TLS");
        assertEquals(List.of("over TLS"), readAll(settings.clientProperties(), topics.posts.name(), 1));

        String shown = settings.toString();
        assertFalse(shown.contains(ALICE_PASSWORD), shown);
        assertFalse(shown.contains(tls.password()), shown);
        assertTrue(shown.contains("sasl.jaas.config=****") && shown.contains("ssl.truststore.password=****"), shown);
    }

    @Test
    void plainUserConfiguredByEnvironmentTrustsAPemCaAndSeesOnlyTheSecureListener() throws Exception {
        Map<String, String> env = Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", kafka.clientBootstrapServers(),
                "CONTENTMIX_KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                "CONTENTMIX_KAFKA_SASL_MECHANISM", "PLAIN",
                "CONTENTMIX_KAFKA_SASL_JAAS_CONFIG", "org.apache.kafka.common.security.plain.PlainLoginModule "
                        + "required username=\"bob\" password=\"" + BOB_PASSWORD + "\";",
                "CONTENTMIX_KAFKA_SSL_TRUSTSTORE_TYPE", "PEM",
                "CONTENTMIX_KAFKA_SSL_TRUSTSTORE_LOCATION", tls.caPem().toString());
        KafkaSettings settings = KafkaSettings.load(null, env, null);

        try (Admin admin = Admin.create(settings.clientProperties())) {
            List<Node> nodes = List.copyOf(admin.describeCluster().nodes().get(20, TimeUnit.SECONDS));
            // the broker advertises the listener the request came in on: clients never learn the PLAINTEXT port
            assertEquals(1, nodes.size());
            assertEquals(kafka.clientBootstrapServers(), nodes.get(0).host() + ":" + nodes.get(0).port());
        }
    }

    @Test
    void wrongPasswordIsRefusedWithAnAuthenticationErrorThatDoesNotRepeatIt() throws Exception {
        String wrong = "not-alices-password";
        Properties p = secureClient(scramJaas("alice", wrong));

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> TopicSetup.ensure(p, Topics.defaults(), 1, (short) 1));
        assertInstanceOf(SaslAuthenticationException.class, rootCause(e));
        assertTrue(e.getMessage().startsWith("Kafka at " + kafka.clientBootstrapServers() + " refused this client: "
                + "Authentication failed"), e.getMessage());
        assertFalse(e.getMessage().contains(wrong), e.getMessage());
    }

    @Test
    void unknownUserIsRefusedToo() {
        Properties p = secureClient(scramJaas("mallory", ALICE_PASSWORD));
        try (Admin admin = Admin.create(p)) {
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> admin.listTopics().names().get(20, TimeUnit.SECONDS));
            assertInstanceOf(SaslAuthenticationException.class, e.getCause());
        }
    }

    @Test
    void clientThatDoesNotTrustTheCaIsRefusedAndToldWhy() {
        Properties p = secureClient(scramJaas("alice", ALICE_PASSWORD));
        p.remove("ssl.truststore.location");
        p.remove("ssl.truststore.password");
        p.remove("ssl.truststore.type");

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> TopicSetup.ensure(p, Topics.defaults(), 1, (short) 1));
        assertInstanceOf(SslAuthenticationException.class, e.getCause().getCause());
        // "SSL handshake failed" alone does not say what to fix; the certificate path problem does
        assertTrue(e.getMessage().contains("SSL handshake failed") && e.getMessage().contains("certification path"),
                e.getMessage());
    }

    @Test
    void plaintextClientGetsNothingFromTheSecureListener() {
        Properties p = new Properties();
        p.put("bootstrap.servers", kafka.clientBootstrapServers());
        p.put("request.timeout.ms", "1500");
        p.put("default.api.timeout.ms", "3000");
        try (Admin admin = Admin.create(p)) {
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> admin.listTopics().names().get(20, TimeUnit.SECONDS));
            assertInstanceOf(TimeoutException.class, e.getCause());
        }
    }

    private static Properties secureClient(String jaas) {
        Properties p = new Properties();
        p.put("bootstrap.servers", kafka.clientBootstrapServers());
        p.put("security.protocol", "SASL_SSL");
        p.put("sasl.mechanism", "SCRAM-SHA-512");
        p.put("sasl.jaas.config", jaas);
        p.put("ssl.truststore.type", "PKCS12");
        p.put("ssl.truststore.location", tls.truststore().toString());
        p.put("ssl.truststore.password", tls.password());
        return p;
    }

    private static String scramJaas(String user, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
                + "\" password=\"" + password + "\";";
    }

    private static Path configFile(String name, Map<String, String> settings) throws IOException {
        Properties p = new Properties();
        p.putAll(settings);
        Path file = dir.resolve(name);
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            p.store(w, null);
        }
        return file;
    }

    private static Throwable rootCause(Throwable t) {
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    private static void produce(Properties base, String topic, String key, String value) throws Exception {
        try (KafkaProducer<String, String> producer =
                     new KafkaProducer<>(base, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get(20, TimeUnit.SECONDS);
        }
    }

    private static List<String> readAll(Properties base, String topic, int expected) {
        List<String> values = new java.util.ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                     new KafkaConsumer<>(base, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> parts = consumer.partitionsFor(topic, Duration.ofSeconds(20)).stream()
                    .map(pi -> new TopicPartition(topic, pi.partition())).toList();
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (values.size() < expected) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("read " + values.size() + " of " + expected + " records of " + topic);
                }
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    values.add(r.value());
                }
            }
        }
        return values;
    }
}
