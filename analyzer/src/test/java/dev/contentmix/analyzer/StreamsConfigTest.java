package dev.contentmix.analyzer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.contentmix.events.KafkaSettings;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The analyzer's own client defaults, and the operator's kafka.* settings winning over them. */
class StreamsConfigTest {

    private static Properties config(Map<String, String> client) {
        KafkaSettings settings = new KafkaSettings("localhost:9092", "contentmix.", client);
        return AnalyzerApp.streamsConfig(AnalyzerApp.Options.of(settings, "app", Path.of("/tmp/x")), settings, false);
    }

    @Test
    void verdictsAreNotHeldBackByBatchingOrLongPolls() {
        Properties p = config(Map.of());
        assertEquals("exactly_once_v2", p.getProperty("processing.guarantee"));
        assertEquals("5", p.getProperty("producer.linger.ms"), "Streams would linger 100 ms");
        assertEquals("100", p.getProperty("main.consumer.max.poll.records"), "Streams would take 1,000 a poll");
        assertEquals("-1", p.getProperty("max.task.idle.ms"), "Streams would check for drafts before every post");
        assertEquals("5", config(Map.of("max.task.idle.ms", "5")).getProperty("max.task.idle.ms"));
    }

    @Test
    void theOperatorsSettingsWin() {
        Properties plain = config(Map.of("linger.ms", "50", "max.poll.records", "500"));
        assertFalse(plain.containsKey("producer.linger.ms"), "a prefixed default would beat the plain setting");
        assertFalse(plain.containsKey("main.consumer.max.poll.records"));
        assertEquals("50", plain.getProperty("linger.ms"));
        Properties prefixed = config(Map.of("producer.linger.ms", "20", "main.consumer.max.poll.records", "300"));
        assertEquals("20", prefixed.getProperty("producer.linger.ms"));
        assertEquals("300", prefixed.getProperty("main.consumer.max.poll.records"));
    }
}
