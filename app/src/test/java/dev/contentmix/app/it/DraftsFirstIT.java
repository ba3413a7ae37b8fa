package dev.contentmix.app.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.contentmix.analyzer.AnalyzerApp;
import dev.contentmix.analyzer.classify.Classifiers;
import dev.contentmix.broker.EmbeddedKafka;
import dev.contentmix.events.DraftVerdict;
import dev.contentmix.events.KafkaSettings;
import dev.contentmix.events.Label;
import dev.contentmix.events.TopicSetup;
import dev.contentmix.events.Topics;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A draft is answered while the analyzer still has a backlog of posts: someone waits at {@code check}
 * for it, so it does not queue behind thousands of posts of its brand's partition ({@code DraftsFirst}).
 * All posts are of one brand, so they and the draft share one partition and one task.
 */
class DraftsFirstIT {

    private static final int BACKLOG = 30_000;

    @TempDir
    Path dir;

    @Test
    void aDraftIsJudgedBeforeTheBacklogOfItsBrand() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0)) {
            String b = kafka.bootstrapServers();
            KafkaSettings settings = KafkaSettings.load(null, Map.of(), b);
            Topics topics = settings.topics();
            Properties admin = new Properties();
            admin.put("bootstrap.servers", b);
            TopicSetup.ensure(admin, topics, 6, (short) 1);
            Stream backlog = Stream.generate(7, 1, BACKLOG);
            backlog.publish(b, topics, 0, backlog.size());
            String brand = backlog.lastIdByBrand().keySet().iterator().next();

            try (AnalyzerApp app = AnalyzerApp.start(AnalyzerApp.Options.of(settings, "drafts-first", dir),
                    Classifiers.loadDefault())) {
                app.awaitRunning(Duration.ofSeconds(90));
                StringWriter out = new StringWriter();
                StringWriter err = new StringWriter();
                int code = PublishEndToEndCases.run(out, err, "check", "-b", b, "--brand", brand, "--json",
                        "--timeout", "PT60S", "--id", "d-urgent",
                        "Five quick ways to keep your leather boots waterproof this winter");
                long[] progress = committedAndEnd(b, topics.posts.name(), "drafts-first");

                assertEquals(0, code, out + "\n" + err);
                DraftVerdict v = Topics.VERDICT_SERDE.deserializer().deserialize("",
                        out.toString().strip().getBytes(StandardCharsets.UTF_8));
                assertEquals("d-urgent", v.draftId());
                assertEquals(Label.VALUE, v.label());
                // the verdict came while most of the brand's posts were still unread: it did not wait for them
                assertTrue(progress[0] < progress[1] / 2,
                        "committed " + progress[0] + " of " + progress[1] + " posts when the verdict arrived");
            }
        }
    }

    /** Committed offset and end offset, summed over the topic's partitions. */
    private static long[] committedAndEnd(String bootstrap, String topic, String group) throws Exception {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        try (Admin admin = Admin.create(p)) {
            Map<TopicPartition, OffsetAndMetadata> committed =
                    admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
            var parts = admin.describeTopics(java.util.List.of(topic)).allTopicNames().get().get(topic).partitions();
            Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
            parts.forEach(pi -> latest.put(new TopicPartition(topic, pi.partition()), OffsetSpec.latest()));
            long end = 0;
            for (var e : admin.listOffsets(latest).all().get().entrySet()) {
                end += e.getValue().offset();
            }
            long done = 0;
            for (var e : committed.entrySet()) {
                if (e.getKey().topic().equals(topic) && e.getValue() != null) {
                    done += e.getValue().offset();
                }
            }
            return new long[] {done, end};
        }
    }
}
