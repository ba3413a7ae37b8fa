package dev.contentmix.events;

import java.time.Instant;
import java.util.Map;

/**
 * A brand's mix right now, on {@code contentmix.mix} (compacted, keyed by brand).
 *
 * @param brand        the brand
 * @param asOf         event time of the snapshot (the newest post seen)
 * @param policy       the policy in force
 * @param timeWindow   figures over the policy's time window
 * @param countWindow  figures over the brand's last N posts
 * @param byChannel    figures per channel over the time window
 * @param byGoal       figures per goal tag over the time window
 * @param offGoalShare share of posts in the time window not aligned with a declared goal
 * @param status       WITHIN, OVER or INSUFFICIENT_DATA
 * @param headroom     sales posts that still fit, or value posts needed to get back under
 * @param lastPostId   the post that produced this snapshot
 */
public record BrandMix(String brand, Instant asOf, BrandPolicy policy, Figures timeWindow, Figures countWindow,
                       Map<String, Figures> byChannel, Map<String, Figures> byGoal, double offGoalShare,
                       MixStatus status, Headroom headroom, String lastPostId) {

    /** Counts in one window. */
    public record Figures(int posts, int sales, int value, double salesShare) {
        public static Figures of(int sales, int value) {
            int posts = sales + value;
            return new Figures(posts, sales, value, posts == 0 ? 0.0 : (double) sales / posts);
        }
    }

    /**
     * @param salesPostsThatFit how many more sales posts fit under the limit now (0 when over)
     * @param valuePostsNeeded  how many value posts it takes to get back to the limit (0 when within)
     */
    public record Headroom(int salesPostsThatFit, int valuePostsNeeded) {
    }
}
