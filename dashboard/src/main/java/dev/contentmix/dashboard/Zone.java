package dev.contentmix.dashboard;

import dev.contentmix.events.BrandMix;
import dev.contentmix.events.BrandPolicy;
import dev.contentmix.events.MixStatus;

/**
 * How a brand stands, as the dashboard colours it: the analyzer's status, with WITHIN split into
 * "comfortably within" and "close to the limit" so a team sees trouble before the alert fires.
 */
public enum Zone {
    WITHIN,
    /** Within, but a judged window's share is within {@link #CLOSE_MARGIN} of the limit. */
    CLOSE,
    OVER,
    /** Fewer posts than the policy's minimum in both windows: not judged yet. */
    INSUFFICIENT_DATA;

    /** Five percentage points: the default re-arm margin of an alert, so "close" means "one alert away". */
    public static final double CLOSE_MARGIN = 0.05;
    private static final double EPS = 1e-9;

    /** The zone of a snapshot; the analyzer's status is trusted for OVER and INSUFFICIENT_DATA. */
    public static Zone of(BrandMix mix) {
        if (mix.status() == MixStatus.OVER) {
            return OVER;
        }
        if (mix.status() == MixStatus.INSUFFICIENT_DATA) {
            return INSUFFICIENT_DATA;
        }
        BrandPolicy policy = mix.policy();
        double limit = policy.maxSalesShare();
        int minPosts = policy.minPosts();
        // the analyzer judges each window once it has minPosts; the closer of the judged windows counts
        double share = -1;
        if (mix.timeWindow() != null && mix.timeWindow().posts() >= minPosts) {
            share = Math.max(share, mix.timeWindow().salesShare());
        }
        if (mix.countWindow() != null && mix.countWindow().posts() >= minPosts) {
            share = Math.max(share, mix.countWindow().salesShare());
        }
        return share >= limit - CLOSE_MARGIN - EPS ? CLOSE : WITHIN;
    }
}
