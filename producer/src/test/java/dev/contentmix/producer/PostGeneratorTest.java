package dev.contentmix.producer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.contentmix.events.Json;
import dev.contentmix.events.Label;
import dev.contentmix.events.Post;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class PostGeneratorTest {
    static List<PostGenerator.Generated> take(PostGenerator g, int n) {
        return Stream.generate(g::next).limit(n).toList();
    }

    @Test
    void sameSeedSameStreamOtherSeedOtherStream() {
        List<String> a = take(PostGenerator.builder(7).build(), 300).stream().map(g -> Json.writeString(g.post())).toList();
        List<String> b = take(PostGenerator.builder(7).build(), 300).stream().map(g -> Json.writeString(g.post())).toList();
        List<String> c = take(PostGenerator.builder(8).build(), 300).stream().map(g -> Json.writeString(g.post())).toList();
        assertEquals(a, b);
        assertNotEquals(a, c);
    }

    @Test
    void salesSharePerBrandIsCloseToItsTarget() {
        PostGenerator g = PostGenerator.builder(3).brands(4).salesShare(0.2).brandShare("acme", 0.45)
                .brandShare("fernhill", 0.05).build();
        assertEquals(5, g.brands().size(), "four generated brands (fernhill among them) plus acme");
        Map<String, int[]> counts = new HashMap<>();
        for (PostGenerator.Generated p : take(g, 2_000)) {
            int[] c = counts.computeIfAbsent(p.post().brand(), k -> new int[2]);
            c[0]++;
            c[1] += p.label() == Label.SALES ? 1 : 0;
        }
        for (PostGenerator.Brand brand : g.brands()) {
            int[] c = counts.get(brand.key());
            double share = (double) c[1] / c[0];
            assertEquals(brand.salesShare(), share, 0.02, brand.key() + " over " + c[0] + " posts");
        }
        assertEquals(0.45, g.brands().stream().filter(b -> b.key().equals("acme")).findFirst().orElseThrow()
                .salesShare());
    }

    @Test
    void textsAreVariedValidAndLabelledByConstruction() {
        PostGenerator g = PostGenerator.builder(11).brands(13).build();
        Map<String, String> domains = new HashMap<>();
        g.brands().forEach(b -> domains.put(b.key(), b.domain()));
        List<PostGenerator.Generated> posts = take(g, 2_000);
        Set<String> texts = new HashSet<>();
        posts.forEach(p -> texts.add(p.post().text()));
        assertTrue(texts.size() >= 1_800, "distinct texts: " + texts.size());
        // a commercial call to action never appears in a value text, and every sales text ends in one,
        // with a link to the brand's site or a plain ask
        Pattern cta = Pattern.compile("shop now|tap to shop|add to cart|order now|book now|book a demo|reserve your"
                + "|start your free|donate today|enroll now|apply now|buy now|use code|pre-order");
        Pattern ask = Pattern.compile("shop|cart|order|book|sign up|join"); // the calls to action without a link
        for (PostGenerator.Generated p : posts) {
            String t = p.post().text().toLowerCase(Locale.ROOT);
            if (p.label() == Label.VALUE) {
                assertFalse(cta.matcher(t).find(), "value text with a call to action: " + t);
            } else {
                assertTrue(t.contains(domains.get(p.post().brand())) || ask.matcher(t).find(),
                        "sales text without a link or an ask: " + t);
            }
            assertFalse(t.contains("{"), "unfilled slot: " + t);
            assertEquals(p.post(), Json.readPost(Json.write(p.post())), "round trip");
        }
        Set<String> industries = new HashSet<>();
        PostGenerator.builder(1).brands(13).build().brands().forEach(b -> industries.add(b.industry()));
        assertTrue(industries.size() >= 10, industries.toString());
    }

    @Test
    void timesIdsChannelsAndGoals() {
        Instant start = Instant.parse("2026-02-01T00:00:00Z");
        PostGenerator g = PostGenerator.builder(5).brands(3).start(start).spacing(Duration.ofMinutes(10))
                .channels(List.of("X", "linkedin")).goals(List.of("sales", "education")).build();
        List<PostGenerator.Generated> posts = take(g, 500);
        Instant previous = start;
        Set<String> ids = new HashSet<>();
        for (PostGenerator.Generated p : posts) {
            Post post = p.post();
            assertFalse(post.publishedAt().isBefore(previous), "times move forward");
            previous = post.publishedAt();
            assertTrue(ids.add(post.brand() + "/" + post.id()), "unique id " + post.id());
            assertTrue(post.id().startsWith(post.brand() + "-"));
            assertTrue(List.of("x", "linkedin").contains(post.channel()), post.channel());
            if (!post.goals().isEmpty()) {
                assertEquals(List.of(p.label() == Label.SALES ? "sales" : "education"), post.goals());
            }
        }
        assertTrue(previous.isBefore(start.plus(Duration.ofMinutes(5_000))));
        assertTrue(previous.isAfter(start.plus(Duration.ofMinutes(4_900))));
    }

    @Test
    void priceFormatsPerCurrency() {
        assertEquals("$17.99", PostGenerator.Money.format(18, "USD"));
        assertEquals("€1,094", PostGenerator.Money.format(1190, "EUR"));
        assertEquals("₹1,489", PostGenerator.Money.format(18, "INR"));
        assertEquals("R$ 89.99", PostGenerator.Money.format(18, "BRL"));
        assertEquals("£0", PostGenerator.Money.format(0, "GBP"));
    }

    @Test
    void builderRejectsNonsense() {
        assertThrows(IllegalArgumentException.class, () -> PostGenerator.builder(1).salesShare(1.5));
        assertThrows(IllegalArgumentException.class, () -> PostGenerator.builder(1).brandShare("acme", -0.1));
        assertThrows(IllegalArgumentException.class, () -> PostGenerator.builder(1).brands(0).build());
        assertThrows(RuntimeException.class, () -> PostGenerator.builder(1).goals(List.of("not a tag!")));
    }
}
