package dev.contentmix.analyzer.ops;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The analyzer's operations endpoint (the JDK's built-in HTTP server; nothing to add for three
 * read-only paths): {@code /metrics} in Prometheus text format, {@code /health/live} (200 while the
 * process serves), {@code /health/ready} and {@code /health} (200 when the Kafka Streams client is
 * RUNNING, 503 otherwise, with the state in the body). Binds to 127.0.0.1 unless told otherwise.
 */
public final class OpsServer implements AutoCloseable {
    private final HttpServer server;

    public OpsServer(String host, int port, PrometheusMeterRegistry registry, Supplier<KafkaStreams.State> state)
            throws IOException {
        server = HttpServer.create(new InetSocketAddress(host, port), 16);
        server.setExecutor(Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "ops-http");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/metrics", ex -> respond(ex, 200, "text/plain; version=0.0.4; charset=utf-8",
                registry.scrape()));
        server.createContext("/health/live", ex -> respond(ex, 200, "application/json", "{\"status\":\"UP\"}"));
        server.createContext("/health", ex -> {
            KafkaStreams.State s = state.get();
            boolean ready = s == KafkaStreams.State.RUNNING;
            respond(ex, ready ? 200 : 503, "application/json",
                    "{\"status\":\"" + (ready ? "UP" : "DOWN") + "\",\"streams\":\"" + s + "\"}");
        });
        server.start();
    }

    /** The bound port (useful when started on port 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    private static void respond(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type);
        if ("HEAD".equals(ex.getRequestMethod())) {
            ex.sendResponseHeaders(status, -1);
        } else if (!"GET".equals(ex.getRequestMethod())) {
            ex.sendResponseHeaders(405, -1);
        } else {
            ex.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        }
        ex.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
