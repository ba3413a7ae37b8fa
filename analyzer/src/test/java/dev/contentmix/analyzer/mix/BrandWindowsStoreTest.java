package dev.contentmix.analyzer.mix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.contentmix.events.BrandMix;
import dev.contentmix.events.BrandPolicy;
import dev.contentmix.events.Classification;
import dev.contentmix.events.GoalCheck;
import dev.contentmix.events.Label;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The windows on a real RocksDB store, as the analyzer keeps them: fences, and posts leaving the windows. */
class BrandWindowsStoreTest {
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path dir;
    private KeyValueStore<Bytes, byte[]> store;
    private BrandWindows windows;

    @BeforeEach
    void open() {
        Properties p = new Properties();
        p.put("application.id", "windows-test");
        p.put("bootstrap.servers", "unused:9092");
        MockProcessorContext<Object, Object> context = new MockProcessorContext<>(p, new TaskId(0, 0), dir.toFile());
        store = Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore("mix"), Serdes.Bytes(), Serdes.ByteArray())
                .withLoggingDisabled().withCachingDisabled().build();
        store.init(context.getStateStoreContext(), store);
        windows = new BrandWindows(store);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private static Classification post(String brand, int i, Label label) {
        return new Classification("p" + i, brand, "x", label, 0.9, List.of(), GoalCheck.ALIGNED, List.of(), "en", "m",
                START.plusSeconds(10L * i), START);
    }

    private static BrandPolicy policy(String brand) {
        // a one-minute time window and the last 5 posts: older posts are deleted as new ones come
        return new BrandPolicy(brand, null, Duration.ofMinutes(1), 5, 1, List.of(), null, null);
    }

    private int storedPosts(String brand) {
        int n = 0;
        try (KeyValueIterator<Bytes, byte[]> it = store.range(Bytes.wrap(BrandWindows.brandStart(brand)),
                Bytes.wrap(BrandWindows.brandEnd(brand)))) {
            while (it.hasNext()) {
                it.next();
                n++;
            }
        }
        return n;
    }

    @Test
    void everyBrandIsFencedAndTheFenceIsNeverCounted() {
        String[] brands = {"brand-1", "brand-10", "brand-2"};
        for (int i = 0; i < 600; i++) {
            String brand = brands[i % brands.length];
            windows.add(post(brand, i, i % 4 == 0 ? Label.SALES : Label.VALUE), policy(brand));
        }
        for (String brand : brands) {
            assertNotNull(store.get(Bytes.wrap(BrandWindows.fenceKey(brand))), brand + " is fenced");
            assertEquals(5, storedPosts(brand), "only the count window is kept (the time window holds fewer)");
            BrandMix mix = windows.snapshot(brand, policy(brand));
            assertEquals(5, mix.countWindow().posts(), "the fence is not a post");
            assertEquals(2, mix.timeWindow().posts(), "a post every 30 s: two in the minute");
        }
    }

    @Test
    void scansThatStartAtTheFirstRetainedPostMissNone() throws Exception {
        // drafts are judged from the first retained post on, past the tombstones of deleted ones: no post
        // the brand keeps may lie before that point, whatever order posts, replacements, deletions and
        // policy changes come in
        java.util.Random rnd = new java.util.Random(11);
        String[] brands = {"a", "a-1", "b"};
        java.util.Map<String, BrandPolicy> policies = new java.util.HashMap<>();
        for (String b : brands) {
            policies.put(b, policy(b));
        }
        long clock = 0;
        for (int i = 0; i < 3000; i++) {
            String brand = brands[rnd.nextInt(brands.length)];
            clock += rnd.nextInt(30);
            int roll = rnd.nextInt(100);
            if (roll < 3) {
                policies.put(brand, new BrandPolicy(brand, null, Duration.ofSeconds(30 + rnd.nextInt(300)),
                        1 + rnd.nextInt(12), 1, List.of(), null, null));
            } else if (roll < 8) {
                windows.delete(brand, "p" + rnd.nextInt(i + 1), policies.get(brand));
            } else {
                int id = roll < 15 ? rnd.nextInt(i + 1) : i; // some replace an earlier post
                long ts = clock - (rnd.nextInt(5) == 0 ? rnd.nextInt(200) : 0);
                windows.add(new Classification("p" + id, brand, "x", rnd.nextBoolean() ? Label.SALES : Label.VALUE, 0.9,
                        List.of(), GoalCheck.ALIGNED, List.of(), "en", "m", START.plusSeconds(ts), START), policies.get(brand));
            }
            if (i % 50 == 0) {
                for (String b : brands) {
                    byte[] raw = store.get(Bytes.wrap(BrandWindows.stateKey(b)));
                    if (raw == null) {
                        continue;
                    }
                    byte[] from = BrandWindows.retainedFrom(b, BrandWindows.State.decode(raw));
                    try (KeyValueIterator<Bytes, byte[]> it = store.range(Bytes.wrap(BrandWindows.brandStart(b)),
                            Bytes.wrap(BrandWindows.brandEnd(b)))) {
                        if (it.hasNext()) {
                            assertTrue(java.util.Arrays.compareUnsigned(it.next().key.get(), from) >= 0,
                                    "step " + i + ": brand " + b + " keeps a post before its first retained key");
                        }
                    }
                }
            }
        }
    }

    @Test
    void aBrandFromAnEarlierVersionGetsItsFenceWithItsNextPost() throws Exception {
        windows.add(post("acme", 1, Label.VALUE), policy("acme"));
        Bytes stateKey = Bytes.wrap(BrandWindows.stateKey("acme"));
        BrandWindows.State st = BrandWindows.State.decode(store.get(stateKey));
        assertTrue(st.fenced);
        // as an earlier version left it: no fence, no flag
        st.fenced = false;
        store.put(stateKey, st.encode());
        store.put(Bytes.wrap(BrandWindows.fenceKey("acme")), null);
        assertNull(store.get(Bytes.wrap(BrandWindows.fenceKey("acme"))));

        windows.add(post("acme", 2, Label.SALES), policy("acme"));
        assertNotNull(store.get(Bytes.wrap(BrandWindows.fenceKey("acme"))));
        assertTrue(BrandWindows.State.decode(store.get(stateKey)).fenced);
        assertEquals(2, windows.snapshot("acme", policy("acme")).countWindow().posts());
        assertFalse(windows.snapshot("acme", policy("acme")).countWindow().posts() > 2);
    }
}
