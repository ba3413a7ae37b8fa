package dev.contentmix.app.it;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The same end-to-end publish case against Apache Kafka's official image, where Docker exists;
 * skipped cleanly where it does not.
 */
@Testcontainers(disabledWithoutDocker = true)
class PublishContainerIT extends PublishEndToEndCases {
    @Container
    static final KafkaContainer KAFKA = new KafkaContainer("apache/kafka:4.1.0");

    @TempDir
    Path dir;

    @Test
    void everyLineIsAccountedForOnTheKafkaContainer() throws Exception {
        everyLineOfAPublishedFileIsAccountedFor(KAFKA.getBootstrapServers(), dir);
    }
}
