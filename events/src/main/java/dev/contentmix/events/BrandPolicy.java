package dev.contentmix.events;

import java.time.Duration;
import java.util.List;

/**
 * A brand's content-mix policy. Absent values take the defaults of the 80/20 guideline, so a brand
 * without a policy is judged by {@link #defaults(String)}.
 *
 * @param brand           the brand
 * @param maxSalesShare   highest acceptable share of sales posts, 0..1 (default 0.20)
 * @param window          event-time window (default P30D)
 * @param lastPosts       count window: the brand's last N posts (default 50)
 * @param minPosts        posts needed in a window before any judgement (default 10)
 * @param goals           declared goal tags (lower case)
 * @param rearmBelow      share under which an over-selling alert re-arms (default maxSalesShare - 0.05)
 * @param maxOffGoalShare share of posts not aligned with a declared goal that raises GOAL_DRIFT (default 0.30)
 */
public record BrandPolicy(String brand, Double maxSalesShare, Duration window, Integer lastPosts, Integer minPosts,
                          List<String> goals, Double rearmBelow, Double maxOffGoalShare) {
    public static final double DEFAULT_MAX_SALES_SHARE = 0.20;
    public static final Duration DEFAULT_WINDOW = Duration.ofDays(30);
    public static final int DEFAULT_LAST_POSTS = 50;
    public static final int DEFAULT_MIN_POSTS = 10;
    public static final double DEFAULT_REARM_MARGIN = 0.05;
    public static final double DEFAULT_MAX_OFF_GOAL_SHARE = 0.30;
    /** Upper bounds that keep per-brand state bounded. */
    public static final int MAX_LAST_POSTS = 10_000;
    public static final Duration MAX_WINDOW = Duration.ofDays(366);

    public BrandPolicy {
        brand = Post.required("brand", brand, Limits.MAX_BRAND_CHARS);
        maxSalesShare = share("maxSalesShare", maxSalesShare == null ? DEFAULT_MAX_SALES_SHARE : maxSalesShare);
        window = window == null ? DEFAULT_WINDOW : window;
        if (window.isNegative() || window.isZero() || window.compareTo(MAX_WINDOW) > 0) {
            throw new InvalidRecordException("field 'window' must be between PT1S and P366D, got " + window);
        }
        lastPosts = lastPosts == null ? DEFAULT_LAST_POSTS : lastPosts;
        if (lastPosts < 1 || lastPosts > MAX_LAST_POSTS) {
            throw new InvalidRecordException("field 'lastPosts' must be between 1 and " + MAX_LAST_POSTS
                    + ", got " + lastPosts);
        }
        minPosts = minPosts == null ? DEFAULT_MIN_POSTS : minPosts;
        if (minPosts < 1) {
            throw new InvalidRecordException("field 'minPosts' must be at least 1, got " + minPosts);
        }
        goals = Post.goalTags("goals", goals);
        rearmBelow = share("rearmBelow", rearmBelow == null
                ? Math.max(0.0, maxSalesShare - DEFAULT_REARM_MARGIN) : rearmBelow);
        if (rearmBelow > maxSalesShare) {
            throw new InvalidRecordException("field 'rearmBelow' (" + rearmBelow
                    + ") must not be above maxSalesShare (" + maxSalesShare + ")");
        }
        maxOffGoalShare = share("maxOffGoalShare", maxOffGoalShare == null
                ? DEFAULT_MAX_OFF_GOAL_SHARE : maxOffGoalShare);
    }

    /** The policy of a brand that has none. */
    public static BrandPolicy defaults(String brand) {
        return new BrandPolicy(brand, null, null, null, null, List.of(), null, null);
    }

    private static double share(String field, double v) {
        if (!(v >= 0.0 && v <= 1.0)) {
            throw new InvalidRecordException("field '" + field + "' must be a share between 0 and 1, got " + v);
        }
        return v;
    }
}
