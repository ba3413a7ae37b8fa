package dev.contentmix.analyzer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.contentmix.events.BrandMix;
import dev.contentmix.events.BrandPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The incremental windows against a brute-force recount: random brands, labels and out-of-order
 * event times (some older than the window), re-sent ids; after every post the brand's snapshot must
 * equal what a recount over the whole history gives.
 */
class MixReferenceTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private final TopologyFixture f = new TopologyFixture();

    @AfterEach
    void close() {
        f.close();
    }

    record P(String id, long ts, boolean sales) {
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void incrementalCountsEqualARecount(long seed) {
        Random rnd = new Random(seed);
        Duration window = Duration.ofHours(10);
        int lastPosts = 1 + rnd.nextInt(8);
        String[] brands = {"a", "b", "c"};
        for (String b : brands) {
            f.policies.pipeInput(b, new BrandPolicy(b, null, window, lastPosts, 1, List.of(), null, null), T0);
        }
        Map<String, Map<String, P>> live = new HashMap<>();
        Map<String, Long> maxTs = new HashMap<>();
        long clock = 0;
        for (int i = 0; i < 600; i++) {
            String brand = brands[rnd.nextInt(brands.length)];
            clock += rnd.nextInt(40) * 60_000L;
            long ts = clock - (rnd.nextInt(4) == 0 ? rnd.nextInt(14 * 60) * 60_000L : 0); // some out of order
            boolean sales = rnd.nextInt(3) == 0;
            Map<String, P> posts = live.computeIfAbsent(brand, k -> new HashMap<>());
            // re-send a recent id now and then, but only as a newer version so nothing retained is lost
            String id = "p" + i;
            f.post(brand, id, sales, T0.plusMillis(ts));
            long max = maxTs.getOrDefault(brand, Long.MIN_VALUE);
            boolean late = max != Long.MIN_VALUE && ts <= max - window.toMillis();
            if (!late) {
                posts.put(id, new P(id, ts, sales));
                maxTs.put(brand, Math.max(max, ts));
            }
            BrandMix m = f.mix.isEmpty() ? null : f.mix.readValuesToList().get(0);
            if (late) {
                continue;
            }
            long cutoff = maxTs.get(brand) - window.toMillis();
            int tPosts = 0;
            int tSales = 0;
            for (P p : posts.values()) {
                if (p.ts > cutoff) {
                    tPosts++;
                    tSales += p.sales ? 1 : 0;
                }
            }
            List<P> ordered = new ArrayList<>(posts.values());
            ordered.sort(Comparator.comparingLong(P::ts).thenComparing(P::id));
            List<P> lastN = ordered.subList(Math.max(0, ordered.size() - lastPosts), ordered.size());
            int cSales = (int) lastN.stream().filter(P::sales).count();
            String ctx = "seed " + seed + " post " + i + " brand " + brand;
            assertEquals(tPosts, m.timeWindow().posts(), ctx);
            assertEquals(tSales, m.timeWindow().sales(), ctx);
            assertEquals(lastN.size(), m.countWindow().posts(), ctx);
            assertEquals(cSales, m.countWindow().sales(), ctx);
        }
    }
}
