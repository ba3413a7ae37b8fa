package dev.contentmix.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.contentmix.events.TopicSetup;
import dev.contentmix.events.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded broker is a real broker: topics, records and offsets survive a stop and a restart. */
class EmbeddedKafkaIT {

    @TempDir
    Path dir;

    @Test
    void createsTopicsAndKeepsDataAcrossRestart() throws Exception {
        Topics topics = Topics.defaults();
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0)) {
            Properties p = new Properties();
            p.put("bootstrap.servers", kafka.bootstrapServers());

            List<String> created = TopicSetup.ensure(p, topics, 3, (short) 1);
            assertEquals(topics.all().size(), created.size());
            assertTrue(TopicSetup.ensure(p, topics, 3, (short) 1).isEmpty(), "second call creates nothing");
            try (Admin admin = Admin.create(p)) {
                TopicDescription d = admin.describeTopics(Set.of(topics.posts.name())).allTopicNames()
                        .get(10, TimeUnit.SECONDS).get(topics.posts.name());
                assertEquals(3, d.partitions().size());
                String policy = admin.describeConfigs(Set.of(new org.apache.kafka.common.config.ConfigResource(
                        org.apache.kafka.common.config.ConfigResource.Type.TOPIC, topics.mix.name())))
                        .all().get(10, TimeUnit.SECONDS).values().iterator().next().get("cleanup.policy").value();
                assertEquals("compact", policy);
            }

            produce(p, topics.posts.name(), "acme", "hello");
            kafka.stop();
            assertTrue(Files.exists(kafka.dataDir().resolve("logs").resolve("meta.properties")));
            kafka.restart();
            produce(p, topics.posts.name(), "acme", "again");
            assertEquals(List.of("hello", "again"), readAll(p, topics.posts.name(), 2));
        }
    }

    private static void produce(Properties base, String topic, String key, String value) throws Exception {
        Properties p = new Properties();
        p.putAll(base);
        try (KafkaProducer<String, String> producer =
                     new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
        }
    }

    private static List<String> readAll(Properties base, String topic, int expected) {
        Properties p = new Properties();
        p.putAll(base);
        p.put("group.id", "embedded-kafka-it");
        p.put("auto.offset.reset", "earliest");
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                     new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (values.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    values.add(r.value());
                }
            }
        }
        return values;
    }
}
