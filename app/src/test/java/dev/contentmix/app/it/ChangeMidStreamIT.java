package dev.contentmix.app.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.contentmix.analyzer.AnalyzerApp;
import dev.contentmix.analyzer.classify.Classifiers;
import dev.contentmix.analyzer.classify.PostClassifier;
import dev.contentmix.analyzer.classify.Prediction;
import dev.contentmix.broker.EmbeddedKafka;
import dev.contentmix.events.BrandMix;
import dev.contentmix.events.BrandPolicy;
import dev.contentmix.events.Classification;
import dev.contentmix.events.Json;
import dev.contentmix.events.KafkaSettings;
import dev.contentmix.events.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A policy changed and the model replaced in the middle of a stream: no record is skipped or
 * counted twice, later snapshots carry the new policy, and classifications switch model version
 * at the restart.
 */
class ChangeMidStreamIT {
    @TempDir
    Path dir;

    /** The shipped model under another version name: what a deployment of a retrained model looks like here. */
    record Renamed(PostClassifier delegate, String version) implements PostClassifier {
        @Override
        public Prediction classify(String text) {
            return delegate.classify(text);
        }

        @Override
        public String modelVersion() {
            return version;
        }
    }

    @Test
    void noRecordIsSkippedAcrossAPolicyChangeAndAModelChange() throws Exception {
        Stream stream = Stream.generate(21, 40, 8_000);
        int half = stream.size() / 2;
        PostClassifier model = Classifiers.loadDefault();
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0)) {
            String b = kafka.bootstrapServers();
            KafkaSettings settings = KafkaSettings.load(null, Map.of(), b);
            Topics topics = settings.topics();
            try (AnalyzerApp app = AnalyzerApp.start(AnalyzerApp.Options.of(settings, "change-it", dir),
                    new Renamed(model, "model-a"))) {
                app.awaitRunning(Duration.ofSeconds(90));
                stream.publish(b, topics, 0, half);
                Kafka.await(Duration.ofSeconds(120), "the first half classified",
                        () -> Stream.classified(b, topics).size() >= half * 9 / 10);
                // the policy changes while posts are still flowing
                Properties p = new Properties();
                p.put("bootstrap.servers", b);
                try (KafkaProducer<String, byte[]> producer =
                             new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
                    for (String brand : stream.lastIdByBrand().keySet()) {
                        producer.send(new ProducerRecord<>(topics.policies.name(), brand, Json.write(
                                new BrandPolicy(brand, 0.3, null, null, null, List.of(), null, null))));
                    }
                }
            }
            try (AnalyzerApp app = AnalyzerApp.start(AnalyzerApp.Options.of(settings, "change-it", dir),
                    new Renamed(model, "model-b"))) {
                app.awaitRunning(Duration.ofSeconds(90));
                stream.publish(b, topics, half, stream.size());
                Kafka.await(Duration.ofSeconds(120), "every brand's last post in its snapshot",
                        () -> stream.done(Stream.mix(b, topics)));
            }
            List<ConsumerRecord<String, Classification>> classified = Stream.classified(b, topics);
            Set<String> versions = classified.stream().map(r -> r.value().modelVersion()).collect(Collectors.toSet());
            assertEquals(Set.of("model-a", "model-b"), versions);
            // exactly once: one classification per published (non-deleted) record
            long published = stream.publishedPosts();
            assertEquals(published, classified.size(), "no post skipped, none classified twice");
            stream.assertFinalMixExact(b, topics);
            for (BrandMix m : Stream.mix(b, topics).values()) {
                assertEquals(0.3, m.policy().maxSalesShare(), 1e-9, "the last snapshot of " + m.brand());
            }
            assertTrue(classified.get(classified.size() - 1).value().modelVersion().startsWith("model-"));
        }
    }
}
