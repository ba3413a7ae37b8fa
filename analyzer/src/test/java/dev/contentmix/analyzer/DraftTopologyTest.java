package dev.contentmix.analyzer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.contentmix.events.BrandMix;
import dev.contentmix.events.BrandPolicy;
import dev.contentmix.events.Decision;
import dev.contentmix.events.DeadLetters;
import dev.contentmix.events.DraftVerdict;
import dev.contentmix.events.GoalCheck;
import dev.contentmix.events.Label;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Drafts are judged against the brand's current mix, and never change it. */
class DraftTopologyTest {
    private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
    private final TopologyFixture f = new TopologyFixture();

    @AfterEach
    void close() {
        f.close();
    }

    private void history(int value, int sales) {
        for (int i = 0; i < value; i++) {
            f.post("acme", "v" + i, false, T0.plus(Duration.ofHours(i)));
        }
        for (int i = 0; i < sales; i++) {
            f.post("acme", "s" + i, true, T0.plus(Duration.ofHours(value + i)));
        }
    }

    @Test
    void aSalesDraftThatFitsIsOk() {
        history(15, 3);
        f.post("acme", "v-extra", false, T0.plus(Duration.ofHours(30))); // 3/19; with the draft 4/20 = 20%
        DraftVerdict v = f.draft("acme", "d1", true, T0.plus(Duration.ofHours(31)));
        assertEquals("d1", v.draftId());
        assertEquals(Label.SALES, v.label());
        assertEquals(Decision.OK, v.decision(), v.advice());
        assertEquals(3.0 / 19, v.currentShare(), 1e-12);
        assertEquals(0.2, v.projectedShare(), 1e-12);
        assertEquals(0.2, v.limit());
        assertEquals("Reads as an ad, and it fits: acme goes from 16% to 20% sales over the last 30 days (limit 20%).",
                v.advice());
    }

    @Test
    void aSalesDraftThatTipsTheBrandOverSaysWhatToDo() {
        for (int i = 0; i < 4; i++) {
            f.post("acme", "s" + i, true, T0.plus(Duration.ofHours(i)));
        }
        for (int i = 0; i < 16; i++) {
            f.post("acme", "v" + i, false, T0.plus(Duration.ofHours(4 + i)));
        }
        // 4/20 = 20%; with the draft 5/21 = 24%
        DraftVerdict v = f.draft("acme", "d1", true, T0.plus(Duration.ofHours(30)));
        assertEquals(Decision.OVER_GUIDELINE, v.decision());
        assertEquals(0.2, v.currentShare(), 1e-12);
        assertEquals(5.0 / 21, v.projectedShare(), 1e-12);
        // 5/(21+m) <= 0.2 -> m = 4; the oldest sales post (1 March 00:00) leaves the 30-day window on 31 March
        assertEquals("This reads as an ad: publishing it takes acme to 24% sales over the last 30 days (limit 20%)."
                + " Publish four value posts first, or hold it until 31 March.", v.advice());
    }

    @Test
    void waitingIsNotAdvisedWhenAgeingOutWouldNotHelp() {
        history(16, 4); // the sales posts are the newest: only value posts would age out first
        DraftVerdict v = f.draft("acme", "d1", true, T0.plus(Duration.ofHours(30)));
        assertEquals(Decision.OVER_GUIDELINE, v.decision());
        assertTrue(v.advice().endsWith("Publish four value posts first."), v.advice());
    }

    @Test
    void aValueDraftIsOkEvenWhenTheBrandIsOver() {
        history(10, 5);
        DraftVerdict v = f.draft("acme", "d1", false, T0.plus(Duration.ofHours(30)));
        assertEquals(Decision.OK, v.decision());
        assertTrue(v.projectedShare() < v.currentShare());
    }

    @Test
    void aBrandWithNoHistoryCannotBeJudgedYet() {
        DraftVerdict v = f.draft("newco", "d1", true, T0);
        assertEquals(Decision.OK, v.decision());
        assertEquals(0.0, v.currentShare());
        assertEquals(1.0, v.projectedShare());
        assertTrue(v.advice().contains("too few posts to judge"), v.advice());
    }

    @Test
    void offGoalDraftsAreFlagged() {
        f.policies.pipeInput("acme", new BrandPolicy("acme", null, null, null, null, List.of("community", "sales"),
                null, null), T0);
        DraftVerdict ad = f.draft("acme", "d1", true, T0, "community");
        assertEquals(GoalCheck.OFF_GOAL, ad.goalCheck());
        assertEquals(Decision.OFF_GOAL, ad.decision());
        assertTrue(ad.advice().startsWith("This reads as an ad but is tagged only with community"), ad.advice());
        DraftVerdict tip = f.draft("acme", "d2", false, T0, "awareness");
        assertEquals(Decision.OFF_GOAL, tip.decision());
        assertEquals(Decision.OK, f.draft("acme", "d3", true, T0, "sales").decision());
    }

    @Test
    void draftsNeverChangeTheMix() {
        history(8, 2);
        BrandMix before = f.latestMix().get("acme");
        f.classified.readRecordsToList();
        f.alerts.readRecordsToList();
        for (int i = 0; i < 20; i++) {
            f.draft("acme", "d" + i, true, T0.plus(Duration.ofHours(20 + i)));
        }
        assertTrue(f.mix.isEmpty(), "no snapshot from drafts");
        assertTrue(f.alerts.isEmpty());
        assertTrue(f.classified.isEmpty(), "drafts are not published posts");
        f.post("acme", "v-next", false, T0.plus(Duration.ofHours(50)));
        BrandMix after = f.latestMix().get("acme");
        assertEquals(before.timeWindow().posts() + 1, after.timeWindow().posts());
        assertEquals(before.timeWindow().sales(), after.timeWindow().sales());
    }

    @Test
    void aCalendarIsJudgedInOrderAsIfEachWerePublishedAtItsTime() {
        history(18, 2); // 2/20 = 10%
        Instant monday = T0.plus(Duration.ofDays(2));
        List<DraftVerdict> plan = List.of(
                f.planned("week-1", "acme", "c1", true, monday),                       // 3/21 = 14%
                f.planned("week-1", "acme", "c2", true, monday.plus(Duration.ofDays(1))), // 4/22 = 18%
                f.planned("week-1", "acme", "c3", true, monday.plus(Duration.ofDays(2))), // 5/23 = 22%: over
                f.planned("week-1", "acme", "c4", false, monday.plus(Duration.ofDays(3))));
        assertEquals(List.of(Decision.OK, Decision.OK, Decision.OVER_GUIDELINE, Decision.OK),
                plan.stream().map(DraftVerdict::decision).toList());
        assertEquals(5.0 / 23, plan.get(2).projectedShare(), 1e-12);
        assertEquals(4.0 / 22, plan.get(2).currentShare(), 1e-12);

        // the same drafts without a plan are each judged alone against the current mix
        assertEquals(Decision.OK, f.draft("acme", "c3", true, monday.plus(Duration.ofDays(2))).decision());
        // another plan starts from the real mix again
        assertEquals(Decision.OK, f.planned("week-2", "acme", "c3", true, monday).decision());
    }

    @Test
    void aCalendarLetsOldPostsAgeOut() {
        f.policies.pipeInput("acme", new BrandPolicy("acme", null, Duration.ofDays(7), 7, 5, List.of(), null, null), T0);
        for (int i = 0; i < 4; i++) {
            f.post("acme", "s" + i, true, T0.plus(Duration.ofHours(i))); // four old ads on day 0
        }
        for (int i = 0; i < 6; i++) {
            f.post("acme", "v" + i, false, T0.plus(Duration.ofDays(5)).plus(Duration.ofHours(i)));
        }
        // today (day 5) an ad would make 5/11: over; planned for day 8 the four old ads have aged out
        assertEquals(Decision.OVER_GUIDELINE, f.planned("p", "acme", "d1", true, T0.plus(Duration.ofDays(5).plusHours(6)))
                .decision());
        assertEquals(Decision.OK, f.planned("q", "acme", "d2", true, T0.plus(Duration.ofDays(8))).decision());
    }

    @Test
    void aBadDraftIsDeadLettered() {
        f.drafts.pipeInput(TopologyFixture.utf8("acme"), TopologyFixture.utf8("{\"brand\":\"acme\",\"text\":\"hi\"}"), T0);
        f.drafts.pipeInput(TopologyFixture.utf8("acme"),
                TopologyFixture.utf8("{\"id\":\"x\",\"brand\":\"acme\",\"deleted\":true}"), T0);
        List<String> reasons = f.deadLetters.readRecordsToList().stream()
                .map(r -> DeadLetters.header(r.headers(), DeadLetters.REASON) + " @ "
                        + DeadLetters.header(r.headers(), DeadLetters.SOURCE_TOPIC)).toList();
        assertEquals(List.of("missing required field 'id' @ contentmix.drafts",
                "a draft cannot be marked deleted @ contentmix.drafts"), reasons);
        assertTrue(f.verdicts.isEmpty());
    }

    @Test
    void draftsGoFirstButKeepTheirOwnTimestamp() {
        // DraftsFirst stamps drafts 0 so that a task takes them before buffered posts; what comes out
        // carries the draft's own time, and the carrier header never leaves the analyzer
        history(15, 3);
        Instant sent = T0.plus(Duration.ofHours(31));
        f.drafts.pipeInput(TopologyFixture.utf8("acme"), TopologyFixture.utf8(
                "{\"id\":\"d-now\",\"brand\":\"acme\",\"text\":\"Shop now: 30% off everything with code SPRING30\"}"),
                sent);
        var verdict = f.verdicts.readRecord();
        assertEquals(sent, verdict.getRecordTime(), "the verdict is stamped with the draft's time, not 0");
        assertEquals(3.0 / 18, verdict.getValue().currentShare(), 1e-12, "a draft without a time is judged at its send time");
        assertEquals(null, verdict.getHeaders().lastHeader(DraftsFirst.TIMESTAMP_HEADER));

        f.drafts.pipeInput(TopologyFixture.utf8("acme"), TopologyFixture.utf8("{\"brand\":\"acme\",\"text\":\"hi\"}"), sent);
        var dead = f.deadLetters.readRecord();
        assertEquals(sent, dead.getRecordTime(), "a dead letter keeps the draft's time (retention counts from it)");
        assertEquals(null, dead.getHeaders().lastHeader(DraftsFirst.TIMESTAMP_HEADER));
    }

    @Test
    void theExtractorPutsEveryDraftFirstAndRemembersItsTime() {
        var record = new org.apache.kafka.clients.consumer.ConsumerRecord<Object, Object>("contentmix.drafts", 0, 7,
                "acme", "{}");
        long own = record.timestamp();
        assertEquals(0, new DraftsFirst().extract(record, 42));
        var restored = DraftsFirst.restore(new org.apache.kafka.streams.processor.api.Record<>("acme", "{}", 0,
                record.headers()));
        assertEquals(own < 0 ? 42 : own, restored.timestamp());
        assertEquals(null, restored.headers().lastHeader(DraftsFirst.TIMESTAMP_HEADER));
        var untouched = new org.apache.kafka.streams.processor.api.Record<>("acme", "{}", 5L);
        assertEquals(5L, DraftsFirst.restore(untouched).timestamp(), "a record without the header is left alone");
    }
}
