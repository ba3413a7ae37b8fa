package dev.contentmix.broker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * A real single-node Apache Kafka broker in KRaft combined mode (broker and controller in one
 * process), run inside this JVM, listening on 127.0.0.1 only.
 *
 * <p>The data directory is formatted on first use and reused afterwards, so topics and offsets
 * survive {@link #stop()} and a new {@link #start(Path, int)} on the same directory. Internal
 * topics use replication factor 1 and min ISR 1, as a single node needs.
 *
 * <p>With a {@link ClientListener} the broker also serves clients on a second listener that
 * authenticates and encrypts (SASL_SSL, say), as a production cluster does; its own traffic stays on
 * PLAINTEXT listeners bound to 127.0.0.1.
 */
public final class EmbeddedKafka implements AutoCloseable {
    /** Port of the quick start's broker; any free port when 0. */
    public static final int DEFAULT_PORT = 19092;

    private final Path dataDir;
    private final int port;
    private final Map<String, String> extraConfig;
    private final ClientListener clientListener;
    private final int clientPort;
    private KafkaRaftServer server;

    /**
     * A second listener, named {@code CLIENT}, for clients that must authenticate or encrypt. The
     * controller, inter-broker and readiness-check traffic stays on the PLAINTEXT listeners, so tests
     * can prove that a client reaches the cluster through this listener alone.
     *
     * @param securityProtocol {@code SASL_SSL}, {@code SSL} or {@code SASL_PLAINTEXT}
     * @param config           the listener's broker settings without its prefix ({@code ssl.keystore.location},
     *                         {@code sasl.enabled.mechanisms}, {@code scram-sha-512.sasl.jaas.config}...);
     *                         each is set as {@code listener.name.client.<setting>}
     * @param scramUsers       user name to password, stored as SCRAM-SHA-256 and SCRAM-SHA-512 credentials
     *                         when the data directory is formatted ({@code kafka-storage format --add-scram})
     */
    public record ClientListener(String securityProtocol, Map<String, String> config, Map<String, String> scramUsers) {
        private static final Set<String> PROTOCOLS = Set.of("SASL_SSL", "SSL", "SASL_PLAINTEXT");

        public ClientListener {
            if (securityProtocol == null || !PROTOCOLS.contains(securityProtocol.toUpperCase(Locale.ROOT))) {
                throw new IllegalArgumentException("security protocol must be one of " + PROTOCOLS + ", not "
                        + securityProtocol);
            }
            securityProtocol = securityProtocol.toUpperCase(Locale.ROOT);
            config = Map.copyOf(config);
            scramUsers = Map.copyOf(scramUsers);
            scramUsers.forEach((name, password) -> {
                // the storage tool splits its --add-scram argument on commas and has no escape
                if (name.isEmpty() || name.contains(",") || password.contains(",")) {
                    throw new IllegalArgumentException("SCRAM user names and passwords cannot contain ',' (user '"
                            + name + "')");
                }
            });
        }

        /** Secrets stay out of logs and assertion messages: only the setting names and user names. */
        @Override
        public String toString() {
            return "ClientListener[" + securityProtocol + ", settings=" + new TreeMap<>(config).keySet()
                    + ", scramUsers=" + new TreeMap<>(scramUsers).keySet() + "]";
        }
    }

    private EmbeddedKafka(Path dataDir, int port, Map<String, String> extraConfig, ClientListener clientListener) {
        this.dataDir = dataDir;
        this.port = port;
        this.extraConfig = Map.copyOf(extraConfig);
        this.clientListener = clientListener;
        this.clientPort = clientListener == null ? -1 : freePortOtherThan(port, -1);
    }

    /** Starts a broker on {@code port} (0 for any free port) with its data in {@code dataDir}. */
    public static EmbeddedKafka start(Path dataDir, int port) {
        return start(dataDir, port, Map.of());
    }

    /** As {@link #start(Path, int)}, with broker settings added or overridden. */
    public static EmbeddedKafka start(Path dataDir, int port, Map<String, String> extraConfig) {
        EmbeddedKafka k = new EmbeddedKafka(dataDir, port == 0 ? freePort() : port, extraConfig, null);
        k.startServer();
        return k;
    }

    /**
     * As {@link #start(Path, int, Map)}, with a second listener for clients on a free port; clients reach
     * it at {@link #clientBootstrapServers()}. SCRAM users are created only when {@code dataDir} is
     * formatted, that is on its first use.
     */
    public static EmbeddedKafka start(Path dataDir, int port, Map<String, String> extraConfig,
                                      ClientListener clientListener) {
        if (clientListener == null) {
            throw new IllegalArgumentException("clientListener is required; use start(dataDir, port, extraConfig)");
        }
        EmbeddedKafka k = new EmbeddedKafka(dataDir, port == 0 ? freePort() : port, extraConfig, clientListener);
        k.startServer();
        return k;
    }

    /** Starts a broker in a fresh temporary directory on a free port (tests, benchmarks). */
    public static EmbeddedKafka startTemporary() {
        try {
            return start(Files.createTempDirectory("contentmix-kafka-"), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The address of the PLAINTEXT listener, {@code 127.0.0.1:port}. */
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** The address of the {@link ClientListener}'s listener, or {@link #bootstrapServers()} when there is none. */
    public String clientBootstrapServers() {
        return clientListener == null ? bootstrapServers() : "127.0.0.1:" + clientPort;
    }

    public Path dataDir() {
        return dataDir;
    }

    public boolean isRunning() {
        return server != null;
    }

    /** Starts again after {@link #stop()}, on the same port and data. */
    public synchronized void restart() {
        if (server == null) {
            startServer();
        }
    }

    /** Stops the broker and keeps its data. */
    public synchronized void stop() {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            server = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    private synchronized void startServer() {
        Properties props = config(freePortOtherThan(port, clientPort));
        try {
            Files.createDirectories(dataDir);
            Path configFile = dataDir.resolve("server.properties");
            try (OutputStream out = Files.newOutputStream(configFile)) {
                props.store(out, "contentmix embedded broker");
            }
            if (!Files.exists(dataDir.resolve("logs").resolve("meta.properties"))) {
                format(configFile, clientListener == null ? Map.of() : clientListener.scramUsers());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare broker data directory " + dataDir, e);
        }
        KafkaRaftServer s = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
        s.startup();
        server = s;
        awaitReady(Duration.ofSeconds(60));
    }

    private Properties config(int controllerPort) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        if (clientListener != null) {
            String client = "CLIENT://127.0.0.1:" + clientPort;
            p.put("listeners", p.getProperty("listeners") + "," + client);
            p.put("advertised.listeners", p.getProperty("advertised.listeners") + "," + client);
            p.put("listener.security.protocol.map", p.getProperty("listener.security.protocol.map")
                    + ",CLIENT:" + clientListener.securityProtocol());
            clientListener.config().forEach((k, v) -> p.put("listener.name.client." + k, v));
        }
        p.put("log.dirs", dataDir.resolve("logs").toString());
        p.put("num.partitions", "6");
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "8");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "8");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("min.insync.replicas", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("auto.create.topics.enable", "false");
        p.putAll(extraConfig);
        return p;
    }

    private static void format(Path configFile, Map<String, String> scramUsers) {
        List<String> args = new ArrayList<>(List.of("format", "--config", configFile.toString(),
                "--cluster-id", Uuid.randomUuid().toString(), "--ignore-formatted"));
        // in KRaft, SCRAM credentials are metadata records: written at format time they exist before
        // the broker accepts its first connection, so no client can race their creation
        new TreeMap<>(scramUsers).forEach((name, password) -> {
            for (String mechanism : List.of("SCRAM-SHA-256", "SCRAM-SHA-512")) {
                args.add("--add-scram");
                args.add(mechanism + "=[name=" + name + ",password=" + password + "]");
            }
        });
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int rc;
        try (PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8)) {
            rc = StorageTool.execute(args.toArray(String[]::new), out);
        }
        if (rc != 0) {
            throw new IllegalStateException("formatting broker storage failed: " + buf.toString(StandardCharsets.UTF_8));
        }
    }

    private void awaitReady(Duration timeout) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = Admin.create(p)) {
            while (true) {
                try {
                    if (!admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty() && leadersElected(admin)) {
                        return;
                    }
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("broker at " + bootstrapServers()
                                + " did not elect leaders for its partitions within " + timeout);
                    }
                    Thread.sleep(50); // polling the broker's state until the deadline
                } catch (IllegalStateException e) {
                    throw e;
                } catch (Exception e) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("broker at " + bootstrapServers()
                                + " did not become ready within " + timeout, e);
                    }
                }
            }
        }
    }

    /**
     * After a restart a partition has no leader until the broker has loaded it; a producer that
     * writes to it meanwhile can end up retrying out-of-order batches until they expire. So ready
     * means: every partition of every topic has its leader again.
     */
    private static boolean leadersElected(Admin admin) throws Exception {
        java.util.Set<String> names = admin.listTopics().names().get(5, TimeUnit.SECONDS);
        if (names.isEmpty()) {
            return true;
        }
        return admin.describeTopics(names).allTopicNames().get(5, TimeUnit.SECONDS).values().stream()
                .flatMap(d -> d.partitions().stream())
                .allMatch(pi -> pi.leader() != null && !pi.leader().isEmpty());
    }

    /** A free port that is none of {@code taken}: the OS may hand out a port it just freed again. */
    private static int freePortOtherThan(int... taken) {
        while (true) {
            int p = freePort();
            if (java.util.Arrays.stream(taken).noneMatch(t -> t == p)) {
                return p;
            }
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on 127.0.0.1", e);
        }
    }
}
