package dev.contentmix.dashboard;

import static dev.contentmix.dashboard.Samples.T0;
import static dev.contentmix.dashboard.Samples.mix;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.contentmix.events.BrandMix;
import dev.contentmix.events.BrandMix.Figures;
import dev.contentmix.events.MixStatus;
import org.junit.jupiter.api.Test;

class ZoneTest {
    @Test
    void farUnderTheLimitIsWithin() {
        assertEquals(Zone.WITHIN, Zone.of(mix("a", 2, 20, 0.20, T0))); // 10% against 20%
    }

    @Test
    void withinFivePointsOfTheLimitIsClose() {
        assertEquals(Zone.CLOSE, Zone.of(mix("a", 3, 20, 0.20, T0))); // 15%: exactly five points under
        assertEquals(Zone.CLOSE, Zone.of(mix("a", 4, 20, 0.20, T0))); // 20%: at the limit, still within
        assertEquals(Zone.WITHIN, Zone.of(mix("a", 29, 200, 0.20, T0))); // 14.5%
    }

    @Test
    void theAnalyzersStatusDecidesOverAndNotJudged() {
        assertEquals(Zone.OVER, Zone.of(mix("a", 5, 20, 0.20, T0)));
        assertEquals(Zone.INSUFFICIENT_DATA, Zone.of(mix("a", 5, 6, 0.20, T0)));
    }

    @Test
    void theCloserOfTheJudgedWindowsCounts() {
        BrandMix m = mix("a", 2, 20, 0.20, T0);
        // the last-N window is at 18% while the time window is at 10%: close
        BrandMix closeByCount = new BrandMix("a", T0, m.policy(), m.timeWindow(), Figures.of(9, 41), m.byChannel(),
                m.byGoal(), 0, MixStatus.WITHIN, m.headroom(), "p");
        assertEquals(Zone.CLOSE, Zone.of(closeByCount));
        // a window under minPosts is not judged, whatever its share
        BrandMix fewInTime = new BrandMix("a", T0, m.policy(), Figures.of(1, 4), Figures.of(2, 48), m.byChannel(),
                m.byGoal(), 0, MixStatus.WITHIN, m.headroom(), "p");
        assertEquals(Zone.WITHIN, Zone.of(fewInTime));
    }
}
