package dev.contentmix.analyzer.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.contentmix.events.Label;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ClassifiersTest {

    private static final String AD = "48 hours only: 30% off every jacket with code WARM30. Shop now";
    private static final String SERVICE = "So sorry your order arrived damaged, Dana. We've sent a replacement; DM us the order number";

    @Test
    void shippedModelLoadsOnceAndLabelsTheGuideExamples() {
        PostClassifier c = Classifiers.loadDefault();
        assertSame(c, Classifiers.loadDefault());
        assertTrue(c.modelVersion().matches("contentmix-[0-9a-f]{12}"), c.modelVersion());
        Prediction ad = c.classify(AD);
        assertEquals(Label.SALES, ad.label());
        assertTrue(ad.confidence() > 0.9);
        assertEquals("en", ad.language());
        assertTrue(!ad.signals().isEmpty() && ad.signals().size() <= 5);
        assertEquals(Label.VALUE, c.classify(SERVICE).label());
        assertEquals(Label.VALUE, c.classify("Three ways to keep your espresso machine descaled (works for any brand)").label());
        assertEquals(Label.SALES, c.classify("Book a demo and see your pipeline in 10 minutes").label());
    }

    @Test
    void neverThrowsOnOddInput() {
        PostClassifier c = Classifiers.loadDefault();
        for (String odd : List.of("", " ", "...", "🔥", "$", "@", "#", "a".repeat(20000), "\u0000\uFFFF", "\uD83D")) {
            Prediction p = c.classify(odd);
            assertTrue(p.confidence() >= 0.5 && p.confidence() <= 1);
        }
    }

    @Test
    void isThreadSafe() throws Exception {
        PostClassifier c = Classifiers.loadDefault();
        Prediction expectedAd = c.classify(AD);
        Prediction expectedService = c.classify(SERVICE);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = IntStream.range(0, 400).mapToObj(i -> pool.submit(() -> i % 2 == 0
                    ? c.classify(AD).equals(expectedAd) : c.classify(SERVICE).equals(expectedService))).toList();
            for (Future<Boolean> r : results) {
                assertTrue(r.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
