package dev.contentmix.dashboard;

import dev.contentmix.events.Json;
import dev.contentmix.events.KafkaSettings;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import java.util.Map;
import java.util.Objects;

/**
 * The live dashboard: a read-only web page over the analyzer's output topics, with server-sent
 * events for live updates. Start it in-process with {@link #start}; the {@code dashboard} command
 * does the same from the command line.
 *
 * <p>HTTP: {@code /} the page; {@code /api/overview} every brand and the alert feed;
 * {@code /api/brand?name=B} one brand with its share history, posts and alerts;
 * {@code /api/events} the event stream (see {@link LiveUpdates}); {@code /webjars/...} Chart.js.
 * Only GET routes exist: the dashboard never writes to Kafka.
 */
public final class DashboardServer implements AutoCloseable {
    /** Where the page's files sit on the classpath: namespaced, so other jars cannot shadow them. */
    static final String WEB_ROOT = "/dev/contentmix/dashboard/web";
    private static final Map<String, String> HEADERS = Map.of(
            // the page loads only its own files; Chart.js sets canvas sizes through style attributes
            "Content-Security-Policy", "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
                    + "frame-ancestors 'none'",
            "X-Content-Type-Options", "nosniff",
            "Referrer-Policy", "no-referrer");

    private final Javalin app;
    private final DashboardFeed feed;
    private final LiveUpdates live;
    private final DashboardState state;
    private final String host;

    private DashboardServer(Javalin app, DashboardFeed feed, LiveUpdates live, DashboardState state, String host) {
        this.app = app;
        this.feed = feed;
        this.live = live;
        this.state = state;
        this.host = host;
    }

    /**
     * Starts reading the topics and serving the page.
     *
     * @param settings where Kafka is (bootstrap servers required) and the topic prefix
     * @param host     the address to listen on; 127.0.0.1 keeps the page on this machine
     * @param port     the port, 0 for any free one
     * @throws IllegalStateException when the port cannot be bound
     */
    public static DashboardServer start(KafkaSettings settings, String host, int port) {
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, got " + port);
        }
        DashboardState state = new DashboardState();
        // the feed reports to the live updates, which show the feed's status: the holder breaks the cycle
        DashboardFeed[] feedRef = new DashboardFeed[1];
        LiveUpdates live = new LiveUpdates(() -> feedRef[0].status());
        DashboardFeed feed = new DashboardFeed(settings, state, live);
        feedRef[0] = feed;
        Javalin app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            cfg.staticFiles.add(files -> {
                files.hostedPath = "/";
                files.directory = WEB_ROOT;
                files.location = Location.CLASSPATH;
                files.headers = HEADERS;
            });
            cfg.staticFiles.enableWebjars();
            cfg.routes.before("/api/*", ctx -> {
                HEADERS.forEach(ctx::header);
                ctx.header("Cache-Control", "no-store");
            });
            cfg.routes.get("/api/overview", ctx -> json(ctx, new Overview(state.overview(), feed.status())));
            cfg.routes.get("/api/brand", ctx -> {
                String name = ctx.queryParam("name");
                if (name == null || name.isEmpty()) {
                    ctx.status(400);
                    json(ctx, Map.of("error", "query parameter 'name' is required"));
                    return;
                }
                state.brand(name).ifPresentOrElse(d -> json(ctx, d), () -> {
                    ctx.status(404);
                    json(ctx, Map.of("error", "no brand '" + name + "' seen yet"));
                });
            });
            cfg.routes.sse("/api/events", live::connect);
        });
        try {
            app.start(host, port);
        } catch (RuntimeException e) {
            feed.close();
            app.stop();
            throw new IllegalStateException("cannot serve the dashboard on " + host + ":" + port + ": "
                    + rootMessage(e), e);
        }
        feed.start();
        live.start();
        return new DashboardServer(app, feed, live, state, host);
    }

    /** The overview the page loads first. */
    record Overview(DashboardState.Overview state, FeedStatus feed) {
    }

    /** The port it listens on (the chosen one when started with port 0). */
    public int port() {
        return app.port();
    }

    /** The page's address, such as {@code http://127.0.0.1:8080/}. */
    public String url() {
        String h = host.contains(":") ? "[" + host + "]" : host;
        if ("0.0.0.0".equals(host) || "[::]".equals(h)) {
            h = "127.0.0.1"; // listening everywhere: this machine's loopback is one of the addresses
        }
        return "http://" + h + ":" + port() + "/";
    }

    /** What the page shows, for callers that start it in-process (the demo, tests). */
    public DashboardState state() {
        return state;
    }

    public FeedStatus feedStatus() {
        return feed.status();
    }

    @Override
    public void close() {
        live.close();
        app.stop();
        feed.close();
    }

    private static void json(Context ctx, Object value) {
        ctx.contentType("application/json").result(Json.writeString(value));
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
