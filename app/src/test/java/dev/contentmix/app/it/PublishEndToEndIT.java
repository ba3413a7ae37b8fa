package dev.contentmix.app.it;

import dev.contentmix.broker.EmbeddedKafka;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The end-to-end publish case on the embedded broker (runs everywhere). */
class PublishEndToEndIT extends PublishEndToEndCases {
    @TempDir
    Path dir;

    @Test
    void everyLineIsAccountedForOnTheEmbeddedBroker() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0)) {
            everyLineOfAPublishedFileIsAccountedFor(kafka.bootstrapServers(), dir);
        }
    }
}
