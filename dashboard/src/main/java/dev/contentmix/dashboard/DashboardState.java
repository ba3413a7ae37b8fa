package dev.contentmix.dashboard;

import dev.contentmix.events.BrandMix;
import dev.contentmix.events.Classification;
import dev.contentmix.events.MixAlert;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the dashboard shows, built from the records of {@code contentmix.mix},
 * {@code contentmix.alerts} and {@code contentmix.classified}. Memory is bounded per brand (share
 * points, posts, alerts) and overall (the alert feed); the number of brands is the number of keys of
 * the compacted mix topic.
 *
 * <p>One thread (the Kafka feed) writes while HTTP threads read; every method is synchronized and
 * every view it returns is a copy, so a slow reader never sees a half-applied record.
 */
public final class DashboardState {
    /** Share points kept per brand for the chart. */
    public static final int SHARE_POINTS_PER_BRAND = 500;
    /** Classified posts kept per brand. */
    public static final int POSTS_PER_BRAND = 50;
    /** Alerts kept per brand, so a quiet brand's alerts outlive a noisy brand's in the feed. */
    public static final int ALERTS_PER_BRAND = 20;
    /** Alerts kept for the feed across brands. */
    public static final int ALERTS = 200;

    // newest first by event time; an unknown time sorts as oldest
    private static final Comparator<Instant> TIME = Comparator.nullsFirst(Comparator.naturalOrder());
    private static final Comparator<MixAlert> ALERT_AGE = Comparator.comparing(MixAlert::at, TIME);
    private static final Comparator<Classification> POST_AGE =
            Comparator.comparing(Classification::publishedAt, TIME).thenComparing(Classification::classifiedAt, TIME);

    private final int maxPoints;
    private final int maxPosts;
    private final int maxBrandAlerts;
    private final int maxAlerts;
    private final Map<String, Brand> brands = new HashMap<>();
    private final List<MixAlert> alerts = new ArrayList<>();

    /** What applying a snapshot changed: the brand's new row, and the chart point it added (or null). */
    public record MixChange(BrandRow row, SharePoint point) {
    }

    /** The page's first view: every brand with a snapshot (by name) and the alert feed (newest first). */
    public record Overview(List<BrandRow> brands, List<MixAlert> alerts) {
    }

    /**
     * One brand in full.
     *
     * @param brand   the brand
     * @param row     its latest snapshot, or null when only posts or alerts have been seen so far
     * @param history share points, oldest first
     * @param posts   recent classified posts, newest first
     * @param alerts  its recent alerts, newest first
     */
    public record BrandDetail(String brand, BrandRow row, List<SharePoint> history, List<Classification> posts,
                              List<MixAlert> alerts) {
    }

    private static final class Brand {
        BrandRow row;
        final List<SharePoint> history = new ArrayList<>();
        final List<Classification> posts = new ArrayList<>();
        final List<MixAlert> alerts = new ArrayList<>();
    }

    public DashboardState() {
        this(SHARE_POINTS_PER_BRAND, POSTS_PER_BRAND, ALERTS_PER_BRAND, ALERTS);
    }

    DashboardState(int maxPoints, int maxPosts, int maxBrandAlerts, int maxAlerts) {
        if (maxPoints < 1 || maxPosts < 1 || maxBrandAlerts < 1 || maxAlerts < 1) {
            throw new IllegalArgumentException("every bound must be at least 1");
        }
        this.maxPoints = maxPoints;
        this.maxPosts = maxPosts;
        this.maxBrandAlerts = maxBrandAlerts;
        this.maxAlerts = maxAlerts;
    }

    /** Takes a brand's newest snapshot. */
    public synchronized MixChange applyMix(BrandMix mix) {
        checkMix(mix);
        Brand b = brands.computeIfAbsent(mix.brand(), k -> new Brand());
        b.row = BrandRow.of(mix);
        SharePoint point = SharePoint.of(mix);
        boolean kept = point != null && addPoint(b.history, point, maxPoints);
        return new MixChange(b.row, kept ? point : null);
    }

    /** Forgets a brand (a tombstone on the compacted mix topic); true when it was known. */
    public synchronized boolean removeBrand(String brand) {
        return brands.remove(brand) != null;
    }

    public synchronized void applyAlert(MixAlert alert) {
        require(alert.brand(), "brand");
        require(alert.type(), "type");
        addBounded(alerts, alert, maxAlerts, ALERT_AGE);
        addBounded(brands.computeIfAbsent(alert.brand(), k -> new Brand()).alerts, alert, maxBrandAlerts, ALERT_AGE);
    }

    public synchronized void applyClassification(Classification c) {
        require(c.postId(), "postId");
        require(c.brand(), "brand");
        require(c.label(), "label");
        List<Classification> posts = brands.computeIfAbsent(c.brand(), k -> new Brand()).posts;
        // a post re-sent with the same id is classified again: it replaces the earlier decision
        posts.removeIf(p -> p.postId().equals(c.postId()));
        addBounded(posts, c, maxPosts, POST_AGE);
    }

    public synchronized Overview overview() {
        List<BrandRow> rows = new ArrayList<>();
        for (Brand b : brands.values()) {
            if (b.row != null) {
                rows.add(b.row);
            }
        }
        rows.sort(Comparator.comparing(BrandRow::brand, String.CASE_INSENSITIVE_ORDER).thenComparing(BrandRow::brand));
        return new Overview(rows, newestFirst(alerts, ALERT_AGE));
    }

    public synchronized Optional<BrandDetail> brand(String name) {
        Brand b = brands.get(name);
        if (b == null) {
            return Optional.empty();
        }
        return Optional.of(new BrandDetail(name, b.row, List.copyOf(b.history), newestFirst(b.posts, POST_AGE),
                newestFirst(b.alerts, ALERT_AGE)));
    }

    public synchronized int brandCount() {
        return brands.size();
    }

    // Jackson fills records without their constructors' checks; a record missing what the page needs is
    // refused before it touches the state, and the feed counts it as bad
    private static void checkMix(BrandMix mix) {
        require(mix.brand(), "brand");
        require(mix.policy(), "policy");
        require(mix.timeWindow(), "timeWindow");
        require(mix.countWindow(), "countWindow");
        require(mix.status(), "status");
    }

    private static void require(Object value, String field) {
        if (value == null) {
            throw new IllegalArgumentException("field '" + field + "' is missing");
        }
    }

    /**
     * Puts a point in time order. Snapshots of one brand come from one partition, so nearly always
     * the point goes at the end; one with the same event time as its neighbour replaces it (the later
     * snapshot saw more posts).
     *
     * @return false when the point is older than everything kept in a full history
     */
    static boolean addPoint(List<SharePoint> history, SharePoint p, int max) {
        int i = history.size();
        while (i > 0 && history.get(i - 1).at().isAfter(p.at())) {
            i--;
        }
        if (i > 0 && history.get(i - 1).at().equals(p.at())) {
            history.set(i - 1, p);
            return true;
        }
        if (i == 0 && history.size() >= max) {
            return false;
        }
        history.add(i, p);
        if (history.size() > max) {
            history.remove(0);
        }
        return true;
    }

    /** Adds and, past {@code max}, drops the oldest; history arrives partition by partition, so not in time order. */
    static <T> void addBounded(List<T> list, T item, int max, Comparator<T> age) {
        list.add(item);
        if (list.size() > max) {
            int oldest = 0;
            for (int i = 1; i < list.size(); i++) {
                if (age.compare(list.get(i), list.get(oldest)) < 0) {
                    oldest = i;
                }
            }
            list.remove(oldest);
        }
    }

    private static <T> List<T> newestFirst(List<T> list, Comparator<T> age) {
        List<T> copy = new ArrayList<>(list);
        // stable sort: records with equal times keep arrival order, newest arrival first
        Collections.reverse(copy);
        copy.sort(age.reversed());
        return copy;
    }
}
