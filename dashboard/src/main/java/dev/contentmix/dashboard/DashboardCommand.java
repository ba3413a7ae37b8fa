package dev.contentmix.dashboard;

import dev.contentmix.events.KafkaSettings;
import dev.contentmix.events.cli.KafkaOptions;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code contentmix dashboard}: serves the live dashboard until Ctrl-C. Reads the analyzer's
 * {@code mix}, {@code alerts} and {@code classified} topics; writes nothing.
 */
@Command(name = "dashboard", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Serves a live web dashboard of every brand's mix: share against the limit, share over time, "
            + "breakdowns by channel and goal, recent posts and alerts, updated as posts arrive.",
            "Read-only. Listens on 127.0.0.1 unless --host says otherwise; it has no login, so expose it only "
                + "where everyone who can reach it may see every brand."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:stopped with Ctrl-C", "1:could not start (port taken, Kafka settings unusable)",
            "2:usage error"})
public final class DashboardCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    KafkaOptions kafka;

    @Option(names = "--host", defaultValue = "127.0.0.1",
            description = "Address to listen on (default: ${DEFAULT-VALUE}, this machine only).")
    String host;

    @Option(names = "--port", defaultValue = "8080", description = "Port; 0 for any free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (port < 0 || port > 65_535) {
            err.println("contentmix dashboard: --port must be between 0 and 65535, got " + port);
            return 2;
        }
        KafkaSettings settings;
        try {
            settings = kafka.clientSettings();
        } catch (IllegalArgumentException e) {
            err.println("contentmix dashboard: " + e.getMessage());
            return 2;
        }
        DashboardServer server;
        try {
            server = DashboardServer.start(settings, host, port);
        } catch (IllegalStateException | IllegalArgumentException | KafkaException e) {
            err.println("contentmix dashboard: " + e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "contentmix-dashboard-stop"));
        out.printf("contentmix dashboard at %s (Kafka at %s, topics %s*); Ctrl-C to stop%n", server.url(),
                settings.bootstrapServers(), settings.topicPrefix());
        if (!isLoopback(host)) {
            err.println("contentmix dashboard: listening on " + host + ", not only this machine: anyone who can "
                    + "reach it sees every brand (there is no login)");
        }
        out.flush();
        err.flush();
        stopped.await();
        return 0;
    }

    static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
