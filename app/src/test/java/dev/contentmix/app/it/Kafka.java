package dev.contentmix.app.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;

/** Reading topics in integration tests: whole topics, read-committed, with deadlines instead of sleeps. */
public final class Kafka {
    private Kafka() {
    }

    /** Every committed record of a topic, from the beginning to its end offsets at the time of the call. */
    public static <K, V> List<ConsumerRecord<K, V>> readToEnd(String bootstrap, String topic, Deserializer<K> k,
                                                             Deserializer<V> v) {
        try (KafkaConsumer<K, V> c = consumer(bootstrap, k, v)) {
            List<TopicPartition> parts = partitions(c, topic);
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> end = c.endOffsets(parts);
            List<ConsumerRecord<K, V>> out = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (parts.stream().anyMatch(p -> c.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read " + topic + " to its end within 60 s");
                }
                c.poll(Duration.ofMillis(200)).forEach(out::add);
            }
            return out;
        }
    }

    /** The latest value per key of a topic (a compacted topic's current state). */
    public static <K, V> Map<K, V> latestByKey(String bootstrap, String topic, Deserializer<K> k, Deserializer<V> v) {
        Map<K, V> out = new HashMap<>();
        for (ConsumerRecord<K, V> r : readToEnd(bootstrap, topic, k, v)) {
            if (r.value() == null) {
                out.remove(r.key());
            } else {
                out.put(r.key(), r.value());
            }
        }
        return out;
    }

    /** Polls {@code check} until it holds, failing with {@code what} after the timeout. */
    public static void await(Duration timeout, String what, java.util.function.BooleanSupplier check)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!check.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            Thread.sleep(200); // polling interval of a condition with a deadline, not a synchronisation
        }
    }

    /** Follows a topic from the beginning until {@code done} holds for the records seen so far. */
    public static <K, V> List<ConsumerRecord<K, V>> readUntil(String bootstrap, String topic, Deserializer<K> k,
                                                             Deserializer<V> v, Duration timeout,
                                                             Predicate<List<ConsumerRecord<K, V>>> done) {
        try (KafkaConsumer<K, V> c = consumer(bootstrap, k, v)) {
            List<TopicPartition> parts = partitions(c, topic);
            c.assign(parts);
            c.seekToBeginning(parts);
            List<ConsumerRecord<K, V>> out = new ArrayList<>();
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!done.test(out)) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("timed out after " + timeout + " on " + topic + " with "
                            + out.size() + " records");
                }
                c.poll(Duration.ofMillis(200)).forEach(out::add);
            }
            return out;
        }
    }

    private static <K, V> KafkaConsumer<K, V> consumer(String bootstrap, Deserializer<K> k, Deserializer<V> v) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("isolation.level", "read_committed");
        p.put("enable.auto.commit", "false");
        p.put("max.poll.records", "5000");
        return new KafkaConsumer<>(p, k, v);
    }

    private static List<TopicPartition> partitions(KafkaConsumer<?, ?> c, String topic) {
        List<TopicPartition> parts = new ArrayList<>();
        for (PartitionInfo pi : c.partitionsFor(topic, Duration.ofSeconds(30))) {
            parts.add(new TopicPartition(topic, pi.partition()));
        }
        return parts;
    }
}
