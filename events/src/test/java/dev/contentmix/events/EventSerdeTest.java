package dev.contentmix.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The JSON contracts: records round-trip through their serdes, and bad input is refused in plain words. */
class EventSerdeTest {

    private static <T> T roundTrip(org.apache.kafka.common.serialization.Serde<T> serde, T value) {
        return serde.deserializer().deserialize("t", serde.serializer().serialize("t", value));
    }

    @Test
    void recordsRoundTrip() {
        Post post = new Post("p1", "acme", "New drop. Tap to shop.", "Instagram", Instant.parse("2026-03-01T10:00:00Z"),
                List.of("Sales", "launch"), "dana", false);
        assertEquals("instagram", post.channel(), "channels are lower case");
        assertEquals(List.of("sales", "launch"), post.goals(), "goal tags are lower case");
        assertEquals(post, roundTrip(Topics.POST_SERDE, post));

        BrandPolicy policy = new BrandPolicy("acme", 0.25, Duration.ofDays(14), 40, 8, List.of("community"), null, null);
        assertEquals(0.20, policy.rearmBelow(), 1e-12, "re-arms 5 points under the limit by default");
        assertEquals(policy, roundTrip(Topics.POLICY_SERDE, policy));

        Classification c = new Classification("p1", "acme", "x", Label.SALES, 0.93, List.of("shop now"), GoalCheck.ALIGNED,
                List.of("sales"), "en", "m1", Instant.parse("2026-03-01T10:00:00Z"), Instant.parse("2026-03-01T10:00:01Z"));
        assertEquals(c, roundTrip(Topics.CLASSIFICATION_SERDE, c));

        BrandMix mix = new BrandMix("acme", Instant.parse("2026-03-01T10:00:00Z"), policy, BrandMix.Figures.of(2, 8),
                BrandMix.Figures.of(1, 4), Map.of("x", BrandMix.Figures.of(2, 8)), Map.of(), 0.1, MixStatus.WITHIN,
                new BrandMix.Headroom(0, 0), "p1");
        assertEquals(mix, roundTrip(Topics.MIX_SERDE, mix));
        assertEquals(0.2, mix.timeWindow().salesShare(), 1e-12);
    }

    @Test
    void timesInThePlainFormReadAsInstantParseReadsThem() {
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 20_000; i++) {
            Instant t = Instant.ofEpochSecond(random.nextLong(-62_000_000_000L, 250_000_000_000L),
                    random.nextInt(4) == 0 ? 0 : random.nextInt(1_000_000_000) / (int) Math.pow(10, random.nextInt(9)));
            String s = t.toString();
            assertEquals(s.startsWith("+") || s.startsWith("-") ? null : t, Json.plainUtc(s), s);
        }
        for (String other : List.of("2026-02-29T10:00:00Z", "2026-13-01T10:00:00Z", "2026-03-01T24:00:00Z",
                "2026-03-01T10:00:60Z", "2026-03-01T10:00:00", "2026-03-01T10:00:00+01:00", "2026-03-01 10:00:00Z",
                "2026-03-01T10:00:00.Z", "2026-03-01T10:00:00.1234567891Z", "2026-03-01T10:0a:00Z", " 2026-03-01T10:00:00Z")) {
            assertEquals(null, Json.plainUtc(other), other + " is left to the full parser");
        }
        assertEquals(Instant.parse("2024-02-29T23:59:59.5Z"), Json.plainUtc("2024-02-29T23:59:59.5Z"));
    }

    @Test
    void goalTagsAreCheckedAsThePatternSays() {
        java.util.Random random = new java.util.Random(7);
        String alphabet = "az09_-AZ. é\u0000";
        for (int i = 0; i < 50_000; i++) {
            StringBuilder b = new StringBuilder();
            for (int k = random.nextInt(44); k > 0; k--) {
                b.append(random.nextInt(3) == 0 ? alphabet.charAt(random.nextInt(alphabet.length()))
                        : (char) ('a' + random.nextInt(26)));
            }
            String s = b.toString();
            assertEquals(Limits.GOAL_TAG.matcher(s).matches(), Limits.isGoalTag(s), s);
        }
        for (String edge : List.of("", "a", "-a", "_a", "a-", "9_", "x".repeat(40), "x".repeat(41), "A")) {
            assertEquals(Limits.GOAL_TAG.matcher(edge).matches(), Limits.isGoalTag(edge), edge);
        }
    }

    @Test
    void aPolicyWithoutFieldsTakesTheDefaults() {
        BrandPolicy p = Json.readPolicy("{\"brand\":\"acme\"}".getBytes(StandardCharsets.UTF_8));
        assertEquals(BrandPolicy.defaults("acme"), p);
        assertEquals(0.20, p.maxSalesShare());
        assertEquals(Duration.ofDays(30), p.window());
        assertEquals(50, p.lastPosts());
        assertEquals(10, p.minPosts());
    }

    @Test
    void badInputIsRefusedInPlainWords() {
        assertReason("not valid JSON", "{\"id\":");
        assertReason("missing required field 'brand'", "{\"id\":\"1\",\"text\":\"hi\"}");
        assertReason("field 'text' is blank", "{\"id\":\"1\",\"brand\":\"a\",\"text\":\" \"}");
        assertReason("field 'goals' must be a list of strings, got a number", "{\"id\":\"1\",\"brand\":\"a\",\"text\":\"x\",\"goals\":5}");
        assertReason("field 'publishedAt' is out of range",
                "{\"id\":\"1\",\"brand\":\"a\",\"text\":\"x\",\"publishedAt\":\"1900-01-01T00:00:00Z\"}");
        InvalidRecordException e = assertThrows(InvalidRecordException.class,
                () -> Topics.POLICY_SERDE.deserializer().deserialize("t", "{\"brand\":\"a\",\"maxSalesShare\":2}"
                        .getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.reason().startsWith("field 'maxSalesShare' must be a share between 0 and 1"), e.reason());
    }

    @Test
    void settingsPassKafkaPrefixedValuesAndMaskSecrets() {
        KafkaSettings s = KafkaSettings.load(null, Map.of("CONTENTMIX_KAFKA_SASL_JAAS_CONFIG", "secret-jaas",
                "CONTENTMIX_KAFKA_SECURITY_PROTOCOL", "SASL_SSL", "KAFKA_BOOTSTRAP_SERVERS", "b:9093"), null);
        assertEquals("b:9093", s.bootstrapServers());
        assertEquals("SASL_SSL", s.clientProperties().get("security.protocol"));
        assertEquals("secret-jaas", s.clientProperties().get("sasl.jaas.config"));
        assertTrue(!s.toString().contains("secret-jaas") && s.toString().contains("****"), s.toString());
    }

    private static void assertReason(String expected, String json) {
        InvalidRecordException e = assertThrows(InvalidRecordException.class,
                () -> Topics.POST_SERDE.deserializer().deserialize("t", json.getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.reason().startsWith(expected), e.reason());
    }
}
