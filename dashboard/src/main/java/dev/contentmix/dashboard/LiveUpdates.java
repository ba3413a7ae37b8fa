package dev.contentmix.dashboard;

import dev.contentmix.events.Classification;
import dev.contentmix.events.Json;
import dev.contentmix.events.MixAlert;
import io.javalin.http.sse.SseClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pushes changes to the open pages as server-sent events. Changes are gathered and sent as one
 * {@code update} event every {@value #FLUSH_MILLIS} ms, so a busy stream costs the browser a few
 * renders a second rather than one per post. When more changes pile up than one event should carry,
 * the pages get a {@code resync} event instead and fetch the state again.
 *
 * <p>Events: {@code update} ({@link Update} as JSON), {@code status} ({@link FeedStatus}, every few
 * seconds, which also keeps idle connections open), {@code resync} (no data).
 */
final class LiveUpdates implements AutoCloseable {
    static final long FLUSH_MILLIS = 250;
    static final long STATUS_MILLIS = 5_000;
    /** Changes one update may carry before the pages are told to fetch the state instead. */
    static final int MAX_PENDING = 2_000;
    private static final Logger LOG = LoggerFactory.getLogger(LiveUpdates.class);

    /** A point of one brand's chart. */
    record BrandPoint(String brand, SharePoint point) {
    }

    /**
     * The changes since the last event.
     *
     * @param brands  new rows, at most one per brand (the newest)
     * @param points  new chart points, in arrival order
     * @param removed brands that were deleted from the mix topic
     * @param alerts  new alerts, in arrival order
     * @param posts   newly classified posts, in arrival order
     * @param feed    the feed's status
     */
    record Update(List<BrandRow> brands, List<BrandPoint> points, List<String> removed, List<MixAlert> alerts,
                  List<Classification> posts, FeedStatus feed) {
    }

    private final Set<SseClient> clients = ConcurrentHashMap.newKeySet();
    private final Supplier<FeedStatus> status;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "contentmix-dashboard-sse");
        t.setDaemon(true);
        return t;
    });

    // guarded by this
    private Map<String, BrandRow> rows = new LinkedHashMap<>();
    private List<BrandPoint> points = new ArrayList<>();
    private List<String> removed = new ArrayList<>();
    private List<MixAlert> alerts = new ArrayList<>();
    private List<Classification> posts = new ArrayList<>();
    private int pending;
    private boolean overflow;

    LiveUpdates(Supplier<FeedStatus> status) {
        this.status = status;
    }

    void start() {
        timer.scheduleWithFixedDelay(this::flush, FLUSH_MILLIS, FLUSH_MILLIS, TimeUnit.MILLISECONDS);
        timer.scheduleWithFixedDelay(this::sendStatus, STATUS_MILLIS, STATUS_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Takes a page's event stream; it stays open until the page goes away or the server stops. */
    void connect(SseClient client) {
        client.keepAlive();
        client.onClose(() -> clients.remove(client));
        clients.add(client);
        // tells the page the stream is open, so it fetches the state it may have missed meanwhile; sent from
        // the timer's one thread, like every other event, so two writes never interleave on a stream
        timer.execute(() -> send(client, "status", Json.writeString(status.get())));
    }

    int clientCount() {
        return clients.size();
    }

    synchronized void mix(DashboardState.MixChange change) {
        if (count()) {
            rows.remove(change.row().brand()); // re-insert: rows keep the order of their last change
            rows.put(change.row().brand(), change.row());
            if (change.point() != null) {
                points.add(new BrandPoint(change.row().brand(), change.point()));
            }
        }
    }

    synchronized void removed(String brand) {
        if (count()) {
            rows.remove(brand);
            removed.add(brand);
        }
    }

    synchronized void alert(MixAlert alert) {
        if (count()) {
            alerts.add(alert);
        }
    }

    synchronized void post(Classification c) {
        if (count()) {
            posts.add(c);
        }
    }

    /** Counts a change; false once the update is too big to carry (the pages will resync). */
    private boolean count() {
        if (clients.isEmpty()) {
            return false; // nobody to tell; a page that connects fetches the state
        }
        if (overflow) {
            return false;
        }
        if (++pending > MAX_PENDING) {
            overflow = true;
            clearPending();
            return false;
        }
        return true;
    }

    private void clearPending() {
        rows = new LinkedHashMap<>();
        points = new ArrayList<>();
        removed = new ArrayList<>();
        alerts = new ArrayList<>();
        posts = new ArrayList<>();
    }

    private void flush() {
        String event;
        String data;
        synchronized (this) {
            if (overflow) {
                event = "resync";
                data = "{}";
            } else if (pending > 0) {
                event = "update";
                data = Json.writeString(new Update(List.copyOf(rows.values()), points, removed, alerts, posts,
                        status.get()));
            } else {
                return;
            }
            overflow = false;
            pending = 0;
            clearPending();
        }
        broadcast(event, data);
    }

    private void sendStatus() {
        if (!clients.isEmpty()) {
            broadcast("status", Json.writeString(status.get()));
        }
    }

    private void broadcast(String event, String data) {
        for (SseClient c : clients) {
            send(c, event, data);
        }
    }

    private void send(SseClient c, String event, String data) {
        if (c.terminated()) {
            clients.remove(c);
            return;
        }
        try {
            c.sendEvent(event, data);
        } catch (RuntimeException e) {
            // a page that went away mid-write; it reconnects by itself if it is still open
            LOG.debug("dropping an event stream: {}", e.toString());
            clients.remove(c);
            c.close();
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        for (SseClient c : clients) {
            try {
                c.close();
            } catch (RuntimeException e) {
                LOG.debug("closing an event stream: {}", e.toString());
            }
        }
        clients.clear();
    }
}
