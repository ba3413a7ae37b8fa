package dev.contentmix.producer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.contentmix.broker.EmbeddedKafka;
import dev.contentmix.events.Json;
import dev.contentmix.events.Post;
import dev.contentmix.events.Topics;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The commands against a real broker: what reaches the topics, keys included. */
class ProducerIT {
    static EmbeddedKafka kafka;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        kafka = EmbeddedKafka.startTemporary();
    }

    @AfterAll
    static void stop() {
        kafka.close();
    }

    record Run(int code, String out, String err) {
    }

    static Run run(Callable<Integer> command, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(command);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--bootstrap-servers", kafka.bootstrapServers()));
        int code = cl.execute(all.toArray(String[]::new));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void publishSendsEveryGoodLineKeyedByBrandAndReportsTheBadOnes() throws Exception {
        // given a feed of generated posts with two bad lines among them
        PostGenerator generator = PostGenerator.builder(21).brands(4).build();
        List<Post> good = new ArrayList<>();
        StringBuilder feed = new StringBuilder();
        for (int i = 0; i < 60; i++) {
            Post p = generator.next().post();
            good.add(p);
            feed.append(Json.writeString(p)).append('\n');
            if (i == 9) {
                feed.append("{\"id\":\"x\",\"brand\":\"acme\",\"text\":\" \"}\n");
            }
            if (i == 29) {
                feed.append("{not json\n");
            }
        }
        Path file = Files.writeString(dir.resolve("feed.jsonl"), feed, StandardCharsets.UTF_8);

        // when it is published
        Run r = run(new PublishCommand(), file.toString());

        // then every good line is on the topic, keyed by its brand, and each bad one was named
        assertEquals(1, r.code(), r.err());
        assertEquals("sent 60, rejected 2", r.out().strip());
        assertEquals("line 11: field 'text' is blank", r.err().lines().toList().get(0));
        assertTrue(r.err().lines().toList().get(1).startsWith("line 32: not valid JSON"), r.err());
        Map<String, String> keyById = new HashMap<>();
        for (ConsumerRecord<String, byte[]> rec : readAll(Topics.defaults().posts.name(), 60)) {
            Post p = Json.readPost(rec.value());
            keyById.put(p.id(), rec.key());
        }
        for (Post p : good) {
            assertEquals(p.brand(), keyById.get(p.id()), p.id());
        }
        assertEquals(60, keyById.size());
    }

    @Test
    void policySetThenShowAndListThenDelete() {
        Run set = run(new PolicyCommand(), "set", "zest", "--max-sales-share", "0.25", "--window", "P14D",
                "--goals", "education,sales");
        assertEquals(0, set.code(), set.err());
        assertTrue(set.out().contains("max sales share    25%"), set.out());
        assertEquals(0, run(new PolicyCommand(), "set", "acme", "--last-posts", "30").code());
        assertEquals(0, run(new PolicyCommand(), "set", "zest", "--max-sales-share", "0.3", "--window", "P14D",
                "--goals", "education,sales").code());

        Run show = run(new PolicyCommand(), "show", "zest", "--json");
        assertEquals(0, show.code(), show.err());
        assertEquals("{\"brand\":\"zest\",\"maxSalesShare\":0.3,\"window\":\"PT336H\",\"lastPosts\":50,\"minPosts\":10,"
                + "\"goals\":[\"education\",\"sales\"],\"rearmBelow\":0.25,\"maxOffGoalShare\":0.3}", show.out().strip());

        Run list = run(new PolicyCommand(), "list");
        assertEquals(0, list.code(), list.err());
        List<String> rows = list.out().lines().toList();
        assertEquals(3, rows.size(), list.out());
        assertTrue(rows.get(1).startsWith("acme ") && rows.get(1).contains(" 30 "), rows.get(1));
        assertTrue(rows.get(2).startsWith("zest ") && rows.get(2).contains("30%") && rows.get(2).contains("P14D"),
                rows.get(2));

        assertEquals(0, run(new PolicyCommand(), "delete", "zest").code());
        Run after = run(new PolicyCommand(), "show", "zest");
        assertEquals(0, after.code());
        assertTrue(after.out().startsWith("zest has no policy; the defaults apply:"), after.out());
        assertTrue(after.out().contains("max sales share    20%"), after.out());
        assertEquals(1, run(new PolicyCommand(), "list", "--json").out().lines().count());
    }

    @Test
    void unreachableKafkaIsOneLine() throws Exception {
        Path config = Files.writeString(dir.resolve("client.properties"), "kafka.max.block.ms=1500\n");
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new PolicyCommand());
        cl.setErr(new PrintWriter(err, true));
        cl.setOut(new PrintWriter(new StringWriter(), true));
        int code = cl.execute("set", "acme", "--bootstrap-servers", "127.0.0.1:1", "--no-create-topics",
                "--config", config.toString());
        assertEquals(1, code);
        assertEquals(1, err.toString().strip().lines().count(), err.toString());
    }

    private static List<ConsumerRecord<String, byte[]>> readAll(String topic, int expected) {
        Properties p = new Properties();
        p.put("bootstrap.servers", kafka.bootstrapServers());
        List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = c.partitionsFor(topic).stream()
                    .map(i -> new TopicPartition(topic, i.partition())).toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (out.size() < expected && System.nanoTime() < deadline) {
                c.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        return out;
    }
}
