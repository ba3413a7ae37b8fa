package dev.contentmix.analyzer.mix;

import dev.contentmix.events.AlertType;
import dev.contentmix.events.BrandMix;
import dev.contentmix.events.BrandMix.Figures;
import dev.contentmix.events.BrandMix.Headroom;
import dev.contentmix.events.BrandPolicy;
import dev.contentmix.events.Classification;
import dev.contentmix.events.GoalCheck;
import dev.contentmix.events.Json;
import dev.contentmix.events.Label;
import dev.contentmix.events.MixAlert;
import dev.contentmix.events.MixStatus;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntPredicate;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Every brand's windows, kept in one ordered key-value store (RocksDB, changelogged, so a brand moves
 * between instances with its windows).
 *
 * <p>Layout, all keys prefixed by a kind byte and the brand:
 * <ul>
 *   <li>{@code E brand 0x00 time id} -> label, channel, goals: the retained posts, ordered by event time;</li>
 *   <li>{@code I brand 0x00 id} -> time: finds a post by id, so a re-sent id replaces and a deletion removes;</li>
 *   <li>{@code S brand} -> running counts, the count window's oldest key and the alert state.</li>
 * </ul>
 * A post is retained while it is in the time window (newer than the brand's newest post minus the
 * window) or among the brand's last N posts; so state per brand is bounded by the windows. Counts
 * are kept up to date incrementally: an update touches the post, its neighbours at the window edges
 * and the posts that just aged out. A policy change that alters the windows or goals recounts the
 * brand from its retained posts.
 */
public final class BrandWindows {
    private static final int MAX_BREAKDOWN_KEYS = 32;
    private static final String OTHER = "other";
    private static final String UNKNOWN_CHANNEL = "unknown";

    private final KeyValueStore<Bytes, byte[]> store;

    public BrandWindows(KeyValueStore<Bytes, byte[]> store) {
        this.store = store;
    }

    /**
     * What an update did. The brand's snapshot is not part of it: building one costs more than the
     * update, and the analyzer publishes one per changed brand per commit ({@link #snapshot}).
     *
     * @param outcome ADDED, REPLACED, DELETED, LATE (older than the time window: counted nowhere) or UNKNOWN_ID
     * @param changed whether the brand's figures may have changed (false for a late post or an unknown id)
     * @param alerts  alerts the update fired
     */
    public record Change(Outcome outcome, boolean changed, List<MixAlert> alerts) {
    }

    public enum Outcome { ADDED, REPLACED, DELETED, LATE, UNKNOWN_ID }

    /**
     * What publishing one more post would do to the brand, in the window that decides.
     *
     * @param window          "the last 30 days" or "the last 50 posts"
     * @param posts           posts in that window now
     * @param currentShare    its sales share now
     * @param projectedShare  its sales share with the post published now
     * @param judged          whether the window would hold enough posts to judge
     * @param wouldBeOver     whether the projected share is over the limit
     * @param valuePostsFirst value posts to publish first so that the post fits (0 when it fits, NEVER when none help)
     * @param fitsAt          when older sales posts will have aged out of the time window enough for it to fit, or null
     */
    public record Projection(String window, int posts, double currentShare, double projectedShare, boolean judged,
                             boolean wouldBeOver, int valuePostsFirst, Instant fitsAt) {
    }

    /** Adds a classified post, replacing an earlier version with the same id. */
    public Change add(Classification c, BrandPolicy policy) {
        String brand = c.brand();
        State st = load(brand, policy);
        boolean replaced = removeExisting(brand, c.postId(), st);
        long ts = c.publishedAt().toEpochMilli();
        if (ts <= st.cutoff()) {
            if (!replaced) {
                return new Change(Outcome.LATE, false, List.of());
            }
            // the new version is too old to count; the old one is gone: the brand did change
            return finish(brand, policy, st, c.postId(), Outcome.LATE);
        }
        Entry e = new Entry(c.label(), c.channel() == null ? UNKNOWN_CHANNEL : c.channel(), c.goals());
        byte[] key = entryKey(brand, ts, c.postId());
        store.put(Bytes.wrap(key), e.encode());
        store.put(Bytes.wrap(indexKey(brand, c.postId())), longBytes(ts));
        st.addTime(e, policy);
        int capacity = policy.lastPosts();
        if (st.cSales + st.cValue < capacity) {
            st.addCount(e, 1);
            if (st.boundary == null || compare(key, st.boundary) < 0) {
                st.boundary = key;
            }
        } else if (compare(key, st.boundary) > 0) {
            st.addCount(e, 1);
            byte[] old = st.boundary;
            Entry oldEntry = entry(old);
            st.addCount(oldEntry, -1);
            st.boundary = nextKey(brand, old);
            if (timeOf(old) <= st.cutoff()) {
                deletePost(brand, old);
            }
        }
        if (ts > st.streamTime) {
            advance(brand, st, ts, policy);
        }
        return finish(brand, policy, st, c.postId(), replaced ? Outcome.REPLACED : Outcome.ADDED);
    }

    /** Removes a post by id (a post marked deleted). */
    public Change delete(String brand, String postId, BrandPolicy policy) {
        State st = load(brand, policy);
        if (!removeExisting(brand, postId, st)) {
            return new Change(Outcome.UNKNOWN_ID, false, List.of());
        }
        return finish(brand, policy, st, postId, Outcome.DELETED);
    }

    /** The brand's snapshot now, without changing anything. */
    public BrandMix snapshot(String brand, BrandPolicy policy) {
        State st = load(brand, policy);
        return mix(brand, policy, st, st.lastPostId);
    }

    /** A drafted post planned at a time, as part of a content calendar. */
    public record Planned(String id, long at, Label label) {
    }

    /** What publishing one more post with {@code label} now (the brand's newest event time) would do. */
    public Projection project(String brand, BrandPolicy policy, Label label) {
        return projectPlanned(brand, policy, List.of(), Long.MIN_VALUE, label);
    }

    /**
     * What publishing a post with {@code label} at {@code at} would do, after the {@code earlier} planned
     * posts went out at their times; changes nothing. Times before the brand's newest post count as
     * its newest post's time. Posts age out of the time window as the plan moves forward.
     */
    public Projection projectPlanned(String brand, BrandPolicy policy, List<Planned> earlier, long at, Label label) {
        State st = load(brand, policy);
        long now = Math.max(at, st.streamTime);
        long windowMs = policy.window().toMillis();
        List<long[]> items = new ArrayList<>(); // {time, sales 1/0}, by time
        try (KeyValueIterator<Bytes, byte[]> it = store.range(Bytes.wrap(retainedFrom(brand, st)), Bytes.wrap(brandEnd(brand)))) {
            while (it.hasNext()) {
                KeyValue<Bytes, byte[]> kv = it.next();
                items.add(new long[] {timeOf(kv.key.get()), kv.value[0]});
            }
        }
        for (Planned p : earlier) {
            if (p.at() <= now || now == Long.MIN_VALUE) {
                items.add(new long[] {Math.max(p.at(), st.streamTime), p.label() == Label.SALES ? 1 : 0});
            }
        }
        items.sort(java.util.Comparator.comparingLong(x -> x[0]));
        long cutoff = now == Long.MIN_VALUE ? Long.MIN_VALUE : now - windowMs;
        List<long[]> time = new ArrayList<>();
        for (long[] x : items) {
            if (x[0] > cutoff && x[0] <= now) {
                time.add(x);
            }
        }
        int add = label == Label.SALES ? 1 : 0;
        double limit = policy.maxSalesShare();

        int tPosts = time.size();
        int tSales = (int) time.stream().filter(x -> x[1] == 1).count();
        boolean tJudged = tPosts + 1 >= policy.minPosts();
        boolean tOver = tJudged && MixMath.over(tSales + add, tPosts + 1, limit);
        Instant fits = null;
        if (tOver) {
            int s = tSales;
            int n = tPosts;
            for (long[] x : time) {
                s -= (int) x[1];
                n--;
                if (n + 1 < policy.minPosts()) {
                    break; // only an almost empty window would take it: waiting is no advice
                }
                if (!MixMath.over(s + 1, n + 1, limit)) {
                    fits = Instant.ofEpochMilli(x[0]).plus(policy.window());
                    break;
                }
            }
        }
        Projection timeP = new Projection("the last " + MixMath.describe(policy.window()), tPosts,
                MixMath.share(tSales, tPosts), MixMath.share(tSales + add, tPosts + 1), tJudged, tOver,
                tOver ? MixMath.valueNeeded(tSales + add, tPosts + 1, limit) : 0, fits);

        int capacity = policy.lastPosts();
        List<long[]> upToNow = items.stream().filter(x -> now == Long.MIN_VALUE || x[0] <= now).toList();
        boolean[] labels = new boolean[Math.min(capacity, upToNow.size())];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = upToNow.get(upToNow.size() - labels.length + i)[1] == 1;
        }
        int cPosts = labels.length;
        int cSales = 0;
        for (boolean b : labels) {
            cSales += b ? 1 : 0;
        }
        boolean[] after = slide(labels, capacity, 0, add == 1);
        int cSalesAfter = 0;
        for (boolean b : after) {
            cSalesAfter += b ? 1 : 0;
        }
        boolean cJudged = after.length >= policy.minPosts();
        boolean cOver = cJudged && MixMath.over(cSalesAfter, after.length, limit);
        int cFirst = 0;
        if (cOver) {
            // publish m value posts first (each pushing out the oldest once full), then the post
            cFirst = MixMath.NEVER;
            for (int m = 1; m <= capacity; m++) {
                boolean[] w = slide(labels, capacity, m, add == 1);
                int sales = 0;
                for (boolean b : w) {
                    sales += b ? 1 : 0;
                }
                if (!MixMath.over(sales, w.length, limit)) {
                    cFirst = m;
                    break;
                }
            }
        }
        Projection count = new Projection("the last " + capacity + " posts", cPosts, MixMath.share(cSales, cPosts),
                MixMath.share(cSalesAfter, after.length), cJudged, cOver, cFirst, null);

        if (cOver && (!tOver || cFirst == MixMath.NEVER || cFirst > timeP.valuePostsFirst())) {
            return count;
        }
        if (!tJudged && cJudged) {
            return count;
        }
        return timeP;
    }

    /** The window after {@code values} value posts and then one post, oldest first, capacity-bounded. */
    private static boolean[] slide(boolean[] labels, int capacity, int values, boolean sales) {
        int total = labels.length + values + 1;
        int n = Math.min(capacity, total);
        boolean[] out = new boolean[n];
        int skip = total - n;
        for (int i = 0; i < n; i++) {
            int j = i + skip;
            out[i] = j < labels.length ? labels[j] : (j == total - 1 && sales);
        }
        return out;
    }

    // ---- state changes ----

    private boolean removeExisting(String brand, String postId, State st) {
        Bytes ik = Bytes.wrap(indexKey(brand, postId));
        byte[] tsBytes = store.get(ik);
        if (tsBytes == null) {
            return false;
        }
        byte[] key = entryKey(brand, ByteBuffer.wrap(tsBytes).getLong(), postId);
        Entry e = entry(key);
        if (timeOf(key) > st.cutoff()) {
            st.addTimeRaw(e, -1);
        }
        boolean inCount = st.boundary != null && compare(key, st.boundary) >= 0;
        deletePost(brand, key);
        if (inCount) {
            st.addCount(e, -1);
            byte[] prev = previousKey(brand, st.boundary);
            if (prev != null) {
                st.addCount(entry(prev), 1);
                st.boundary = prev;
            } else if (Arrays.equals(key, st.boundary)) {
                st.boundary = nextKey(brand, key);
            }
        }
        return true;
    }

    /** The brand's newest post time moved forward: posts that left the time window stop counting there. */
    private void advance(String brand, State st, long newTime, BrandPolicy policy) {
        long oldCutoff = st.cutoff();
        st.streamTime = newTime;
        long newCutoff = st.cutoff();
        byte[] from = entryKey(brand, oldCutoff == Long.MIN_VALUE ? Long.MIN_VALUE : oldCutoff + 1, null);
        byte[] to = entryKey(brand, newCutoff + 1, null);
        List<byte[]> drop = new ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> it = store.range(Bytes.wrap(from), Bytes.wrap(to))) {
            while (it.hasNext()) {
                KeyValue<Bytes, byte[]> kv = it.next();
                byte[] key = kv.key.get();
                st.addTimeRaw(Entry.decode(kv.value), -1);
                if (st.boundary == null || compare(key, st.boundary) < 0) {
                    drop.add(key);
                }
            }
        }
        drop.forEach(k -> deletePost(brand, k));
    }

    private Change finish(String brand, BrandPolicy policy, State st, String postId, Outcome outcome) {
        st.lastPostId = postId;
        List<MixAlert> alerts = alerts(brand, policy, st, postId);
        if (!st.fenced) {
            store.put(Bytes.wrap(fenceKey(brand)), FENCE);
            st.fenced = true;
        }
        store.put(Bytes.wrap(stateKey(brand)), st.encode());
        return new Change(outcome, true, alerts);
    }

    // ---- snapshot and alerts ----

    private BrandMix mix(String brand, BrandPolicy policy, State st, String postId) {
        Figures time = Figures.of(st.tSales, st.tValue);
        Figures count = Figures.of(st.cSales, st.cValue);
        boolean cJudged = count.posts() >= policy.minPosts();
        double limit = policy.maxSalesShare();
        MixStatus status = status(policy, time, count);
        int fit = MixMath.salesThatFit(time.sales(), time.posts(), limit);
        int need = MixMath.valueNeeded(time.sales(), time.posts(), limit);
        if (cJudged) {
            int[] c;
            try (CountLabels labels = new CountLabels(brand, st)) {
                c = MixMath.countWindowHeadroom(st.cSales, st.cSales + st.cValue, labels, policy.lastPosts(), limit);
            }
            fit = Math.min(fit, c[0]);
            need = need == MixMath.NEVER || c[1] == MixMath.NEVER ? MixMath.NEVER : Math.max(need, c[1]);
        }
        if (fit == Integer.MAX_VALUE) {
            fit = policy.lastPosts();
        }
        Map<String, Figures> channels = new LinkedHashMap<>();
        st.tChannels.forEach((k, v) -> channels.put(k, Figures.of(v[0], v[1])));
        Map<String, Figures> goals = new LinkedHashMap<>();
        st.tGoals.forEach((k, v) -> goals.put(k, Figures.of(v[0], v[1])));
        double offGoal = MixMath.share(st.tNotAligned, time.posts());
        Instant asOf = st.streamTime == Long.MIN_VALUE ? null : Instant.ofEpochMilli(st.streamTime);
        return new BrandMix(brand, asOf, policy, time, count, channels, goals, offGoal, status,
                new Headroom(fit, need), postId);
    }

    private static MixStatus status(BrandPolicy policy, Figures time, Figures count) {
        boolean tJudged = time.posts() >= policy.minPosts();
        boolean cJudged = count.posts() >= policy.minPosts();
        double limit = policy.maxSalesShare();
        if (!tJudged && !cJudged) {
            return MixStatus.INSUFFICIENT_DATA;
        } else if ((tJudged && MixMath.over(time.sales(), time.posts(), limit))
                || (cJudged && MixMath.over(count.sales(), count.posts(), limit))) {
            return MixStatus.OVER;
        }
        return MixStatus.WITHIN;
    }

    /** Alerts the brand's new figures fire; the full snapshot (for its headroom) only when one does. */
    private List<MixAlert> alerts(String brand, BrandPolicy policy, State st, String postId) {
        List<MixAlert> out = new ArrayList<>(1);
        double limit = policy.maxSalesShare();
        Figures t = Figures.of(st.tSales, st.tValue);
        Figures c = Figures.of(st.cSales, st.cValue);
        boolean tJudged = t.posts() >= policy.minPosts();
        boolean cJudged = c.posts() >= policy.minPosts();
        String tName = "the last " + MixMath.describe(policy.window());
        String cName = "the last " + policy.lastPosts() + " posts";
        Instant at = st.streamTime == Long.MIN_VALUE ? null : Instant.ofEpochMilli(st.streamTime);
        MixStatus status = status(policy, t, c);
        if (!st.overSelling && status == MixStatus.OVER) {
            BrandMix mix = mix(brand, policy, st, postId);
            st.overSelling = true;
            boolean timeOver = tJudged && MixMath.over(t.sales(), t.posts(), limit);
            Figures w = timeOver ? t : c;
            String name = timeOver ? tName : cName;
            int need = mix.headroom().valuePostsNeeded();
            String fix = need == MixMath.NEVER ? "only time brings it back under"
                    : "publish " + need + " value post" + (need == 1 ? "" : "s") + " to get back under";
            out.add(new MixAlert(brand, AlertType.OVER_SELLING, w.salesShare(), limit,
                    timeOver ? MixMath.iso(policy.window()) : "last " + policy.lastPosts() + " posts", postId, at,
                    brand + ": " + MixMath.percent(w.salesShare()) + " sales over " + name + " (limit "
                            + MixMath.percent(limit) + "); " + fix));
        } else if (st.overSelling && (tJudged || cJudged)
                && (!tJudged || MixMath.below(t.sales(), t.posts(), policy.rearmBelow()))
                && (!cJudged || MixMath.below(c.sales(), c.posts(), policy.rearmBelow()))) {
            st.overSelling = false;
            BrandMix mix = mix(brand, policy, st, postId);
            Figures w = tJudged ? t : c;
            String name = tJudged ? tName : cName;
            int fit = mix.headroom().salesPostsThatFit();
            out.add(new MixAlert(brand, AlertType.BACK_WITHIN, w.salesShare(), limit,
                    tJudged ? MixMath.iso(policy.window()) : "last " + policy.lastPosts() + " posts", postId, at,
                    brand + ": back within the guideline, " + MixMath.percent(w.salesShare()) + " sales over "
                            + name + " (limit " + MixMath.percent(limit) + "); room for " + fit + " more sales post"
                            + (fit == 1 ? "" : "s")));
        }
        if (!policy.goals().isEmpty() && tJudged) {
            double drift = MixMath.share(st.tNotAligned, t.posts());
            double max = policy.maxOffGoalShare();
            if (!st.goalDrift && drift > max + MixMath.EPS) {
                st.goalDrift = true;
                out.add(new MixAlert(brand, AlertType.GOAL_DRIFT, drift, max, MixMath.iso(policy.window()), postId, at,
                        brand + ": " + MixMath.percent(drift) + " of posts over " + tName
                                + " serve none of the declared goals (" + String.join(", ", policy.goals())
                                + "; limit " + MixMath.percent(max) + "); tag posts with a declared goal or rethink them"));
            } else if (st.goalDrift && drift < Math.max(0, max - BrandPolicy.DEFAULT_REARM_MARGIN) - MixMath.EPS) {
                st.goalDrift = false;
            }
        }
        return out;
    }

    /**
     * The count window's labels, oldest first, read from the store only as far as the headroom needs
     * them (a few posts, usually): reading the whole window for every post cost O(window) per post.
     * A label past the stored posts reads as value, as a short window would.
     */
    private final class CountLabels implements IntPredicate, AutoCloseable {
        private final String brand;
        private final State st;
        private KeyValueIterator<Bytes, byte[]> it;
        private boolean[] read = new boolean[16];
        private int n;

        CountLabels(String brand, State st) {
            this.brand = brand;
            this.st = st;
        }

        @Override
        public boolean test(int i) {
            if (st.boundary == null || i >= st.cSales + st.cValue) {
                return false;
            }
            if (it == null) {
                it = store.range(Bytes.wrap(st.boundary), Bytes.wrap(brandEnd(brand)));
            }
            while (n <= i && it.hasNext()) {
                if (n == read.length) {
                    read = Arrays.copyOf(read, n * 2);
                }
                read[n++] = it.next().value[0] == 1;
            }
            return i < n && read[i];
        }

        @Override
        public void close() {
            if (it != null) {
                it.close();
            }
        }
    }

    // ---- loading and recounting ----

    private State load(String brand, BrandPolicy policy) {
        byte[] raw = store.get(Bytes.wrap(stateKey(brand)));
        State st;
        try {
            st = raw == null ? new State() : State.decode(raw);
        } catch (IOException | RuntimeException e) {
            throw new UncheckedIOException("corrupt mix state for brand " + brand,
                    e instanceof IOException io ? io : new IOException(e));
        }
        if (!st.matches(policy)) {
            recount(brand, st, policy);
        }
        return st;
    }

    /** Recounts a brand from its retained posts under a (new) policy. */
    private void recount(String brand, State st, BrandPolicy policy) {
        List<byte[]> keys = new ArrayList<>();
        List<Entry> entries = new ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> it = store.range(Bytes.wrap(brandStart(brand)), Bytes.wrap(brandEnd(brand)))) {
            while (it.hasNext()) {
                KeyValue<Bytes, byte[]> kv = it.next();
                keys.add(kv.key.get());
                entries.add(Entry.decode(kv.value));
            }
        }
        st.windowMs = policy.window().toMillis();
        st.lastPosts = policy.lastPosts();
        st.goals = policy.goals();
        st.clearCounts();
        long cutoff = st.cutoff();
        int firstInCount = Math.max(0, keys.size() - policy.lastPosts());
        st.boundary = keys.isEmpty() ? null : keys.get(firstInCount);
        for (int i = 0; i < keys.size(); i++) {
            boolean inTime = timeOf(keys.get(i)) > cutoff;
            boolean inCount = i >= firstInCount;
            if (inTime) {
                st.addTime(entries.get(i), policy);
            }
            if (inCount) {
                st.addCount(entries.get(i), 1);
            }
            if (!inTime && !inCount) {
                deletePost(brand, keys.get(i));
            }
        }
    }

    /**
     * The brand's first retained post or a key before it, after every key of a post that left both
     * windows: those were deleted and, until RocksDB compacts them away, lie as tombstones at the start
     * of the brand's range, which a scan from its start would step over one by one.
     */
    static byte[] retainedFrom(String brand, State st) {
        long cutoff = st.cutoff();
        byte[] byTime = cutoff == Long.MIN_VALUE ? brandStart(brand) : entryKey(brand, cutoff + 1, null);
        return st.boundary != null && compare(st.boundary, byTime) < 0 ? st.boundary : byTime;
    }

    private void deletePost(String brand, byte[] key) {
        // put(null) deletes without reading the old value first, as delete() does
        store.put(Bytes.wrap(key), null);
        store.put(Bytes.wrap(indexKey(brand, idOf(brand, key))), null);
    }

    private Entry entry(byte[] key) {
        byte[] v = store.get(Bytes.wrap(key));
        if (v == null) {
            throw new IllegalStateException("mix state lost a post it counts: " + Bytes.wrap(key));
        }
        return Entry.decode(v);
    }

    private byte[] nextKey(String brand, byte[] key) {
        byte[] from = Arrays.copyOf(key, key.length + 1);
        try (KeyValueIterator<Bytes, byte[]> it = store.range(Bytes.wrap(from), Bytes.wrap(brandEnd(brand)))) {
            return it.hasNext() ? it.next().key.get() : null;
        }
    }

    private byte[] previousKey(String brand, byte[] key) {
        try (KeyValueIterator<Bytes, byte[]> it = store.reverseRange(Bytes.wrap(brandStart(brand)), Bytes.wrap(key))) {
            while (it.hasNext()) {
                byte[] k = it.next().key.get();
                if (!Arrays.equals(k, key)) {
                    return k;
                }
            }
            return null;
        }
    }

    // ---- encodings ----

    private static byte[] brandPrefix(char kind, String brand) {
        byte[] b = brand.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[b.length + 2];
        out[0] = (byte) kind;
        System.arraycopy(b, 0, out, 1, b.length);
        out[b.length + 1] = 0;
        return out;
    }

    static byte[] brandStart(String brand) {
        return brandPrefix('E', brand);
    }

    static byte[] brandEnd(String brand) {
        byte[] p = brandPrefix('E', brand);
        p[p.length - 1] = 1;
        return p;
    }

    /**
     * The fence after a brand's posts: a key that always exists just past its E range and before the
     * next brand's. RocksDB keeps a deleted key as a tombstone until compaction reaches it, and a
     * Streams range iterator reads one key past its range: from a brand's newest post that read went
     * on into the next brand's range and skipped every tombstone of its oldest, deleted posts (with
     * thousands of posts a brand it cost most of a post's time, and grew with the posts). The fence
     * stops it at the first step. Written with the brand's first state; never counted.
     */
    static byte[] fenceKey(String brand) {
        byte[] end = brandEnd(brand);
        return Arrays.copyOf(end, end.length + 1);
    }

    private static final byte[] FENCE = {0};

    static byte[] entryKey(String brand, long ts, String id) {
        byte[] p = brandPrefix('E', brand);
        byte[] idb = id == null ? new byte[0] : id.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(p.length + 8 + idb.length).put(p).putLong(ts ^ Long.MIN_VALUE).put(idb).array();
    }

    private static long timeOf(byte[] entryKey) {
        int i = 0;
        while (entryKey[i] != 0) {
            i++;
        }
        return ByteBuffer.wrap(entryKey, i + 1, 8).getLong() ^ Long.MIN_VALUE;
    }

    private static String idOf(String brand, byte[] entryKey) {
        int start = brand.getBytes(StandardCharsets.UTF_8).length + 2 + 8;
        return new String(entryKey, start, entryKey.length - start, StandardCharsets.UTF_8);
    }

    static byte[] indexKey(String brand, String id) {
        byte[] p = brandPrefix('I', brand);
        byte[] idb = id.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(p.length + idb.length).put(p).put(idb).array();
    }

    static byte[] stateKey(String brand) {
        byte[] p = brandPrefix('S', brand);
        return Arrays.copyOf(p, p.length - 1);
    }

    private static byte[] longBytes(long v) {
        return ByteBuffer.allocate(8).putLong(v).array();
    }

    private static int compare(byte[] a, byte[] b) {
        return Arrays.compareUnsigned(a, b);
    }

    /** A retained post: what the counts need. */
    record Entry(Label label, String channel, List<String> goals) {
        byte[] encode() {
            ByteArrayOutputStream buf = new ByteArrayOutputStream(32);
            try (DataOutputStream out = new DataOutputStream(buf)) {
                out.writeByte(label == Label.SALES ? 1 : 0);
                out.writeUTF(channel);
                out.writeByte(goals.size());
                for (String g : goals) {
                    out.writeUTF(g);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return buf.toByteArray();
        }

        static Entry decode(byte[] bytes) {
            try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(bytes))) {
                Label label = in.readByte() == 1 ? Label.SALES : Label.VALUE;
                String channel = in.readUTF();
                int n = in.readByte();
                List<String> goals = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    goals.add(in.readUTF());
                }
                return new Entry(label, channel, goals);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * The running counts of one brand, stored under its S key in a small binary form (it is read and
     * written for every post: as JSON through Jackson it cost more than the windows themselves).
     * State written as JSON by earlier versions (first byte '{') is still read.
     */
    static final class State {
        /** First byte of the binary form; never '{'. */
        private static final byte BINARY_V1 = 1;

        public long streamTime = Long.MIN_VALUE;
        public long windowMs = -1;
        public int lastPosts = -1;
        public List<String> goals = List.of();
        public int tSales;
        public int tValue;
        public int tNotAligned;
        public Map<String, int[]> tChannels = new TreeMap<>();
        public Map<String, int[]> tGoals = new TreeMap<>();
        public int cSales;
        public int cValue;
        public byte[] boundary;
        public boolean overSelling;
        public boolean goalDrift;
        public String lastPostId;
        /** Whether the brand's {@link #fenceKey fence} is written (states of earlier versions have none). */
        public boolean fenced;

        byte[] encode() {
            ByteArrayOutputStream buf = new ByteArrayOutputStream(128);
            try (DataOutputStream out = new DataOutputStream(buf)) {
                out.writeByte(BINARY_V1);
                out.writeLong(streamTime);
                out.writeLong(windowMs);
                out.writeInt(lastPosts);
                writeStrings(out, goals);
                out.writeInt(tSales);
                out.writeInt(tValue);
                out.writeInt(tNotAligned);
                writeBreakdown(out, tChannels);
                writeBreakdown(out, tGoals);
                out.writeInt(cSales);
                out.writeInt(cValue);
                out.writeInt(boundary == null ? -1 : boundary.length);
                if (boundary != null) {
                    out.write(boundary);
                }
                out.writeByte((overSelling ? 1 : 0) | (goalDrift ? 2 : 0) | (fenced ? 4 : 0));
                out.writeBoolean(lastPostId != null);
                if (lastPostId != null) {
                    out.writeUTF(lastPostId);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return buf.toByteArray();
        }

        static State decode(byte[] raw) throws IOException {
            if (raw.length > 0 && raw[0] == '{') {
                return Json.MAPPER.readValue(raw, State.class);
            }
            State st = new State();
            try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(raw))) {
                byte version = in.readByte();
                if (version != BINARY_V1) {
                    throw new IOException("unknown mix state format " + version);
                }
                st.streamTime = in.readLong();
                st.windowMs = in.readLong();
                st.lastPosts = in.readInt();
                st.goals = readStrings(in);
                st.tSales = in.readInt();
                st.tValue = in.readInt();
                st.tNotAligned = in.readInt();
                st.tChannels = readBreakdown(in);
                st.tGoals = readBreakdown(in);
                st.cSales = in.readInt();
                st.cValue = in.readInt();
                int b = in.readInt();
                if (b >= 0) {
                    st.boundary = in.readNBytes(b);
                }
                int flags = in.readByte();
                st.overSelling = (flags & 1) != 0;
                st.goalDrift = (flags & 2) != 0;
                st.fenced = (flags & 4) != 0;
                st.lastPostId = in.readBoolean() ? in.readUTF() : null;
            }
            return st;
        }

        private static void writeStrings(DataOutputStream out, List<String> xs) throws IOException {
            out.writeInt(xs.size());
            for (String x : xs) {
                out.writeUTF(x);
            }
        }

        private static List<String> readStrings(DataInputStream in) throws IOException {
            int n = in.readInt();
            List<String> xs = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                xs.add(in.readUTF());
            }
            return xs;
        }

        private static void writeBreakdown(DataOutputStream out, Map<String, int[]> m) throws IOException {
            out.writeInt(m.size());
            for (Map.Entry<String, int[]> e : m.entrySet()) {
                out.writeUTF(e.getKey());
                out.writeInt(e.getValue()[0]);
                out.writeInt(e.getValue()[1]);
            }
        }

        /** Kept in stored order, as the JSON form was read back (a LinkedHashMap): snapshots list keys alike. */
        private static Map<String, int[]> readBreakdown(DataInputStream in) throws IOException {
            int n = in.readInt();
            Map<String, int[]> m = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                m.put(in.readUTF(), new int[] {in.readInt(), in.readInt()});
            }
            return m;
        }

        long cutoff() {
            return streamTime == Long.MIN_VALUE ? Long.MIN_VALUE : streamTime - windowMs;
        }

        boolean matches(BrandPolicy p) {
            return windowMs == p.window().toMillis() && lastPosts == p.lastPosts() && goals.equals(p.goals());
        }

        void clearCounts() {
            tSales = tValue = tNotAligned = cSales = cValue = 0;
            tChannels = new TreeMap<>();
            tGoals = new TreeMap<>();
        }

        void addTime(Entry e, BrandPolicy policy) {
            addTimeRaw(e, 1);
        }

        void addTimeRaw(Entry e, int sign) {
            boolean sales = e.label == Label.SALES;
            if (sales) {
                tSales += sign;
            } else {
                tValue += sign;
            }
            // with no declared goals there is nothing to be off: the share stays 0, GOAL_DRIFT never fires
            if (!goals.isEmpty() && Goals.check(e.label, e.goals, goals) != GoalCheck.ALIGNED) {
                tNotAligned += sign;
            }
            bump(tChannels, e.channel, sales, sign);
            for (String g : e.goals) {
                bump(tGoals, g, sales, sign);
            }
        }

        void addCount(Entry e, int sign) {
            if (e.label == Label.SALES) {
                cSales += sign;
            } else {
                cValue += sign;
            }
        }

        private static void bump(Map<String, int[]> m, String key, boolean sales, int sign) {
            String k = m.containsKey(key) || m.size() < MAX_BREAKDOWN_KEYS ? key : OTHER;
            int[] v = m.computeIfAbsent(k, x -> new int[2]);
            v[sales ? 0 : 1] += sign;
            if (v[0] == 0 && v[1] == 0) {
                m.remove(k);
            }
        }
    }
}
