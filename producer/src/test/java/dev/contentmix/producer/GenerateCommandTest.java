package dev.contentmix.producer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.contentmix.events.Json;
import dev.contentmix.events.Post;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class GenerateCommandTest {
    FakeSink sink = new FakeSink(0);
    StringWriter out;
    StringWriter err;

    int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        CommandLine cl = new CommandLine(new GenerateCommand(settings -> sink));
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void printIsDeterministicForASeedAndStart() {
        String[] args = {"--print", "--count", "200", "--seed", "9", "--start", "2026-03-01T00:00:00Z", "--brands", "3"};
        assertEquals(0, run(args));
        String first = out.toString();
        assertEquals(0, run(args));
        assertEquals(first, out.toString());
        List<Post> posts = first.lines().map(l -> Json.readPost(l.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .toList();
        assertEquals(200, posts.size());
        assertEquals(Instant.parse("2026-03-01T00:00:00Z"), posts.get(0).publishedAt().truncatedTo(
                java.time.temporal.ChronoUnit.DAYS));
        assertEquals(3, posts.stream().map(Post::brand).distinct().count());
        assertTrue(err.toString().startsWith("wrote 200 posts for 3 brands"), err.toString());
        assertTrue(sink.records.isEmpty(), "--print needs no Kafka");
    }

    @Test
    void sendsToTheSinkAndSummarisesSharesPerBrand() {
        assertEquals(0, run("--count", "400", "--seed", "1", "--brands", "2", "--brand", "acme=0.5",
                "--sales-share", "0.1"));
        assertEquals(400, sink.records.size());
        String summary = out.toString();
        assertTrue(summary.startsWith("sent 400 posts for 3 brands"), summary);
        assertTrue(summary.contains("(target 50%)") && summary.contains("(target 10%)"), summary);
        assertTrue(sink.closed);
    }

    @Test
    void defaultTimesEndNow() {
        // 50 brands posting 3 times a day: about ten minutes between two posts of the stream
        assertEquals(0, run("--print", "--count", "50", "--brands", "50"));
        Post last = Json.readPost(out.toString().lines().reduce((a, b) -> b).orElseThrow()
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertTrue(last.publishedAt().isAfter(Instant.now().minusSeconds(3600)), last.publishedAt().toString());
        // each post lands at a random moment of its slot; the last slot ends now
        assertFalse(last.publishedAt().isAfter(Instant.now()), last.publishedAt().toString());
    }

    @Test
    void sendFailuresMakeExitOne() {
        sink = new FakeSink(10);
        assertEquals(1, run("--count", "100", "--seed", "1"));
        assertTrue(err.toString().contains("10 post(s) could not be sent"), err.toString());
    }

    @Test
    void usageErrorsExitTwoWithOneLine() {
        for (String[] args : List.of(new String[] {"--sales-share", "1.5"}, new String[] {"--brand", "acme=2"},
                new String[] {"--count", "-1"}, new String[] {"--brands", "0"}, new String[] {"--goals", "bad tag!"},
                new String[] {"--start", "yesterday"}, new String[] {"--spacing", "-PT1M"})) {
            assertEquals(2, run(args), String.join(" ", args));
            assertFalse(err.toString().strip().contains("\n\tat "), err.toString());
        }
        assertTrue(sink.records.isEmpty());
    }
}
