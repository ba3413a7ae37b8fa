package dev.contentmix.app.it;

import dev.contentmix.analyzer.AnalyzerApp;
import dev.contentmix.analyzer.classify.Classifiers;
import dev.contentmix.broker.EmbeddedKafka;
import dev.contentmix.events.KafkaSettings;
import dev.contentmix.events.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker stopped and started again on the same data directory in the middle of a stream: the
 * analyzer recovers by itself and the final counts are exact (exactly-once).
 */
class BrokerRestartIT {
    @TempDir
    Path dir;

    @Test
    void theAnalyzerRecoversFromABrokerRestartWithExactCounts() throws Exception {
        Stream stream = Stream.generate(7, 80, 20_000);
        int half = stream.size() / 2;
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0)) {
            String bootstrap = kafka.bootstrapServers();
            KafkaSettings settings = KafkaSettings.load(null, Map.of(), bootstrap);
            Topics topics = settings.topics();
            try (AnalyzerApp app = AnalyzerApp.start(AnalyzerApp.Options.of(settings, "restart-it", dir),
                    Classifiers.loadDefault())) {
                app.awaitRunning(Duration.ofSeconds(60));
                stream.publish(bootstrap, topics, 0, half);
                Kafka.await(Duration.ofSeconds(60), "the analyzer to be mid-stream",
                        () -> !Stream.mix(bootstrap, topics).isEmpty());

                long t = System.nanoTime();
                kafka.stop();
                kafka.restart();
                System.out.printf("broker down and up again in %d ms%n", (System.nanoTime() - t) / 1_000_000);

                stream.publish(bootstrap, topics, half, stream.size());
                long recover = System.nanoTime();
                Kafka.await(Duration.ofSeconds(180), "every brand's last post in its snapshot",
                        () -> stream.done(Stream.mix(bootstrap, topics)));
                System.out.printf("stream finished %d ms after the restart%n", (System.nanoTime() - recover) / 1_000_000);
            }
            stream.assertFinalMixExact(bootstrap, topics);
        }
    }
}
