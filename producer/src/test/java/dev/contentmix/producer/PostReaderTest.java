package dev.contentmix.producer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.contentmix.events.Post;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PostReaderTest {
    static List<PostReader.Entry> read(PostReader r) {
        List<PostReader.Entry> out = new ArrayList<>();
        r.forEachRemaining(out::add);
        return out;
    }

    static ByteArrayInputStream in(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void jsonlReportsEachBadLineWithItsNumberAndReason() {
        String feed = """
                {"id":"1","brand":"acme","text":"Three ways to descale your kettle"}

                {"id":"2","text":"no brand here"}
                {"id":"3","brand":"acme","text":"   "}
                not json at all
                {"id":"4","brand":"acme","text":"Flash sale today","goals":["Sales"],"publishedAt":"2026-03-01T10:00:00Z"}\r
                """;
        List<PostReader.Entry> entries = read(PostReader.jsonl(in(feed), false));
        assertEquals(List.of(1L, 3L, 4L, 5L, 6L), entries.stream().map(PostReader.Entry::line).toList());
        assertEquals("missing required field 'brand'", entries.get(1).error());
        assertEquals("field 'text' is blank", entries.get(2).error());
        assertTrue(entries.get(3).error().startsWith("not valid JSON"), entries.get(3).error());
        Post last = entries.get(4).post();
        assertEquals(List.of("sales"), last.goals());
        assertEquals(Instant.parse("2026-03-01T10:00:00Z"), last.publishedAt());
        assertTrue(entries.get(0).ok());
    }

    @Test
    void jsonlWithoutTrailingNewlineReadsTheLastLine() {
        List<PostReader.Entry> entries = read(PostReader.jsonl(in("{\"id\":\"1\",\"brand\":\"a\",\"text\":\"t\"}"), false));
        assertEquals(1, entries.size());
        assertTrue(entries.get(0).ok());
    }

    @Test
    void rawModeKeepsBytesAndKeysByBrandWhenReadable() {
        String feed = "{\"id\":\"1\",\"brand\":\" acme \",\"text\":\"   \"}\n"
                + "{\"id\":\"2\",\"brand\":42,\"text\":\"x\"}\n"
                + "{broken\n"
                + "\n"
                + "[1,2]\n";
        List<PostReader.Entry> entries = read(PostReader.jsonl(in(feed), true));
        assertEquals(4, entries.size());
        assertTrue(entries.stream().allMatch(PostReader.Entry::ok));
        assertEquals("acme", entries.get(0).key());
        assertNull(entries.get(1).key());
        assertNull(entries.get(2).key());
        assertNull(entries.get(3).key());
        assertArrayEquals("{broken".getBytes(StandardCharsets.UTF_8), entries.get(2).raw());
        assertEquals(5L, entries.get(3).line());
    }

    @Test
    void overlongLineIsRejectedWithoutBufferingIt() {
        String big = "{\"id\":\"1\",\"brand\":\"a\",\"text\":\"" + "x".repeat(300_000) + "\"}\n"
                + "{\"id\":\"2\",\"brand\":\"a\",\"text\":\"ok\"}\n";
        List<PostReader.Entry> entries = read(PostReader.jsonl(in(big), true));
        assertTrue(entries.get(0).error().contains("over the record limit"), entries.get(0).error());
        assertTrue(entries.get(1).ok());
        assertEquals(2L, entries.get(1).line());
    }

    @Test
    void csvHandlesQuotingMultiLineFieldsGoalsAndLineNumbers() {
        String csv = """
                id,brand,text,channel,publishedAt,goals,author,deleted
                1,acme,"Three tips, quoted, with ""quotes\""",x,2026-03-01T10:00:00Z,education;community,Dana,
                2,acme,"A text
                over two lines",instagram,,,,false

                3,,missing brand,x,,,,
                4,acme,bad time,x,yesterday,,,
                5,acme,,x,,,,true
                6,acme,too,many,,,,,,
                """;
        List<PostReader.Entry> entries = read(PostReader.csv(in(csv)));
        assertEquals(List.of(2L, 3L, 6L, 7L, 8L, 9L), entries.stream().map(PostReader.Entry::line).toList());
        Post first = entries.get(0).post();
        assertEquals("Three tips, quoted, with \"quotes\"", first.text());
        assertEquals(List.of("education", "community"), first.goals());
        assertEquals("Dana", first.author());
        assertEquals("A text\nover two lines", entries.get(1).post().text());
        assertEquals("missing required field 'brand'", entries.get(2).error());
        assertTrue(entries.get(3).error().contains("publishedAt"), entries.get(3).error());
        assertTrue(entries.get(4).post().deleted());
        assertEquals("has 10 values, the header has 8", entries.get(5).error());
    }

    @Test
    void csvHeaderMayOmitOptionalColumnsAndAnyCase() {
        List<PostReader.Entry> entries = read(PostReader.csv(in("Brand,ID,Text\nacme,1,hello\n")));
        assertEquals("acme", entries.get(0).post().brand());
        assertEquals("1", entries.get(0).post().id());
    }

    @Test
    void csvHeaderErrorsAreUsageErrors() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> PostReader.csv(in("id,brand,text,colour\n")));
        assertTrue(unknown.getMessage().contains("unknown column(s) [colour]"), unknown.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> PostReader.csv(in("id,text\n")));
        assertTrue(missing.getMessage().contains("'brand'"), missing.getMessage());
    }

    @Test
    void csvBrokenQuoteIsReportedAndEndsTheFile() {
        String csv = "id,brand,text\n1,acme,ok\n2,acme,\"never closed\n3,acme,lost\n";
        List<PostReader.Entry> entries = read(PostReader.csv(in(csv)));
        assertTrue(entries.get(0).ok());
        assertEquals(3L, entries.get(1).line());
        assertTrue(entries.get(1).error().startsWith("malformed CSV"), entries.get(1).error());
        assertEquals(2, entries.size());
    }

    @Test
    void formatsFromNamesAndOptions() {
        assertEquals(PostReader.Format.CSV, PostReader.Format.ofFileName("posts.CSV"));
        assertEquals(PostReader.Format.JSONL, PostReader.Format.ofFileName("a/b.jsonl"));
        assertNull(PostReader.Format.ofFileName("posts.txt"));
        assertEquals(PostReader.Format.JSONL, PostReader.Format.parse("JsonL"));
        assertThrows(IllegalArgumentException.class, () -> PostReader.Format.parse("xml"));
    }
}
