package dev.contentmix.analyzer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.contentmix.events.DeadLetters;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hostile input, property style: for each seed, 3,000 generated and mutated records of every kind
 * (invalid JSON, wrong types, missing and null fields, blank and oversized texts, invalid UTF-8,
 * control characters, absurd times, thousands of goal tags, colliding ids, tombstones, random
 * bytes) go through the real topology. Every record must be classified, applied as a deletion or
 * dead-lettered with a readable reason; nothing stops the stream and the counts add up. Ten seeds:
 * 30,000 records per run, reproducible from the seed in the test name.
 */
class HostileInputPropertyTest {
    private static final String[] BRANDS = {"acme", "zeta", "Nørd Café", "a"};
    private static final int RECORDS = 3_000;

    record Rec(byte[] key, byte[] value) {
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
    void everyRecordIsAccountedFor(long seed) {
        Random rnd = new Random(seed);
        List<Rec> batch = new ArrayList<>(RECORDS);
        List<Supplier<Rec>> kinds = List.of(() -> validPost(rnd), () -> mutated(rnd), () -> wrongType(rnd),
                () -> oddValue(rnd), () -> randomBytes(rnd));
        for (int i = 0; i < RECORDS; i++) {
            batch.add(kinds.get(rnd.nextInt(kinds.size())).get());
        }
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

    private static <T> T pick(Random rnd, List<T> xs) {
        return xs.get(rnd.nextInt(xs.size()));
    }

    private static String randomString(Random rnd, int max) {
        int n = rnd.nextInt(max + 1);
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            int kind = rnd.nextInt(12);
            if (kind == 10) {
                // letters outside the BMP ("𝐍𝐄𝐖" styled text): once made the normaliser loop until out of memory
                b.appendCodePoint(0x1D400 + rnd.nextInt(0x2A4));
            } else if (kind == 11) {
                b.append((char) (0xD800 + rnd.nextInt(0x800))); // a lone surrogate
            } else {
                b.appendCodePoint(kind < 6 ? 'a' + rnd.nextInt(26) : kind < 8 ? rnd.nextInt(0x20) : kind < 9
                        ? 0x1F600 + rnd.nextInt(80) : 0x80 + rnd.nextInt(0x2000));
            }
        }
        return b.toString();
    }

    private static String text(Random rnd) {
        return switch (rnd.nextInt(4)) {
            case 0 -> pick(rnd, List.of("Shop now: 30% off with code SAVE30", "Three ways to descale your kettle",
                    "🔥🔥🔥", "New drop. Tap to shop.", "We're hiring!", "ok"));
            case 1 -> randomString(rnd, 200);
            case 2 -> " \t\n\r".substring(0, rnd.nextInt(5));
            default -> "x".repeat(9_990 + rnd.nextInt(20));
        };
    }

    static String json(String s) {
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

    private static Rec validPost(Random rnd) {
        String key = pick(rnd, List.of(BRANDS));
        String brand = rnd.nextInt(5) == 0 ? pick(rnd, List.of(BRANDS)) : key;
        String id = Integer.toString(rnd.nextInt(50)); // ids collide on purpose
        String time = pick(rnd, List.of("2026-03-01T10:00:00Z", "2026-02-01T00:00:00+02:00", "1970-01-01T00:00:00Z",
                "+999999999-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z", "2026-13-40T00:00:00Z", ""));
        String goals = pick(rnd, List.of("[]", "[\"sales\"]", "[\"community\",\"sales\"]", "\"sales, awareness\"",
                "[" + "\"g\",".repeat(5000) + "\"g\"]", "[\"bad tag!\"]", "[null]", "[1,2]"));
        boolean deleted = rnd.nextInt(10) == 0;
        return new Rec(utf8(key), utf8("{\"id\":" + json(id) + ",\"brand\":" + json(brand) + ",\"text\":"
                + json(text(rnd)) + ",\"publishedAt\":" + json(time) + ",\"goals\":" + goals
                + (deleted ? ",\"deleted\":true" : "") + "}"));
    }

    private static Rec mutated(Random rnd) {
        Rec rec = validPost(rnd);
        byte[] v = rec.value().clone();
        int i = rnd.nextInt(v.length);
        return switch (rnd.nextInt(3)) {
            case 0 -> {
                v[i] = (byte) rnd.nextInt(256); // a flipped byte: broken JSON or invalid UTF-8
                yield new Rec(rec.key(), v);
            }
            case 1 -> new Rec(rec.key(), Arrays.copyOf(v, i)); // truncated
            default -> new Rec(null, v); // no key
        };
    }

    private static Rec wrongType(Random rnd) {
        return new Rec(utf8(pick(rnd, List.of(BRANDS))), utf8(pick(rnd, List.of(
                "{\"id\":1,\"brand\":\"acme\",\"text\":\"x\"}", "{\"id\":\"1\",\"brand\":[\"acme\"],\"text\":\"x\"}",
                "{\"id\":\"1\",\"brand\":\"acme\",\"text\":{\"a\":1}}", "{\"id\":null,\"brand\":\"acme\",\"text\":\"x\"}",
                "{\"id\":\"1\",\"brand\":\"acme\",\"text\":null}", "{\"id\":\"1\",\"brand\":\"acme\",\"text\":\"x\",\"deleted\":\"yes\"}",
                "{\"id\":\"1\",\"brand\":\"acme\",\"text\":\"x\",\"publishedAt\":12345}", "{}", "[]", "null", "42", "\"text\"",
                "{\"id\":\"" + "i".repeat(300) + "\",\"brand\":\"acme\",\"text\":\"x\"}",
                "{\"id\":\"1\",\"brand\":\"ac\\u0000me\",\"text\":\"x\"}"))));
    }

    private static Rec oddValue(Random rnd) {
        return switch (rnd.nextInt(5)) {
            case 0 -> new Rec(utf8("acme"), null); // tombstone
            case 1 -> new Rec(utf8("acme"), new byte[0]);
            case 2 -> new Rec(new byte[] {(byte) 0xFF, (byte) 0xFE}, utf8("{\"id\":\"1\",\"brand\":\"acme\",\"text\":\"x\"}"));
            case 3 -> new Rec(utf8("acme"), utf8("{\"id\":\"1\",\"brand\":\"acme\",\"text\":\""
                    + "x".repeat(1_000_000 + rnd.nextInt(1000)) + "\"}")); // a megabyte of text
            default -> new Rec(utf8("acme"), utf8("[".repeat(10_000)));
        };
    }

    private static Rec randomBytes(Random rnd) {
        byte[] k = new byte[rnd.nextInt(64)];
        byte[] v = new byte[rnd.nextInt(512)];
        rnd.nextBytes(k);
        rnd.nextBytes(v);
        return new Rec(k, v);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
