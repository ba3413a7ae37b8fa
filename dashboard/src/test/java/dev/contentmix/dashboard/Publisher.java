package dev.contentmix.dashboard;

import dev.contentmix.events.BrandMix;
import dev.contentmix.events.Classification;
import dev.contentmix.events.KafkaSettings;
import dev.contentmix.events.MixAlert;
import dev.contentmix.events.TopicSpec;
import dev.contentmix.events.Topics;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Writes the analyzer's output records straight to the topics, with the topics' own serdes. */
final class Publisher implements AutoCloseable {
    private final Topics topics;
    private final KafkaProducer<String, byte[]> producer;

    Publisher(KafkaSettings settings) {
        this.topics = settings.topics();
        Properties p = settings.clientProperties();
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        this.producer = new KafkaProducer<>(p);
    }

    Publisher mix(BrandMix m) {
        return send(topics.mix, m.brand(), m);
    }

    Publisher alert(MixAlert a) {
        return send(topics.alerts, a.brand(), a);
    }

    Publisher post(Classification c) {
        return send(topics.classified, c.brand(), c);
    }

    /** Bytes that are not a record of the topic's type, as a broken producer would write. */
    Publisher raw(TopicSpec<?, ?> topic, String key, byte[] value) {
        producer.send(new ProducerRecord<>(topic.name(), key, value));
        return this;
    }

    private <V> Publisher send(TopicSpec<String, V> topic, String key, V value) {
        producer.send(new ProducerRecord<>(topic.name(), key, topic.valueSerde().serializer().serialize(topic.name(),
                value)));
        return this;
    }

    /** Waits until everything sent so far is on the broker. */
    void flush() {
        producer.flush();
    }

    Topics topics() {
        return topics;
    }

    @Override
    public void close() {
        producer.close();
    }
}
