package dev.contentmix.analyzer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.contentmix.events.AlertType;
import dev.contentmix.events.BrandMix;
import dev.contentmix.events.BrandPolicy;
import dev.contentmix.events.MixAlert;
import dev.contentmix.events.MixStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The rolling mix through the real topology, in event time. */
class MixTopologyTest {
    private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
    private final TopologyFixture f = new TopologyFixture();

    @AfterEach
    void close() {
        f.close();
    }

    private static Instant day(double d) {
        return T0.plus(Duration.ofMinutes(Math.round(d * 24 * 60)));
    }

    private BrandMix last(String brand) {
        return f.latestMix().get(brand);
    }

    @Test
    void countsTheFirstPostAndNeedsMinPostsBeforeJudging() {
        f.post("acme", "p1", true, day(0));
        BrandMix m = last("acme");
        assertEquals(1, m.timeWindow().posts());
        assertEquals(1, m.timeWindow().sales());
        assertEquals(1.0, m.timeWindow().salesShare());
        assertEquals(MixStatus.INSUFFICIENT_DATA, m.status(), "one post is not enough to judge");
        assertEquals("p1", m.lastPostId());
        assertEquals(day(0), m.asOf());
        assertTrue(f.alerts.isEmpty(), "no alert before minPosts");
    }

    @Test
    void firesOverSellingOnceAndBackWithinOnlyBelowTheRearmLevel() {
        // 8 value + 2 sales = 20%: exactly at the limit is within
        for (int i = 0; i < 8; i++) {
            f.post("acme", "v" + i, false, day(i * 0.1));
        }
        f.post("acme", "s0", true, day(1));
        f.post("acme", "s1", true, day(1.1));
        BrandMix at = last("acme");
        assertEquals(MixStatus.WITHIN, at.status());
        assertEquals(0.2, at.timeWindow().salesShare(), 1e-12);
        assertEquals(0, at.headroom().salesPostsThatFit());
        assertTrue(f.alerts.isEmpty());

        f.post("acme", "s2", true, day(1.2)); // 3/11 = 27%
        MixAlert over = f.alerts.readValue();
        assertEquals(AlertType.OVER_SELLING, over.type());
        assertEquals("s2", over.postId());
        assertEquals("P30D", over.window());
        assertEquals("acme: 27% sales over the last 30 days (limit 20%); publish 4 value posts to get back under",
                over.message());
        assertEquals(4, last("acme").headroom().valuePostsNeeded());

        f.post("acme", "s3", true, day(1.3)); // still over: no second alert
        assertTrue(f.alerts.isEmpty(), "fires once");

        // 4 sales of 16 = 25%, 4 of 20 = 20% (at the limit, not below the re-arm level of 15%)
        for (int i = 0; i < 8; i++) {
            f.post("acme", "w" + i, false, day(2 + i * 0.1));
        }
        assertEquals(MixStatus.WITHIN, last("acme").status());
        assertTrue(f.alerts.isEmpty(), "no BACK_WITHIN between the limit and the re-arm level");
        for (int i = 0; i < 7; i++) {
            f.post("acme", "x" + i, false, day(3 + i * 0.1)); // 4/27 = 14.8% < 15%
        }
        List<MixAlert> back = f.alerts.readValuesToList();
        assertEquals(1, back.size());
        assertEquals(AlertType.BACK_WITHIN, back.get(0).type());
        assertTrue(back.get(0).message().startsWith("acme: back within the guideline, 15% sales"), back.get(0).message());

        f.post("acme", "s9", true, day(4)); // 5/28 = 17.9%: not over again
        assertTrue(f.alerts.isEmpty());
        assertEquals(1.0, f.registry.get("contentmix.alerts.fired").tag("type", "over_selling").counter().count());
    }

    @Test
    void aResentIdReplacesAndIsNeverCountedTwice() {
        f.post("acme", "p1", true, day(0));
        f.post("acme", "p1", true, day(0));
        f.post("acme", "p1", false, day(0.5)); // edited into a value post, and moved in time
        BrandMix m = last("acme");
        assertEquals(1, m.timeWindow().posts());
        assertEquals(0, m.timeWindow().sales());
        assertEquals(1, m.countWindow().posts());
        assertEquals(2.0, f.registry.get("contentmix.mix.updates").tag("outcome", "replaced").counter().count());
    }

    @Test
    void aDeletedPostLeavesBothWindows() {
        f.post("acme", "p1", true, day(0));
        f.post("acme", "p2", false, day(1));
        f.delete("acme", "p1", day(2));
        BrandMix m = last("acme");
        assertEquals(1, m.timeWindow().posts());
        assertEquals(0, m.timeWindow().sales());
        assertEquals(1, m.countWindow().posts());
        f.delete("acme", "nope", day(2));
        assertEquals(1.0, f.registry.get("contentmix.mix.updates").tag("outcome", "unknown_id").counter().count());
    }

    @Test
    void outOfOrderPostsLandInTheRightPlaceAndLatePostsCountNowhere() {
        f.policies.pipeInput("acme", new BrandPolicy("acme", null, Duration.ofDays(10), 3, 1, List.of(), null, null), T0);
        f.post("acme", "d5", false, day(5));
        f.post("acme", "d7", false, day(7));
        f.post("acme", "d6", true, day(6)); // out of order, still among the last 3
        f.post("acme", "d1", true, day(1)); // within 10 days of day 7, but older than the last 3
        BrandMix m = last("acme");
        assertEquals(4, m.timeWindow().posts());
        assertEquals(2, m.timeWindow().sales());
        assertEquals(3, m.countWindow().posts());
        assertEquals(1, m.countWindow().sales(), "count window is d5, d6, d7 by event time");

        f.post("acme", "d20", false, day(20)); // window now (day 10, day 20]: d5..d7 age out of time
        m = last("acme");
        assertEquals(1, m.timeWindow().posts());
        assertEquals(3, m.countWindow().posts(), "the last 3 posts are d6, d7, d20");
        assertEquals(1, m.countWindow().sales());

        f.post("acme", "d9", true, day(9.99)); // older than the time window: counted nowhere
        assertTrue(f.mix.isEmpty(), "a late post changes nothing");
        assertEquals(1.0, f.registry.get("contentmix.mix.updates").tag("outcome", "late").counter().count());
    }

    @Test
    void aPostExactlyOneWindowOldIsOutOfTheTimeWindow() {
        f.policies.pipeInput("acme", new BrandPolicy("acme", null, Duration.ofDays(10), 50, 1, List.of(), null, null), T0);
        f.post("acme", "a", true, day(0));
        f.post("acme", "b", false, day(10));
        BrandMix m = last("acme");
        assertEquals(1, m.timeWindow().posts(), "(day 0, day 10]: a is exactly 10 days old, out");
        assertEquals(0, m.timeWindow().sales());
        assertEquals(2, m.countWindow().posts(), "still among the last 50");
    }

    @Test
    void aPolicyChangedMidStreamTakesEffectOnTheNextPost() {
        for (int i = 0; i < 10; i++) {
            f.post("acme", "p" + i, i < 3, day(i * 0.1)); // 30% sales
        }
        assertEquals(MixStatus.OVER, last("acme").status());
        assertEquals(AlertType.OVER_SELLING, f.alerts.readValue().type());
        f.policies.pipeInput("acme", new BrandPolicy("acme", 0.4, null, 5, 5, List.of(), null, null), day(1));
        f.post("acme", "p10", false, day(1.1));
        BrandMix m = last("acme");
        assertEquals(0.4, m.policy().maxSalesShare());
        assertEquals(5, m.countWindow().posts(), "count window shrank to the last 5");
        assertEquals(MixStatus.WITHIN, m.status());
        assertEquals(AlertType.BACK_WITHIN, f.alerts.readValue().type(), "3/11 = 27% < re-arm level 35%");
    }

    @Test
    void theCountWindowCanPutABrandOver() {
        f.policies.pipeInput("acme", new BrandPolicy("acme", null, Duration.ofDays(30), 10, 10, List.of(), null, null), T0);
        for (int i = 0; i < 30; i++) {
            f.post("acme", "v" + i, false, day(i * 0.1));
        }
        for (int i = 0; i < 3; i++) {
            f.post("acme", "s" + i, true, day(4 + i * 0.1));
        }
        BrandMix m = last("acme");
        assertEquals(3.0 / 33, m.timeWindow().salesShare(), 1e-12);
        assertEquals(0.3, m.countWindow().salesShare(), 1e-12);
        assertEquals(MixStatus.OVER, m.status());
        MixAlert a = f.alerts.readValue();
        assertEquals("last 10 posts", a.window());
        // new value posts push out the 7 oldest (value) posts first; only the 8th pushes out a sale: 2/10
        assertEquals(8, m.headroom().valuePostsNeeded());
    }

    @Test
    void goalDriftFiresWhenTooManyPostsServeNoDeclaredGoal() {
        f.policies.pipeInput("acme", new BrandPolicy("acme", 0.5, null, null, 10, List.of("community", "sales"), null, null), T0);
        for (int i = 0; i < 7; i++) {
            f.post("acme", "a" + i, false, day(i * 0.1), "community");
        }
        for (int i = 0; i < 3; i++) {
            f.post("acme", "b" + i, true, day(1 + i * 0.1), "community"); // ads tagged with an audience goal
        }
        assertTrue(f.alerts.isEmpty(), "30% is at the limit");
        f.post("acme", "c", false, day(2)); // untagged: 4/11 = 36%
        MixAlert a = f.alerts.readValue();
        assertEquals(AlertType.GOAL_DRIFT, a.type());
        BrandMix m = last("acme");
        assertEquals(4.0 / 11, m.offGoalShare(), 1e-12);
        assertEquals(3, m.byGoal().get("community").sales());
        assertEquals(7, m.byGoal().get("community").value());
        assertEquals(11, m.byChannel().get("x").posts());
    }

    @Test
    void brandsAreIndependent() {
        for (int i = 0; i < 12; i++) {
            f.post("acme", "p" + i, true, day(i));
            f.post("zeta", "p" + i, false, day(i));
        }
        java.util.Map<String, BrandMix> latest = f.latestMix();
        assertEquals(MixStatus.OVER, latest.get("acme").status());
        assertEquals(MixStatus.WITHIN, latest.get("zeta").status());
        assertEquals(12, latest.get("zeta").timeWindow().posts());
        assertEquals(1, f.alerts.readValuesToList().size());
    }
}
