package dev.contentmix.events.cli;

import dev.contentmix.events.KafkaSettings;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/** Options every command that talks to Kafka shares; mix it in with {@code @Mixin}. */
public class KafkaOptions {
    @Option(names = {"-b", "--bootstrap-servers"}, paramLabel = "HOST:PORT",
            description = "Kafka bootstrap servers (default: $${KAFKA_BOOTSTRAP_SERVERS}, "
                    + "else 127.0.0.1:19092, the embedded broker of the demo).")
    String bootstrapServers;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Properties file; kafka.* settings go to the Kafka clients (default: $${CONTENTMIX_CONFIG}).")
    Path config;

    /** The embedded broker's address, used by client commands when nothing else is configured. */
    public static final String EMBEDDED_DEFAULT = "127.0.0.1:19092";

    /** Settings as configured; bootstrap servers may be null (the analyzer then starts a broker). */
    public KafkaSettings settings() {
        return KafkaSettings.load(config, Map.copyOf(System.getenv()), bootstrapServers);
    }

    /** Settings for a client command: falls back to the embedded broker's address. */
    public KafkaSettings clientSettings() {
        KafkaSettings s = settings();
        return s.bootstrapServers() == null ? s.withBootstrapServers(EMBEDDED_DEFAULT) : s;
    }
}
