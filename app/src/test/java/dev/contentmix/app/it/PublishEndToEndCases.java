package dev.contentmix.app.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.contentmix.analyzer.AnalyzerApp;
import dev.contentmix.analyzer.classify.Classifiers;
import dev.contentmix.app.ContentMix;
import dev.contentmix.events.Classification;
import dev.contentmix.events.DeadLetters;
import dev.contentmix.events.KafkaSettings;
import dev.contentmix.events.Topics;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Serdes;
import picocli.CommandLine;

/**
 * Issue 2's end-to-end case, run on any broker: the producer's {@code publish} command sends a file
 * with good and bad lines; every line ends up classified or dead-lettered with a reason.
 */
abstract class PublishEndToEndCases {

    /** Given a running broker at {@code bootstrap}. */
    void everyLineOfAPublishedFileIsAccountedFor(String bootstrap, Path dir) throws Exception {
        KafkaSettings settings = KafkaSettings.load(null, Map.of(), bootstrap);
        Topics topics = settings.topics();
        List<String> good = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String text = (i % 4 == 0 ? Stream.SALES[i % Stream.SALES.length] : Stream.VALUE[i % Stream.VALUE.length]);
            good.add("{\"id\":\"g" + i + "\",\"brand\":\"brand-" + (i % 5) + "\",\"text\":\"" + text.replace("\"", "\\\"")
                    + "\",\"channel\":\"instagram\"}");
        }
        List<String> bad = List.of(
                "{\"id\":\"b1\",\"brand\":\"brand-1\",\"text\":",                      // cut off
                "{\"id\":\"b2\",\"brand\":\"brand-2\",\"text\":\"   \"}",               // blank text
                "{\"id\":\"b3\",\"text\":\"no brand at all\"}",                           // no brand, no key
                "{\"id\":\"b4\",\"brand\":\"brand-4\",\"text\":\"hi\",\"goals\":[\"not a tag\"]}");
        List<String> lines = new ArrayList<>(good);
        for (int i = 0; i < bad.size(); i++) {
            lines.add(7 * (i + 1), bad.get(i));
        }
        Path file = dir.resolve("feed.jsonl");
        Files.write(file, lines, StandardCharsets.UTF_8);

        try (AnalyzerApp app = AnalyzerApp.start(AnalyzerApp.Options.of(settings, "publish-e2e", dir),
                Classifiers.loadDefault())) {
            app.awaitRunning(Duration.ofSeconds(90));

            // checked mode: bad lines are reported by line number and not sent
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int code = run(out, err, "publish", "--bootstrap-servers", bootstrap, file.toString());
            assertEquals(1, code, "some lines were rejected: " + err);
            assertTrue(out.toString().contains("sent 40, rejected 4"), out.toString());
            List<String> errLines = err.toString().lines().toList();
            assertEquals(4, errLines.size(), err.toString());
            assertTrue(errLines.get(0).startsWith("line 8: "), errLines.get(0));

            // raw mode: every line goes to Kafka, and the analyzer sorts them out
            code = run(new StringWriter(), new StringWriter(), "publish", "--raw", "--bootstrap-servers", bootstrap,
                    file.toString());
            assertEquals(0, code);

            List<ConsumerRecord<String, Classification>> classified = Kafka.readUntil(bootstrap, topics.classified.name(),
                    Serdes.String().deserializer(), Topics.CLASSIFICATION_SERDE.deserializer(), Duration.ofSeconds(60),
                    rs -> rs.size() >= 80);
            List<ConsumerRecord<byte[], byte[]>> dead = Kafka.readUntil(bootstrap, topics.deadLetters.name(),
                    Serdes.ByteArray().deserializer(), Serdes.ByteArray().deserializer(), Duration.ofSeconds(60),
                    rs -> rs.size() >= 4);
            assertEquals(80, classified.size(), "each good line twice (checked run, raw run)");
            Set<String> ids = classified.stream().map(r -> r.value().postId()).collect(Collectors.toSet());
            assertEquals(40, ids.size());
            classified.forEach(r -> assertEquals(r.value().brand(), r.key(), "keyed by brand"));
            assertEquals(4, dead.size());
            Set<String> deadValues = dead.stream().map(r -> new String(r.value(), StandardCharsets.UTF_8))
                    .collect(Collectors.toSet());
            assertEquals(Set.copyOf(bad), deadValues, "original bytes of every bad line");
            for (ConsumerRecord<byte[], byte[]> d : dead) {
                String reason = DeadLetters.header(d.headers(), DeadLetters.REASON);
                assertTrue(reason != null && !reason.isBlank());
                assertEquals(topics.posts.name(), DeadLetters.header(d.headers(), DeadLetters.SOURCE_TOPIC));
            }
            // and the mix reflects the classified posts of each brand
            Kafka.await(Duration.ofSeconds(30), "a snapshot for each of the 5 brands",
                    () -> Stream.mix(bootstrap, topics).size() == 5);
        }
    }

    static int run(StringWriter out, StringWriter err, String... args) {
        CommandLine cl = ContentMix.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }
}
