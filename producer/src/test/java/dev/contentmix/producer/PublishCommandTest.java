package dev.contentmix.producer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class PublishCommandTest {
    @TempDir
    Path dir;

    FakeSink sink = new FakeSink(0);
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    int run(String... args) {
        CommandLine cl = new CommandLine(new PublishCommand(settings -> sink));
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    Path file(String name, String content) throws Exception {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    static final String FEED = """
            {"id":"1","brand":"acme","text":"Three ways to descale your kettle"}
            {"id":"2","text":"no brand"}
            {"id":"3","brand":"zest","text":"48 hours only: 30% off. Shop now"}
            {"id":"4","brand":"acme","text":""}
            {"id":"5","brand":"zest","text":"We're hiring"}
            """;

    @Test
    void goodLinesAreSentBadOnesReportedOneLineEach() throws Exception {
        assertEquals(1, run(file("feed.jsonl", FEED).toString()));
        assertEquals(List.of("acme", "zest", "zest"), sink.records.stream().map(FakeSink.Sent::key).toList());
        assertEquals("line 2: missing required field 'brand'\nline 4: field 'text' is blank\n",
                err.toString().replace("\r", ""));
        assertEquals("sent 3, rejected 2", out.toString().strip());
        assertTrue(sink.closed);
    }

    @Test
    void allGoodIsExitZero() throws Exception {
        String csv = "id,brand,text,goals\n1,acme,\"Tips, with commas\",education;community\n";
        assertEquals(0, run(file("feed.csv", csv).toString()));
        assertEquals("sent 1, rejected 0", out.toString().strip());
        assertEquals("", err.toString());
    }

    @Test
    void failFastStopsAtTheFirstBadLine() throws Exception {
        assertEquals(1, run("--fail-fast", file("feed.jsonl", FEED).toString()));
        assertEquals(1, sink.records.size());
        assertTrue(err.toString().startsWith("line 2: missing required field 'brand'"), err.toString());
        assertTrue(err.toString().contains("stopped at line 2"));
        assertEquals("sent 1, rejected 1", out.toString().strip());
    }

    @Test
    void rawSendsEveryNonEmptyLineKeyedByBrandWhenReadable() throws Exception {
        String feed = "{\"id\":\"1\",\"brand\":\"acme\",\"text\":\"  \"}\n{oops\n\n{\"brand\":\"zest\"}\n";
        assertEquals(0, run("--raw", file("feed.txt", feed).toString(), "--format", "jsonl"));
        assertEquals(3, sink.records.size());
        assertEquals("acme", sink.records.get(0).key());
        assertNull(sink.records.get(1).key());
        assertEquals("{oops", new String(sink.records.get(1).value(), StandardCharsets.UTF_8));
        assertEquals("zest", sink.records.get(2).key());
    }

    @Test
    void sendFailuresAreCountedAndReported() throws Exception {
        sink = new FakeSink(2);
        assertEquals(1, run(file("feed.jsonl", FEED).toString()));
        assertEquals("sent 2, rejected 2, failed 1", out.toString().strip());
        assertTrue(err.toString().contains("1 record(s) could not be sent; first error: TimeoutException"),
                err.toString());
    }

    @Test
    void usageErrorsAreOneLineAndExitTwo() throws Exception {
        assertEquals(2, run(dir.resolve("missing.jsonl").toString()));
        assertEquals("contentmix publish: no such file: " + dir.resolve("missing.jsonl"), err.toString().strip());
        assertUsage("cannot tell the format", file("feed.txt", FEED).toString());
        assertUsage("unknown format 'xml'", "--format", "xml", "-");
        assertUsage("--raw works with JSONL input only", "--raw", file("f.csv", "id,brand,text\n").toString());
        assertUsage("unknown column(s) [colour]", file("g.csv", "id,brand,text,colour\n").toString());
        assertTrue(sink.records.isEmpty());
    }

    @Test
    void picocliUsageErrorsExitTwo() {
        assertEquals(2, run());
        assertEquals(2, run("--no-such-option", "x.jsonl"));
    }

    private void assertUsage(String message, String... args) {
        err.getBuffer().setLength(0);
        assertEquals(2, run(args));
        String e = err.toString().strip();
        assertTrue(e.contains(message), e);
        assertFalse(e.contains("\n"), "one line: " + e);
        assertFalse(e.contains("Exception"), e);
    }
}
