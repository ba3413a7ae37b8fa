package dev.contentmix.app.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.contentmix.broker.EmbeddedKafka;
import dev.contentmix.events.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsResult;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash safety: the analyzer is killed with SIGKILL in the middle of 200,000 posts (in CI) across many
 * brands and started again; every brand's final mix equals the recount of the input, so nothing
 * was lost and nothing counted twice. Then two instances share the work and one is killed: the
 * other takes over its brands with their windows.
 */
class KillAnalyzerIT {
    @TempDir
    Path dir;

    /**
     * Posts in the kill test: 50,000 in {@code mvn verify} (the suite stays under ten minutes on two
     * cores); {@code .ci/run} runs it again with {@code -Dcontentmix.kill.posts=200000}.
     */
    static final int KILL_POSTS = Integer.getInteger("contentmix.kill.posts", 50_000);

    @Test
    void aKilledAnalyzerRestartsWithoutLosingOrDoubleCounting() throws Exception {
        Stream stream = Stream.generate(11, 2_000, KILL_POSTS);
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0)) {
            String bootstrap = kafka.bootstrapServers();
            Topics topics = Topics.defaults();
            dev.contentmix.events.TopicSetup.ensure(props(bootstrap), topics, 6, (short) 1);
            stream.publish(bootstrap, topics, 0, stream.size());
            Path log = dir.resolve("analyzer.log");
            try (AnalyzerProcess first = AnalyzerProcess.start(bootstrap, "kill-it", dir.resolve("state-1"), log)) {
                Kafka.await(Duration.ofSeconds(180), "a third of the stream committed",
                        () -> committed(bootstrap, "kill-it", topics) >= stream.size() / 3);
                first.kill();
            }
            long committedAtKill = committed(bootstrap, "kill-it", topics);
            assertTrue(committedAtKill < stream.size(), "killed mid-stream: " + committedAtKill);
            System.out.printf("killed after %d of %d records were committed%n", committedAtKill, stream.size());
            long t = System.nanoTime();
            try (AnalyzerProcess second = AnalyzerProcess.start(bootstrap, "kill-it", dir.resolve("state-2"), log)) {
                Kafka.await(Duration.ofSeconds(300), "every brand's last post in its snapshot",
                        () -> stream.done(Stream.mix(bootstrap, topics)));
                System.out.printf("the restarted analyzer finished in %d ms%n", (System.nanoTime() - t) / 1_000_000);
            }
            stream.assertFinalMixExact(bootstrap, topics);
        }
    }

    @Test
    void whenOneOfTwoInstancesIsKilledTheOtherTakesOverItsBrands() throws Exception {
        Stream stream = Stream.generate(12, 300, 20_000);
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0)) {
            String bootstrap = kafka.bootstrapServers();
            Topics topics = Topics.defaults();
            dev.contentmix.events.TopicSetup.ensure(props(bootstrap), topics, 6, (short) 1);
            Path log = dir.resolve("analyzers.log");
            try (AnalyzerProcess a = AnalyzerProcess.start(bootstrap, "failover-it", dir.resolve("state-a"), log);
                 AnalyzerProcess b = AnalyzerProcess.start(bootstrap, "failover-it", dir.resolve("state-b"), log)) {
                int third = stream.size() / 3;
                stream.publish(bootstrap, topics, 0, third);
                Kafka.await(Duration.ofSeconds(120), "both instances at work",
                        () -> committed(bootstrap, "failover-it", topics) >= third / 2);
                b.kill();
                stream.publish(bootstrap, topics, third, stream.size());
                Kafka.await(Duration.ofSeconds(240), "every brand's last post in its snapshot",
                        () -> stream.done(Stream.mix(bootstrap, topics)));
                assertTrue(a.isAlive(), "the surviving instance kept running");
            }
            stream.assertFinalMixExact(bootstrap, topics);
        }
    }

    private static java.util.Properties props(String bootstrap) {
        java.util.Properties p = new java.util.Properties();
        p.put("bootstrap.servers", bootstrap);
        return p;
    }

    /** Records of the posts topic whose processing the group has committed. */
    private static long committed(String bootstrap, String group, Topics topics) {
        try (Admin admin = Admin.create(props(bootstrap))) {
            ListConsumerGroupOffsetsResult r = admin.listConsumerGroupOffsets(group);
            Map<TopicPartition, OffsetAndMetadata> offsets = r.partitionsToOffsetAndMetadata().get();
            return offsets.entrySet().stream().filter(e -> e.getKey().topic().equals(topics.posts.name()))
                    .filter(e -> e.getValue() != null).mapToLong(e -> e.getValue().offset()).sum();
        } catch (Exception e) {
            return 0;
        }
    }
}
