package dev.contentmix.analyzer.mix;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.contentmix.events.Json;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The binary form of a brand's running counts, and the lazily read count-window headroom. */
class MixStateEncodingTest {

    private static BrandWindows.State sample() {
        BrandWindows.State st = new BrandWindows.State();
        st.streamTime = 1_767_225_600_000L;
        st.windowMs = 2_592_000_000L;
        st.lastPosts = 50;
        st.goals = List.of("awareness", "community");
        st.tSales = 7;
        st.tValue = 31;
        st.tNotAligned = 4;
        st.tChannels.put("x", new int[] {2, 10});
        st.tChannels.put("linkedin", new int[] {5, 21});
        st.tGoals.put("awareness", new int[] {1, 3});
        st.cSales = 6;
        st.cValue = 30;
        st.boundary = BrandWindows.entryKey("brand-é", 42L, "post-9");
        st.overSelling = true;
        st.goalDrift = false;
        st.lastPostId = "post-9";
        st.fenced = true;
        return st;
    }

    private static void assertSame(BrandWindows.State a, BrandWindows.State b) {
        assertEquals(a.streamTime, b.streamTime);
        assertEquals(a.windowMs, b.windowMs);
        assertEquals(a.lastPosts, b.lastPosts);
        assertEquals(a.goals, b.goals);
        assertEquals(a.tSales, b.tSales);
        assertEquals(a.tValue, b.tValue);
        assertEquals(a.tNotAligned, b.tNotAligned);
        assertEquals(List.copyOf(a.tChannels.keySet()), List.copyOf(b.tChannels.keySet()));
        a.tChannels.forEach((k, v) -> assertArrayEquals(v, b.tChannels.get(k)));
        assertEquals(List.copyOf(a.tGoals.keySet()), List.copyOf(b.tGoals.keySet()));
        a.tGoals.forEach((k, v) -> assertArrayEquals(v, b.tGoals.get(k)));
        assertEquals(a.cSales, b.cSales);
        assertEquals(a.cValue, b.cValue);
        assertArrayEquals(a.boundary, b.boundary);
        assertEquals(a.overSelling, b.overSelling);
        assertEquals(a.goalDrift, b.goalDrift);
        assertEquals(a.lastPostId, b.lastPostId);
        assertEquals(a.fenced, b.fenced);
    }

    @Test
    void binaryFormRoundTripsEveryField() throws IOException {
        BrandWindows.State st = sample();
        assertSame(st, BrandWindows.State.decode(st.encode()));
    }

    @Test
    void emptyStateRoundTrips() throws IOException {
        BrandWindows.State back = BrandWindows.State.decode(new BrandWindows.State().encode());
        assertEquals(Long.MIN_VALUE, back.streamTime);
        assertNull(back.boundary);
        assertNull(back.lastPostId);
        assertTrue(back.tChannels.isEmpty());
    }

    @Test
    void stateWrittenAsJsonByEarlierVersionsIsStillRead() throws IOException {
        // changelogs and local stores written before the binary form must restore
        BrandWindows.State st = sample();
        assertSame(st, BrandWindows.State.decode(Json.write(st)));
    }

    @Test
    void theFenceSitsBetweenABrandsPostsAndTheNextBrand() {
        // brands in key order, including one that is a prefix of the next
        List<String> brands = List.of("b", "b-1", "brand-1", "brand-10", "brand-2", "brand-é", "z");
        for (int i = 0; i < brands.size(); i++) {
            String brand = brands.get(i);
            byte[] fence = BrandWindows.fenceKey(brand);
            assertTrue(Arrays.compareUnsigned(BrandWindows.entryKey(brand, Long.MAX_VALUE, "\uffff".repeat(8)), fence) < 0,
                    "after every post of " + brand);
            assertTrue(Arrays.compareUnsigned(BrandWindows.brandEnd(brand), fence) < 0,
                    "outside every range that ends at brandEnd (inclusive), so never read as a post");
            if (i + 1 < brands.size()) {
                String next = brands.get(i + 1);
                assertTrue(Arrays.compareUnsigned(fence, BrandWindows.brandStart(next)) < 0, "before " + next);
                assertTrue(Arrays.compareUnsigned(fence, BrandWindows.entryKey(next, Long.MIN_VALUE, "")) < 0);
            }
        }
    }

    @Test
    void unknownFormatIsRefused() {
        assertThrows(IOException.class, () -> BrandWindows.State.decode(new byte[] {9, 0, 0}));
    }

    @Test
    void lazyHeadroomMatchesTheFullWindowAndReadsOnlyWhatItNeeds() {
        Random rnd = new Random(8);
        int askedMost = 0;
        for (int round = 0; round < 2000; round++) {
            int capacity = 1 + rnd.nextInt(60);
            int size = rnd.nextInt(capacity + 1);
            double limit = rnd.nextInt(4) == 0 ? rnd.nextInt(3) * 0.5 : 0.05 + rnd.nextDouble() * 0.4;
            double salesRate = rnd.nextDouble() * 0.6;
            boolean[] labels = new boolean[size];
            int sales = 0;
            for (int i = 0; i < size; i++) {
                labels[i] = rnd.nextDouble() < salesRate;
                sales += labels[i] ? 1 : 0;
            }
            AtomicInteger next = new AtomicInteger();
            int[] lazy = MixMath.countWindowHeadroom(sales, size, i -> {
                assertEquals(next.getAndIncrement(), i, "labels are asked for oldest first, once each");
                return labels[i];
            }, capacity, limit);
            assertArrayEquals(MixMath.countWindowHeadroom(labels, capacity, limit), lazy);
            askedMost = Math.max(askedMost, next.get());
        }
        assertTrue(askedMost > 0);
    }
}
