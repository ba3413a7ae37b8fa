package dev.contentmix.producer;

import dev.contentmix.events.BrandPolicy;
import dev.contentmix.events.InvalidRecordException;
import dev.contentmix.events.Json;
import dev.contentmix.events.KafkaSettings;
import dev.contentmix.events.TopicSetup;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Writes and reads the compacted policies topic: key = brand, value = BrandPolicy JSON, null = removed. */
final class PolicyTopic {
    private PolicyTopic() {
    }

    /** Writes a policy, or a tombstone when {@code policy} is null, and waits for the acknowledgement. */
    static void write(KafkaSettings settings, String brand, BrandPolicy policy, boolean createTopics) {
        if (createTopics) {
            // before the first write: a topic auto-created by the broker would not be compacted
            TopicSetup.ensure(settings.clientProperties(), settings.topics(), TopicSetup.DEFAULT_PARTITIONS, (short) 1);
        }
        Properties p = new Properties();
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "15000");
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "30000");
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "15000");
        p.putAll(settings.clientProperties());
        try (KafkaProducer<String, byte[]> producer =
                     new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(settings.topics().policies.name(), brand,
                    policy == null ? null : Json.write(policy))).get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing the policy", e);
        } catch (ExecutionException | TimeoutException | KafkaException e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            throw new IllegalStateException("cannot write to " + settings.topics().policies.name() + " at "
                    + settings.bootstrapServers() + ": " + cause.getMessage(), e);
        }
    }

    /**
     * The latest policy of every brand: reads every partition from its start to the end offsets it
     * had when reading began. Unreadable records are skipped with a warning on {@code err}.
     *
     * @throws IllegalStateException when Kafka cannot be reached or the end is not reached in time
     */
    static Map<String, BrandPolicy> readAll(KafkaSettings settings, Duration timeout, PrintWriter err) {
        String topic = settings.topics().policies.name();
        Properties c = settings.clientProperties();
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.CLIENT_ID_CONFIG, "contentmix-policy-reader");
        Map<String, BrandPolicy> policies = new TreeMap<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        int skipped = 0;
        try (KafkaConsumer<String, byte[]> consumer =
                     new KafkaConsumer<>(c, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
            if (infos == null || infos.isEmpty()) {
                return policies; // no topic yet: nobody has set a policy
            }
            List<TopicPartition> parts = infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            Map<TopicPartition, Long> end = consumer.endOffsets(parts, timeout);
            while (!parts.stream().allMatch(tp -> consumer.position(tp, remaining(deadline)) >= end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("timed out after " + timeout + " reading " + topic + " at "
                            + settings.bootstrapServers());
                }
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.key() == null) {
                        skipped++;
                    } else if (r.value() == null) {
                        policies.remove(r.key());
                    } else {
                        try {
                            policies.put(r.key(), Json.readPolicy(r.value()));
                        } catch (InvalidRecordException e) {
                            skipped++;
                        }
                    }
                }
            }
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            throw new IllegalStateException("cannot reach Kafka at " + settings.bootstrapServers() + ": "
                    + e.getMessage(), e);
        }
        if (skipped > 0) {
            err.println("warning: skipped " + skipped + " unreadable record(s) on " + topic);
        }
        return policies;
    }

    private static Duration remaining(long deadline) {
        return Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime()));
    }
}
