package dev.contentmix.producer;

import dev.contentmix.events.Json;
import dev.contentmix.events.KafkaSettings;
import dev.contentmix.events.Post;
import dev.contentmix.events.TopicSetup;
import dev.contentmix.events.Topics;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes posts to {@code contentmix.posts}: key = brand (UTF-8), value = the post's JSON. One
 * idempotent producer with {@code acks=all}, batching for throughput; sends are asynchronous and
 * their outcomes are counted, so a caller sends many and checks {@link #failed()} after {@link #flush()}.
 * Settings from {@link KafkaSettings} ({@code kafka.*} passthrough: SASL, TLS...) override the defaults here.
 */
public final class PostPublisher implements PostSink {
    private final KafkaProducer<String, byte[]> producer;
    private final String topic;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicReference<String> firstError = new AtomicReference<>();
    private final Callback callback = (metadata, e) -> {
        if (e == null) {
            sent.incrementAndGet();
        } else {
            failed.incrementAndGet();
            firstError.compareAndSet(null, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    };

    private PostPublisher(KafkaProducer<String, byte[]> producer, String topic) {
        this.producer = producer;
        this.topic = topic;
    }

    /**
     * Connects, creating the missing contentmix topics first unless {@code createTopics} is false.
     *
     * @throws IllegalStateException when Kafka cannot be reached, with a one-line reason
     */
    public static PostPublisher open(KafkaSettings settings, boolean createTopics) {
        Topics topics = settings.topics();
        if (createTopics) {
            TopicSetup.ensure(settings.clientProperties(), topics, TopicSetup.DEFAULT_PARTITIONS, (short) 1);
        }
        KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(producerProperties(settings), new StringSerializer(), new ByteArraySerializer());
        try {
            // fails fast on an unreachable cluster instead of once per record, max.block.ms each
            producer.partitionsFor(topics.posts.name());
        } catch (KafkaException e) {
            producer.close(Duration.ZERO);
            throw new IllegalStateException("cannot reach Kafka at " + settings.bootstrapServers() + ": "
                    + e.getMessage(), e);
        }
        return new PostPublisher(producer, topics.posts.name());
    }

    /** Producer defaults for a bulk load; any {@code kafka.*} setting of the user wins. */
    static Properties producerProperties(KafkaSettings settings) {
        Properties p = new Properties();
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(128 * 1024));
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "15000");
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "contentmix-producer");
        p.putAll(settings.clientProperties());
        return p;
    }

    public String topic() {
        return topic;
    }

    @Override
    public void send(Post post) {
        sendRaw(post.brand(), Json.write(post));
    }

    @Override
    public void sendRaw(String key, byte[] value) {
        try {
            producer.send(new ProducerRecord<>(topic, key, value), callback);
        } catch (KafkaException | IllegalStateException e) {
            // record too large, producer closed...: counted like an asynchronous failure
            callback.onCompletion(null, e);
        }
    }

    @Override
    public void flush() {
        producer.flush();
    }

    @Override
    public long sent() {
        return sent.get();
    }

    @Override
    public long failed() {
        return failed.get();
    }

    @Override
    public String firstError() {
        return firstError.get();
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(30));
    }
}
