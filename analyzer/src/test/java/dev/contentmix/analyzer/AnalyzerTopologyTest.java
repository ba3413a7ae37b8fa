package dev.contentmix.analyzer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.contentmix.events.BrandPolicy;
import dev.contentmix.events.Classification;
import dev.contentmix.events.DeadLetters;
import dev.contentmix.events.GoalCheck;
import dev.contentmix.events.Label;
import dev.contentmix.events.Limits;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AnalyzerTopologyTest {
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private final TopologyFixture f = new TopologyFixture();

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void classifiesAValidPostKeyedByBrand() {
        f.send("acme", "{\"id\":\"p1\",\"brand\":\"acme\",\"text\":\"BUY now, 20% off\",\"channel\":\"X\","
                + "\"goals\":[\"Sales\"]}", T0);

        TestRecord<String, Classification> out = f.classified.readRecord();
        assertEquals("acme", out.key());
        Classification c = out.value();
        assertEquals("p1", c.postId());
        assertEquals(Label.SALES, c.label());
        assertEquals("x", c.channel());
        assertEquals(List.of("sales"), c.goals());
        assertEquals(GoalCheck.ALIGNED, c.goalCheck(), "no declared goals: nothing to drift from");
        assertEquals(T0, c.publishedAt(), "publishedAt defaults to the record timestamp");
        assertEquals("fake-1", c.modelVersion());
        assertTrue(f.deadLetters.isEmpty());
        assertEquals(1.0, f.registry.get("contentmix.posts.classified").tag("label", "sales").counter().count());
    }

    @Test
    void keepsAnExplicitPublicationTime() {
        f.send("acme", "{\"id\":\"p1\",\"brand\":\"acme\",\"text\":\"hello\",\"publishedAt\":\"2026-02-01T08:00:00+01:00\"}", T0);
        assertEquals(Instant.parse("2026-02-01T07:00:00Z"), f.classified.readValue().publishedAt());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "not json            | acme | {oops                                        | not valid JSON",
        "json array          | acme | [1,2]                                        | not a JSON object (got array)",
        "missing brand       | acme | {\"id\":\"1\",\"text\":\"hi\"}               | missing required field 'brand'",
        "missing id          | acme | {\"brand\":\"acme\",\"text\":\"hi\"}        | missing required field 'id'",
        "blank text          | acme | {\"id\":\"1\",\"brand\":\"acme\",\"text\":\"  \"} | field 'text' is blank",
        "text not a string   | acme | {\"id\":\"1\",\"brand\":\"acme\",\"text\":5} | field 'text' must be a string, got a number",
        "bad time            | acme | {\"id\":\"1\",\"brand\":\"acme\",\"text\":\"x\",\"publishedAt\":\"yesterday\"} | field 'publishedAt' is not an ISO-8601 time",
        "bad goal tag        | acme | {\"id\":\"1\",\"brand\":\"acme\",\"text\":\"x\",\"goals\":[\"a b\"]} | goal tag 'a b' has an invalid format",
        "key mismatch        | zeta | {\"id\":\"1\",\"brand\":\"acme\",\"text\":\"x\"} | record key 'zeta' does not match the post's brand 'acme'",
    })
    void routesUnusableRecordsToDeadLettersWithAReason(String name, String key, String json, String reason) {
        f.send(key, json, T0);

        TestRecord<byte[], byte[]> dl = f.deadLetters.readRecord();
        assertArrayEquals(json.getBytes(StandardCharsets.UTF_8), dl.value(), "original bytes kept");
        assertArrayEquals(key.getBytes(StandardCharsets.UTF_8), dl.key(), "original key kept");
        String got = DeadLetters.header(dl.headers(), DeadLetters.REASON);
        assertTrue(got.startsWith(reason), () -> "reason was: " + got);
        assertEquals(f.topics.posts.name(), DeadLetters.header(dl.headers(), DeadLetters.SOURCE_TOPIC));
        assertEquals("0", DeadLetters.header(dl.headers(), DeadLetters.SOURCE_PARTITION));
        assertEquals("0", DeadLetters.header(dl.headers(), DeadLetters.SOURCE_OFFSET));
        assertTrue(f.classified.isEmpty());
    }

    @Test
    void rejectsMissingKeyInvalidUtf8AndOversizedText() {
        f.send(null, "{\"id\":\"1\",\"brand\":\"acme\",\"text\":\"x\"}", T0);
        f.posts.pipeInput(new byte[] {(byte) 0xC3, (byte) 0x28},
                TopologyFixture.utf8("{\"id\":\"1\",\"brand\":\"acme\",\"text\":\"x\"}"), T0);
        f.posts.pipeInput(TopologyFixture.utf8("acme"), new byte[] {'{', '"', (byte) 0xFF, '"', ':', '1', '}'}, T0);
        f.send("acme", "{\"id\":\"1\",\"brand\":\"acme\",\"text\":\"" + "a".repeat(Limits.MAX_TEXT_CHARS + 1) + "\"}", T0);
        f.posts.pipeInput(TopologyFixture.utf8("acme"), null, T0);

        List<org.apache.kafka.streams.test.TestRecord<byte[], byte[]>> dead = f.deadLetters.readRecordsToList();
        List<String> reasons = dead.stream().map(r -> DeadLetters.header(r.headers(), DeadLetters.REASON)).toList();
        assertEquals(5, reasons.size(), reasons::toString);
        // each dead letter keeps its record's key as it was: missing, not UTF-8, or the brand
        assertEquals(null, dead.get(0).key());
        assertArrayEquals(new byte[] {(byte) 0xC3, (byte) 0x28}, dead.get(1).key());
        assertArrayEquals(TopologyFixture.utf8("acme"), dead.get(2).key());
        assertTrue(reasons.get(0).startsWith("record key is missing"), reasons.get(0));
        assertTrue(reasons.get(1).startsWith("record key is not valid UTF-8"), reasons.get(1));
        assertTrue(reasons.get(2).startsWith("not valid JSON"), reasons.get(2));
        assertTrue(reasons.get(3).contains("over the limit of " + Limits.MAX_TEXT_CHARS), reasons.get(3));
        assertTrue(reasons.get(4).startsWith("empty record value"), reasons.get(4));
        assertTrue(f.classified.isEmpty());
        assertEquals(5.0, f.registry.find("contentmix.dead.letters").counters().stream()
                .mapToDouble(c -> c.count()).sum());
    }

    @Test
    void aBrokenValueIsReportedBeforeAMissingKey() {
        f.send(null, "{oops", T0);
        String reason = DeadLetters.header(f.deadLetters.readRecord().headers(), DeadLetters.REASON);
        assertTrue(reason.startsWith("not valid JSON"), reason);
    }

    @Test
    void keepsGoingAfterBadInput() {
        f.send("acme", "{oops", T0);
        f.send("acme", "{\"id\":\"2\",\"brand\":\"acme\",\"text\":\"tips for you\"}", T0);
        assertEquals(1, f.deadLetters.readRecordsToList().size());
        assertEquals("2", f.classified.readValue().postId());
    }

    @Test
    void aDeletionIsNeitherClassifiedNorRejected() {
        f.send("acme", "{\"id\":\"1\",\"brand\":\"acme\",\"deleted\":true}", T0);
        assertTrue(f.classified.isEmpty());
        assertTrue(f.deadLetters.isEmpty());
        assertEquals(1.0, f.registry.get("contentmix.posts.deleted").counter().count());
    }

    @Test
    void checksGoalsAgainstTheBrandPolicy() {
        f.policies.pipeInput("acme", new BrandPolicy("acme", null, null, null, null, List.of("community", "sales"),
                null, null), T0);
        f.send("acme", "{\"id\":\"1\",\"brand\":\"acme\",\"text\":\"BUY it\",\"goals\":[\"community\"]}", T0);
        f.send("acme", "{\"id\":\"2\",\"brand\":\"acme\",\"text\":\"BUY it\",\"goals\":[\"sales\"]}", T0);
        f.send("acme", "{\"id\":\"3\",\"brand\":\"acme\",\"text\":\"a tip\",\"goals\":[\"community\"]}", T0);
        f.send("acme", "{\"id\":\"4\",\"brand\":\"acme\",\"text\":\"a tip\",\"goals\":[\"awareness\"]}", T0);
        f.send("acme", "{\"id\":\"5\",\"brand\":\"acme\",\"text\":\"a tip\"}", T0);

        List<GoalCheck> checks = f.classified.readValuesToList().stream().map(Classification::goalCheck).toList();
        assertEquals(List.of(GoalCheck.OFF_GOAL, GoalCheck.ALIGNED, GoalCheck.ALIGNED, GoalCheck.OFF_GOAL,
                GoalCheck.UNTAGGED), checks);
    }

    @Test
    void ignoresAnUnreadablePolicyAndKeepsTheOneInForce() {
        f.policies.pipeInput("acme", new BrandPolicy("acme", null, null, null, null, List.of("sales"),
                null, null), T0);
        f.rawPolicies.pipeInput("acme", TopologyFixture.utf8("{\"brand\":\"acme\",\"maxSalesShare\":7}"), T0);
        f.send("acme", "{\"id\":\"1\",\"brand\":\"acme\",\"text\":\"BUY\",\"goals\":[\"community\"]}", T0);
        assertEquals(GoalCheck.OFF_GOAL, f.classified.readValue().goalCheck());
        assertEquals(1.0, f.registry.get("contentmix.policies.invalid").counter().count());
        assertNull(f.driver.getKeyValueStore("unknown-store"));
    }
}
