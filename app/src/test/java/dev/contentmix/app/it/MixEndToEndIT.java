package dev.contentmix.app.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.contentmix.analyzer.AnalyzerApp;
import dev.contentmix.analyzer.classify.Classifiers;
import dev.contentmix.broker.EmbeddedKafka;
import dev.contentmix.events.KafkaSettings;
import dev.contentmix.events.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 4's end-to-end check on a real broker: thousands of posts across many brands (re-sent ids,
 * deletions, out-of-order times), and every brand's final snapshot equals the recount of the input
 * with the analyzer's own classifications, though snapshots are published once per brand per commit.
 */
class MixEndToEndIT {
    @TempDir
    Path dir;

    @Test
    void everyBrandsFinalSnapshotEqualsAnIndependentRecount() throws Exception {
        Stream stream = Stream.generate(42, 150, 6_000);
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0)) {
            KafkaSettings settings = KafkaSettings.load(null, Map.of(), kafka.bootstrapServers());
            Topics topics = settings.topics();
            try (AnalyzerApp app = AnalyzerApp.start(AnalyzerApp.Options.of(settings, "mix-e2e", dir),
                    Classifiers.loadDefault())) {
                app.awaitRunning(Duration.ofSeconds(60));
                stream.publish(kafka.bootstrapServers(), topics, 0, stream.size());
                Kafka.await(Duration.ofSeconds(120), "every brand's last post in its snapshot",
                        () -> stream.done(Stream.mix(kafka.bootstrapServers(), topics)));
            }
            stream.assertFinalMixExact(kafka.bootstrapServers(), topics);
            // a brand's snapshot is published once per commit, not once per post
            int snapshots = Kafka.readToEnd(kafka.bootstrapServers(), topics.mix.name(),
                    new ByteArrayDeserializer(), new ByteArrayDeserializer()).size();
            assertTrue(snapshots < stream.size() / 2, snapshots + " snapshots for " + stream.size() + " posts");
        }
    }
}
