package dev.contentmix.analyzer.mix;

import java.time.Duration;
import java.util.function.IntPredicate;

/**
 * The arithmetic of the 80/20 guideline: when a share is over a limit, and how many posts move it.
 * A share exactly at the limit is within it ("at most a fifth").
 */
public final class MixMath {
    /** Shares are compared with this slack so that 1/5 is exactly 0.20. */
    static final double EPS = 1e-9;
    /** Reported when no number of value posts can help (a limit of 0 with sales in the window). */
    public static final int NEVER = -1;

    private MixMath() {
    }

    public static double share(int sales, int posts) {
        return posts == 0 ? 0.0 : (double) sales / posts;
    }

    /** True when {@code sales / posts} is strictly above {@code limit}. */
    public static boolean over(int sales, int posts, double limit) {
        return posts > 0 && sales > limit * posts + EPS;
    }

    /** True when {@code sales / posts} is strictly below {@code level}. */
    public static boolean below(int sales, int posts, double level) {
        return posts == 0 || sales < level * posts - EPS;
    }

    /**
     * Sales posts that can be added to a growing window (nothing leaves it) before its share goes over
     * the limit: the largest k with (s + k) / (n + k) &lt;= limit; 0 when already over.
     */
    public static int salesThatFit(int sales, int posts, double limit) {
        if (limit >= 1.0) {
            return Integer.MAX_VALUE;
        }
        double k = (limit * posts - sales) / (1.0 - limit);
        return k < 0 ? 0 : (int) Math.floor(k + EPS);
    }

    /**
     * Value posts to add to a growing window to bring its share back to the limit: the smallest m with
     * s / (n + m) &lt;= limit; 0 when within, {@link #NEVER} when the limit is 0 and there are sales.
     */
    public static int valueNeeded(int sales, int posts, double limit) {
        if (!over(sales, posts, limit)) {
            return 0;
        }
        if (limit <= 0.0) {
            return NEVER;
        }
        return (int) Math.max(0, Math.ceil(sales / limit - posts - EPS));
    }

    /**
     * The same two figures for a count window of capacity {@code capacity} whose labels, oldest first,
     * are {@code salesOldestFirst}: each new post pushes the oldest out once the window is full.
     *
     * @return {salesThatFit, valueNeeded}
     */
    public static int[] countWindowHeadroom(boolean[] salesOldestFirst, int capacity, double limit) {
        int sales = 0;
        for (boolean s : salesOldestFirst) {
            sales += s ? 1 : 0;
        }
        return countWindowHeadroom(sales, salesOldestFirst.length, i -> salesOldestFirst[i], capacity, limit);
    }

    /**
     * As {@link #countWindowHeadroom(boolean[], int, double)}, for a window of {@code size} posts of which
     * {@code sales} are sales, whose labels are asked for oldest first ({@code salesAt.test(0)}, then 1, ...)
     * and only as far as the answer needs: usually a few, so a caller can read them lazily from a store
     * instead of reading the whole window for every post.
     *
     * @return {salesThatFit, valueNeeded}
     */
    public static int[] countWindowHeadroom(int sales, int size, IntPredicate salesAt, int capacity, double limit) {
        int fit = 0;
        if (!over(sales, size, limit)) {
            // add sales posts one at a time while the window stays within the limit
            int s = sales;
            int n = size;
            int dropped = 0;
            for (int k = 1; k <= capacity; k++) {
                s++;
                if (n < capacity) {
                    n++;
                } else {
                    s -= salesAt.test(dropped++) ? 1 : 0;
                }
                if (over(s, n, limit)) {
                    break;
                }
                fit = k;
            }
            if (fit == capacity && limit >= 1.0) {
                fit = Integer.MAX_VALUE;
            }
            return new int[] {fit, 0};
        }
        int s = sales;
        int n = size;
        int dropped = 0;
        for (int m = 1; m <= capacity; m++) {
            if (n < capacity) {
                n++;
            } else {
                s -= salesAt.test(dropped++) ? 1 : 0;
            }
            if (!over(s, n, limit)) {
                return new int[] {0, m};
            }
        }
        return new int[] {0, NEVER};
    }

    /** "30 days", "12 hours", "90 minutes": a window as a person says it. */
    public static String describe(Duration d) {
        if (d.toDays() > 0 && d.equals(Duration.ofDays(d.toDays()))) {
            return d.toDays() == 1 ? "day" : d.toDays() + " days";
        }
        if (d.toHours() > 0 && d.equals(Duration.ofHours(d.toHours()))) {
            return d.toHours() == 1 ? "hour" : d.toHours() + " hours";
        }
        if (d.toMinutes() > 0 && d.equals(Duration.ofMinutes(d.toMinutes()))) {
            return d.toMinutes() + " minutes";
        }
        return d.toString();
    }

    /** ISO-8601 with whole days kept as days: P30D rather than PT720H. */
    public static String iso(Duration d) {
        return d.toDays() > 0 && d.equals(Duration.ofDays(d.toDays())) ? "P" + d.toDays() + "D" : d.toString();
    }

    /** A share as a whole percentage: 0.2666 is "27%". */
    public static String percent(double share) {
        return Math.round(share * 100) + "%";
    }
}
