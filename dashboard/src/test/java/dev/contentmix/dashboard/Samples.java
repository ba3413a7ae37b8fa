package dev.contentmix.dashboard;

import dev.contentmix.events.AlertType;
import dev.contentmix.events.BrandMix;
import dev.contentmix.events.BrandMix.Figures;
import dev.contentmix.events.BrandMix.Headroom;
import dev.contentmix.events.BrandPolicy;
import dev.contentmix.events.Classification;
import dev.contentmix.events.GoalCheck;
import dev.contentmix.events.Label;
import dev.contentmix.events.MixAlert;
import dev.contentmix.events.MixStatus;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Records as the analyzer publishes them, for tests (no analyzer needed). */
final class Samples {
    static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

    private Samples() {
    }

    /** A snapshot with {@code sales} of {@code posts} in both windows, judged like the analyzer judges. */
    static BrandMix mix(String brand, int sales, int posts, double limit, Instant asOf) {
        return mix(brand, sales, posts, limit, asOf, sales, posts);
    }

    /** A snapshot whose last-N window ({@code countSales} of {@code countPosts}) differs from the time window. */
    static BrandMix mix(String brand, int sales, int posts, double limit, Instant asOf, int countSales,
                        int countPosts) {
        BrandPolicy policy = new BrandPolicy(brand, limit, null, null, null, List.of("awareness", "community"),
                null, null);
        Figures f = Figures.of(sales, posts - sales);
        Figures count = Figures.of(countSales, countPosts - countSales);
        MixStatus status = posts < policy.minPosts() ? MixStatus.INSUFFICIENT_DATA
                : sales > limit * posts + 1e-9 || countSales > limit * countPosts + 1e-9 ? MixStatus.OVER
                : MixStatus.WITHIN;
        int fit = (int) Math.max(0, Math.floor((limit * posts - sales) / (1 - limit) + 1e-9));
        int need = (int) Math.max(0, Math.ceil(sales / limit - posts - 1e-9));
        Map<String, Figures> channels = new LinkedHashMap<>();
        channels.put("instagram", Figures.of(sales / 2, (posts - sales) / 2));
        channels.put("linkedin", Figures.of(sales - sales / 2, posts - sales - (posts - sales) / 2));
        Map<String, Figures> goals = new LinkedHashMap<>();
        goals.put("awareness", Figures.of(sales, (posts - sales) / 2));
        goals.put("community", Figures.of(0, posts - sales - (posts - sales) / 2));
        return new BrandMix(brand, asOf, policy, f, count, channels, goals, 0.1, status,
                new Headroom(status == MixStatus.OVER ? 0 : fit, status == MixStatus.OVER ? need : 0),
                brand + "-post-" + posts);
    }

    static MixAlert overSelling(String brand, double share, double limit, Instant at) {
        return new MixAlert(brand, AlertType.OVER_SELLING, share, limit, "P30D", brand + "-tip", at,
                brand + ": " + Math.round(share * 100) + "% sales over the last 30 days (limit "
                        + Math.round(limit * 100) + "%); publish 3 value posts to get back under");
    }

    static Classification post(String brand, String id, Label label, Instant at, String... signals) {
        return new Classification(id, brand, "instagram", label, 0.87, List.of(signals), GoalCheck.ALIGNED,
                List.of("awareness"), "en", "test-1", at, at.plusSeconds(1));
    }
}
