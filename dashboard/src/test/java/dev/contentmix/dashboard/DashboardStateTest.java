package dev.contentmix.dashboard;

import static dev.contentmix.dashboard.Samples.T0;
import static dev.contentmix.dashboard.Samples.mix;
import static dev.contentmix.dashboard.Samples.overSelling;
import static dev.contentmix.dashboard.Samples.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.contentmix.events.BrandMix;
import dev.contentmix.events.Classification;
import dev.contentmix.events.Json;
import dev.contentmix.events.Label;
import dev.contentmix.events.MixAlert;
import dev.contentmix.events.Topics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DashboardStateTest {
    private final DashboardState state = new DashboardState();

    @Test
    void overviewListsEveryBrandWithItsLatestSnapshotByName() {
        state.applyMix(mix("zeta", 2, 20, 0.20, T0));
        state.applyMix(mix("Acme", 2, 20, 0.20, T0));
        state.applyMix(mix("acme-eu", 6, 20, 0.20, T0));
        state.applyMix(mix("Acme", 7, 21, 0.20, T0.plusSeconds(60)));

        List<BrandRow> rows = state.overview().brands();
        assertEquals(List.of("Acme", "acme-eu", "zeta"), rows.stream().map(BrandRow::brand).toList());
        assertEquals(Zone.OVER, rows.get(0).zone());
        assertEquals(7, rows.get(0).mix().timeWindow().sales());
        assertEquals(Zone.OVER, rows.get(1).zone());
        assertEquals(Zone.WITHIN, rows.get(2).zone());
    }

    @Test
    void eachSnapshotAddsAPointOfTheShareOverTime() {
        DashboardState.MixChange first = state.applyMix(mix("acme", 2, 20, 0.20, T0));
        state.applyMix(mix("acme", 3, 21, 0.20, T0.plusSeconds(60)));
        state.applyMix(mix("acme", 5, 22, 0.20, T0.plusSeconds(120)));

        List<SharePoint> h = state.brand("acme").orElseThrow().history();
        assertEquals(3, h.size());
        assertEquals(0.10, h.get(0).timeShare(), 1e-9);
        assertEquals(5 / 22.0, h.get(2).timeShare(), 1e-9);
        assertEquals(0.20, h.get(2).limit(), 1e-9);
        assertEquals(Zone.OVER, h.get(2).zone());
        assertEquals(T0, first.point().at());
    }

    @Test
    void pointsStayInTimeOrderAndASnapshotAtTheSameTimeReplacesTheEarlierOne() {
        state.applyMix(mix("acme", 2, 20, 0.20, T0.plusSeconds(60)));
        state.applyMix(mix("acme", 2, 21, 0.20, T0)); // late
        state.applyMix(mix("acme", 4, 22, 0.20, T0.plusSeconds(60))); // same event time, saw one more post

        List<SharePoint> h = state.brand("acme").orElseThrow().history();
        assertEquals(List.of(T0, T0.plusSeconds(60)), h.stream().map(SharePoint::at).toList());
        assertEquals(4 / 22.0, h.get(1).timeShare(), 1e-9);
        // the row is the newest record, not the newest event time: the analyzer publishes in order
        assertEquals(22, state.overview().brands().get(0).mix().timeWindow().posts());
    }

    @Test
    void aSnapshotWithoutEventTimeUpdatesTheRowButAddsNoPoint() {
        DashboardState.MixChange c = state.applyMix(mix("acme", 0, 0, 0.20, null));
        assertNull(c.point());
        assertEquals(1, state.overview().brands().size());
        assertTrue(state.brand("acme").orElseThrow().history().isEmpty());
    }

    @Test
    void historyIsBoundedAndKeepsTheNewestPoints() {
        DashboardState small = new DashboardState(5, 3, 2, 4);
        for (int i = 0; i < 12; i++) {
            small.applyMix(mix("acme", i % 4, 20, 0.20, T0.plusSeconds(i)));
        }
        List<SharePoint> h = small.brand("acme").orElseThrow().history();
        assertEquals(5, h.size());
        assertEquals(T0.plusSeconds(7), h.get(0).at());
        assertEquals(T0.plusSeconds(11), h.get(4).at());
        // a late point older than everything kept is dropped, not squeezed in
        assertNull(small.applyMix(mix("acme", 1, 20, 0.20, T0)).point());
        assertEquals(5, small.brand("acme").orElseThrow().history().size());
    }

    @Test
    void postsAreNewestFirstBoundedAndAReclassifiedPostReplacesItsEarlierDecision() {
        DashboardState small = new DashboardState(5, 3, 2, 4);
        small.applyClassification(post("acme", "p1", Label.VALUE, T0, "tips"));
        small.applyClassification(post("acme", "p2", Label.SALES, T0.plusSeconds(10), "buy now", "20% off"));
        small.applyClassification(post("acme", "p1", Label.SALES, T0, "shop")); // re-sent, re-classified
        small.applyClassification(post("acme", "p3", Label.VALUE, T0.plusSeconds(20)));
        small.applyClassification(post("acme", "p4", Label.VALUE, T0.plusSeconds(30)));

        List<Classification> posts = small.brand("acme").orElseThrow().posts();
        assertEquals(List.of("p4", "p3", "p2"), posts.stream().map(Classification::postId).toList());
        assertEquals(List.of("buy now", "20% off"), posts.get(2).signals());
    }

    @Test
    void alertFeedIsNewestFirstBoundedOverallAndPerBrand() {
        DashboardState small = new DashboardState(5, 3, 2, 4);
        // history arrives partition by partition, so not in time order
        small.applyAlert(overSelling("b", 0.3, 0.2, T0.plusSeconds(50)));
        small.applyAlert(overSelling("a", 0.3, 0.2, T0.plusSeconds(10)));
        small.applyAlert(overSelling("a", 0.3, 0.2, T0.plusSeconds(30)));
        small.applyAlert(overSelling("a", 0.3, 0.2, T0.plusSeconds(40)));
        small.applyAlert(overSelling("c", 0.3, 0.2, T0.plusSeconds(20)));
        small.applyAlert(overSelling("c", 0.3, 0.2, T0.plusSeconds(60)));

        List<Instant> feed = small.overview().alerts().stream().map(MixAlert::at).toList();
        assertEquals(List.of(T0.plusSeconds(60), T0.plusSeconds(50), T0.plusSeconds(40), T0.plusSeconds(30)), feed);
        // brand a keeps its own two newest, though the feed dropped one of them
        assertEquals(List.of(T0.plusSeconds(40), T0.plusSeconds(30)),
                small.brand("a").orElseThrow().alerts().stream().map(MixAlert::at).toList());
    }

    @Test
    void postsAndAlertsOfABrandWithoutSnapshotAreKeptButNotListed() {
        state.applyClassification(post("newbrand", "p1", Label.VALUE, T0));
        assertTrue(state.overview().brands().isEmpty());
        DashboardState.BrandDetail d = state.brand("newbrand").orElseThrow();
        assertNull(d.row());
        assertEquals(1, d.posts().size());
        assertTrue(state.brand("unknown").isEmpty());
    }

    @Test
    void aTombstoneForgetsTheBrand() {
        state.applyMix(mix("acme", 2, 20, 0.20, T0));
        assertTrue(state.removeBrand("acme"));
        assertFalse(state.removeBrand("acme"));
        assertTrue(state.overview().brands().isEmpty());
        assertTrue(state.brand("acme").isEmpty());
    }

    @Test
    void aRecordMissingWhatThePageNeedsIsRefusedWithoutTouchingTheState() throws Exception {
        // Jackson builds records without running checks: a snapshot without policy must not get in
        BrandMix noPolicy = Json.MAPPER.readValue("{\"brand\":\"acme\",\"status\":\"WITHIN\","
                + "\"timeWindow\":{\"posts\":1,\"sales\":0,\"value\":1,\"salesShare\":0}}", BrandMix.class);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> state.applyMix(noPolicy));
        assertTrue(e.getMessage().contains("policy"), e.getMessage());
        assertEquals(0, state.brandCount());
        MixAlert noBrand = new MixAlert(null, null, 0, 0, null, null, null, null);
        assertThrows(IllegalArgumentException.class, () -> state.applyAlert(noBrand));
        assertTrue(state.overview().alerts().isEmpty());
    }

    @Test
    void viewsAreCopiesThatLaterRecordsDoNotChange() {
        state.applyMix(mix("acme", 2, 20, 0.20, T0));
        DashboardState.BrandDetail before = state.brand("acme").orElseThrow();
        state.applyMix(mix("acme", 3, 21, 0.20, T0.plusSeconds(1)));
        assertEquals(1, before.history().size());
    }

    @Test
    void recordsSurviveTheTopicSerdesAndTheViewsSerialiseToJson() {
        Topics topics = Topics.defaults();
        BrandMix m = mix("acme", 5, 20, 0.20, T0);
        byte[] bytes = topics.mix.valueSerde().serializer().serialize("t", m);
        state.applyMix(topics.mix.valueSerde().deserializer().deserialize("t", bytes));
        List<Object> views = new ArrayList<>();
        views.add(state.overview());
        views.add(state.brand("acme").orElseThrow());
        String json = Json.writeString(views);
        assertTrue(json.contains("\"zone\":\"OVER\""), json);
        assertTrue(json.contains("\"maxSalesShare\":0.2"), json);
        assertEquals(Map.of("posts", 20, "sales", 5, "value", 15, "salesShare", 0.25),
                Json.MAPPER.convertValue(state.overview().brands().get(0).mix().timeWindow(), Map.class));
    }
}
