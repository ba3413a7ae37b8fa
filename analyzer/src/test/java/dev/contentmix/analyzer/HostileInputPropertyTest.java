package dev.contentmix.analyzer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.contentmix.events.DeadLetters;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.kafka.streams.test.TestRecord;

/**
 * Hostile input: generated and mutated records of every kind thrown at the real topology. Every
 * record must be classified, applied as a deletion, or dead-lettered with a reason; nothing stops
 * the stream and the counts add up. 300 tries of 80 records each: 24,000 records per run.
 */
class HostileInputPropertyTest {
    private static final String[] BRANDS = {"acme", "zeta", "Nørd Café", "a"};

    record Rec(byte[] key, byte[] value) {
    }

    @Property(tries = 300)
    void everyRecordIsAccountedFor(@ForAll("batches") List<Rec> batch) {
        try (TopologyFixture f = new TopologyFixture()) {
            Instant t = Instant.parse("2026-03-01T00:00:00Z");
            for (Rec r : batch) {
                f.posts.pipeInput(new TestRecord<>(r.key(), r.value(), t));
                t = t.plusSeconds(60);
            }
            int classified = f.classified.readRecordsToList().size();
            List<TestRecord<byte[], byte[]>> dead = f.deadLetters.readRecordsToList();
            for (TestRecord<byte[], byte[]> d : dead) {
                String reason = DeadLetters.header(d.headers(), DeadLetters.REASON);
                assertNotNull(reason);
                assertFalse(reason.isBlank());
                assertFalse(reason.contains("Exception"), reason);
            }
            double deleted = f.registry.get("contentmix.posts.deleted").counter().count();
            assertEquals(batch.size(), classified + dead.size() + (int) deleted,
                    "classified " + classified + ", dead " + dead.size() + ", deleted " + deleted);
        }
    }

    @Provide
    Arbitrary<List<Rec>> batches() {
        return Arbitraries.oneOf(validPost(), mutated(), wrongTypes(), oddValues(), raw())
                .list().ofMinSize(1).ofMaxSize(80);
    }

    private static Arbitrary<String> brand() {
        return Arbitraries.of(BRANDS);
    }

    private static Arbitrary<String> text() {
        return Arbitraries.oneOf(
                Arbitraries.of("Shop now: 30% off with code SAVE30", "Three ways to descale your kettle", "🔥🔥🔥",
                        "New drop. Tap to shop.", "We're hiring!", "ok"),
                Arbitraries.strings().ofMinLength(0).ofMaxLength(200),
                Arbitraries.strings().withChars(" \t\n\r").ofMaxLength(5),
                Arbitraries.strings().ascii().ofMinLength(9_990).ofMaxLength(10_010));
    }

    private static String json(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    private static Arbitrary<Rec> validPost() {
        Arbitrary<String> ids = Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(4);
        Arbitrary<String> times = Arbitraries.of("2026-03-01T10:00:00Z", "2026-02-01T00:00:00+02:00",
                "1970-01-01T00:00:00Z", "+999999999-12-31T23:59:59Z", "2026-13-40T00:00:00Z", "");
        Arbitrary<String> goals = Arbitraries.of("[]", "[\"sales\"]", "[\"community\",\"sales\"]", "\"sales, awareness\"",
                "[" + "\"g\",".repeat(5000) + "\"g\"]", "[\"bad tag!\"]", "[null]", "[1,2]");
        return Combinators.combine(brand(), brand(), ids, text(), times, goals, Arbitraries.of(false, true))
                .as((key, brand, id, text, time, g, deleted) -> new Rec(utf8(key),
                        utf8("{\"id\":" + json(id) + ",\"brand\":" + json(brand) + ",\"text\":" + json(text)
                                + ",\"publishedAt\":" + json(time) + ",\"goals\":" + g
                                + (deleted ? ",\"deleted\":true" : "") + "}")));
    }

    private static Arbitrary<Rec> mutated() {
        return Combinators.combine(validPost(), Arbitraries.integers().between(0, 1000),
                Arbitraries.integers().between(0, 255), Arbitraries.of(0, 1, 2))
                .as((rec, pos, b, how) -> {
                    byte[] v = rec.value().clone();
                    int i = pos % v.length;
                    if (how == 0) {
                        v[i] = (byte) b.intValue(); // flip a byte: broken JSON or invalid UTF-8
                        return new Rec(rec.key(), v);
                    }
                    if (how == 1) {
                        return new Rec(rec.key(), java.util.Arrays.copyOf(v, i)); // truncated
                    }
                    return new Rec(null, v); // no key
                });
    }

    private static Arbitrary<Rec> wrongTypes() {
        return Combinators.combine(brand(), Arbitraries.of(
                "{\"id\":1,\"brand\":\"acme\",\"text\":\"x\"}", "{\"id\":\"1\",\"brand\":[\"acme\"],\"text\":\"x\"}",
                "{\"id\":\"1\",\"brand\":\"acme\",\"text\":{\"a\":1}}", "{\"id\":null,\"brand\":\"acme\",\"text\":\"x\"}",
                "{\"id\":\"1\",\"brand\":\"acme\",\"text\":null}", "{\"id\":\"1\",\"brand\":\"acme\",\"text\":\"x\",\"deleted\":\"yes\"}",
                "{\"id\":\"1\",\"brand\":\"acme\",\"text\":\"x\",\"publishedAt\":12345}", "{}", "[]", "null", "42", "\"text\"",
                "{\"id\":\"" + "i".repeat(300) + "\",\"brand\":\"acme\",\"text\":\"x\"}",
                "{\"id\":\"1\",\"brand\":\"ac\\u0000me\",\"text\":\"x\"}"))
                .as((key, v) -> new Rec(utf8(key), utf8(v)));
    }

    private static Arbitrary<Rec> oddValues() {
        return Arbitraries.of(
                new Rec(utf8("acme"), null),
                new Rec(utf8("acme"), new byte[0]),
                new Rec(new byte[] {(byte) 0xFF, (byte) 0xFE}, utf8("{\"id\":\"1\",\"brand\":\"acme\",\"text\":\"x\"}")),
                new Rec(utf8("acme"), utf8("{\"id\":\"1\",\"brand\":\"acme\",\"text\":\"" + "x".repeat(300_000) + "\"}")),
                new Rec(utf8("acme"), utf8("[".repeat(10_000))));
    }

    private static Arbitrary<Rec> raw() {
        return Combinators.combine(Arbitraries.bytes().array(byte[].class).ofMaxSize(64),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(512)).as(Rec::new);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

}
