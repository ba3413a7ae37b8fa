package dev.contentmix.app.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.contentmix.analyzer.AnalyzerApp;
import dev.contentmix.analyzer.classify.Classifiers;
import dev.contentmix.broker.EmbeddedKafka;
import dev.contentmix.events.BrandMix;
import dev.contentmix.events.Classification;
import dev.contentmix.events.DraftVerdict;
import dev.contentmix.events.Json;
import dev.contentmix.events.KafkaSettings;
import dev.contentmix.events.Label;
import dev.contentmix.events.Post;
import dev.contentmix.events.TopicSetup;
import dev.contentmix.events.Topics;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 5 end to end: the {@code check} command against the real analyzer on the embedded broker,
 * its output and exit codes, and a content calendar whose third post tips the brand over.
 */
class CheckEndToEndIT {
    private static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");

    @TempDir
    Path dir;

    @Test
    void checkCommandEndToEnd() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0)) {
            String b = kafka.bootstrapServers();
            KafkaSettings settings = KafkaSettings.load(null, Map.of(), b);
            Topics topics = settings.topics();
            try (AnalyzerApp app = AnalyzerApp.start(AnalyzerApp.Options.of(settings, "check-e2e", dir),
                    Classifiers.loadDefault())) {
                app.awaitRunning(Duration.ofSeconds(90));

                // given acme's history: 18 value posts and 2 ads over the last days (10%)
                List<Post> history = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    String text = i < 2 ? Stream.SALES[i] : Stream.VALUE[i % Stream.VALUE.length] + " (" + i + ")";
                    history.add(new Post("h" + i, "acme", text, "instagram", T0.plus(Duration.ofHours(i)), List.of(),
                            null, false));
                }
                publish(b, topics, history);
                List<Classification> labels = Kafka.readUntil(b, topics.classified.name(), Serdes.String().deserializer(),
                        Topics.CLASSIFICATION_SERDE.deserializer(), Duration.ofSeconds(60), rs -> rs.size() >= 20)
                        .stream().map(r -> r.value()).toList();
                assertEquals(2, labels.stream().filter(c -> c.label() == Label.SALES).count(),
                        "the model reads the two ads, and only them, as sales: " + labels);
                Kafka.await(Duration.ofSeconds(30), "acme's snapshot with all 20 posts", () -> {
                    BrandMix m = Stream.mix(b, topics).get("acme");
                    return m != null && m.timeWindow().posts() == 20;
                });

                // one value draft: OK, exit 0
                StringWriter out = new StringWriter();
                StringWriter err = new StringWriter();
                int code = PublishEndToEndCases.run(out, err, "check", "-b", b, "--brand", "acme",
                        "Five quick ways to keep your leather boots waterproof this winter");
                assertEquals(0, code, out + "\n" + err);
                assertTrue(out.toString().contains(" OK "), out.toString());
                assertTrue(out.toString().contains("Reads as value content"), out.toString());

                // one ad as JSON: it fits (3/21)
                out = new StringWriter();
                code = PublishEndToEndCases.run(out, new StringWriter(), "check", "-b", b, "--brand", "acme", "--json",
                        "--id", "d-ad", "48 hours only: 40% off every boot with code WINTER40. Shop now");
                assertEquals(0, code, out.toString());
                DraftVerdict v = Topics.VERDICT_SERDE.deserializer().deserialize("",
                        out.toString().strip().getBytes(StandardCharsets.UTF_8));
                assertEquals("d-ad", v.draftId());
                assertEquals(Label.SALES, v.label());
                assertEquals(0.1, v.currentShare(), 1e-9);
                assertEquals(3.0 / 21, v.projectedShare(), 1e-9);

                // a calendar: three ads then a value post, a day apart; the third ad tips acme over (5/23)
                Path calendar = dir.resolve("next-week.jsonl");
                Files.write(calendar, List.of(
                        line("c1", Stream.SALES[2], T0.plus(Duration.ofDays(2))),
                        line("c2", Stream.SALES[3], T0.plus(Duration.ofDays(3))),
                        line("c3", Stream.SALES[4], T0.plus(Duration.ofDays(4))),
                        line("c4", Stream.VALUE[0], T0.plus(Duration.ofDays(5)))), StandardCharsets.UTF_8);
                out = new StringWriter();
                code = PublishEndToEndCases.run(out, new StringWriter(), "check", "-b", b, "--calendar", calendar.toString());
                assertEquals(1, code, out.toString());
                List<String> rows = out.toString().lines().toList();
                assertTrue(rows.get(1).contains("c1") && rows.get(1).contains(" OK "), out.toString());
                assertTrue(rows.get(2).contains("c2") && rows.get(2).contains(" OK "), out.toString());
                assertTrue(rows.get(3).contains("c3") && rows.get(3).contains("OVER_GUIDELINE"), out.toString());
                assertTrue(rows.get(3).contains("22% (20%)"), rows.get(3));
                assertTrue(out.toString().contains("Suggested order") || out.toString().contains("No reorder"),
                        out.toString());

                // drafts never changed the mix
                assertEquals(20, Stream.mix(b, topics).get("acme").timeWindow().posts());

                // usage error: exit 2, one line
                err = new StringWriter();
                code = PublishEndToEndCases.run(new StringWriter(), err, "check", "-b", b, "just a text");
                assertEquals(2, code);
                assertEquals(1, err.toString().lines().count(), err.toString());
            }

            // no analyzer answering: exit 2 after the deadline
            Path config = dir.resolve("idle.properties");
            Files.writeString(config, "topic.prefix=idle.\n");
            Properties p = new Properties();
            p.put("bootstrap.servers", b);
            TopicSetup.ensure(p, new Topics("idle."), 2, (short) 1);
            StringWriter err = new StringWriter();
            int code = PublishEndToEndCases.run(new StringWriter(), err, "check", "-b", b, "--config", config.toString(),
                    "--timeout", "PT2S", "--brand", "acme", "anything");
            assertEquals(2, code);
            assertTrue(err.toString().contains("no verdict within PT2S"), err.toString());
        }
    }

    private static String line(String id, String text, Instant at) {
        return Json.writeString(new Post(id, "acme", text, "instagram", at, List.of(), null, false));
    }

    private static void publish(String bootstrap, Topics topics, List<Post> posts) throws Exception {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<String, byte[]>(p,
                Serdes.String().serializer(), Serdes.ByteArray().serializer())) {
            for (Post post : posts) {
                producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(topics.posts.name(), post.brand(),
                        Json.write(post))).get();
            }
        }
    }
}
