package dev.contentmix.dashboard;

import dev.contentmix.events.BrandMix;
import java.time.Instant;
import java.util.Objects;

/**
 * One point of a brand's share-over-time chart, taken from one mix snapshot.
 *
 * @param at         the snapshot's event time ({@link BrandMix#asOf()})
 * @param timeShare  sales share over the policy's time window
 * @param countShare sales share over the brand's last N posts
 * @param limit      the policy's maximum sales share then
 * @param zone       how the brand stood
 */
public record SharePoint(Instant at, double timeShare, double countShare, double limit, Zone zone) {
    public SharePoint {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(zone, "zone");
    }

    /** The point of a snapshot, or null when the snapshot has no event time yet. */
    static SharePoint of(BrandMix mix) {
        if (mix.asOf() == null) {
            return null;
        }
        return new SharePoint(mix.asOf(), share(mix.timeWindow()), share(mix.countWindow()),
                mix.policy().maxSalesShare(), Zone.of(mix));
    }

    private static double share(BrandMix.Figures f) {
        return f == null ? 0.0 : f.salesShare();
    }
}
