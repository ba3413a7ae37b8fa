package dev.contentmix.events;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Where the Kafka cluster is and how to reach it, shared by the analyzer and the producer.
 *
 * <p>Sources, later ones winning: a properties file ({@code --config} or {@code CONTENTMIX_CONFIG}),
 * environment variables, then command-line options. Every {@code kafka.}-prefixed property is passed
 * to the Kafka clients without the prefix ({@code kafka.security.protocol=SASL_SSL}); in the
 * environment the same is {@code CONTENTMIX_KAFKA_SECURITY_PROTOCOL=SASL_SSL}.
 *
 * @param bootstrapServers null when none is configured (the analyzer then starts an embedded broker)
 * @param topicPrefix      prefix of every topic name
 * @param client           properties for the Kafka clients, prefix removed
 */
public record KafkaSettings(String bootstrapServers, String topicPrefix, Map<String, String> client) {
    public static final String ENV_BOOTSTRAP = "KAFKA_BOOTSTRAP_SERVERS";
    public static final String ENV_PREFIX = "CONTENTMIX_TOPIC_PREFIX";
    public static final String ENV_CONFIG = "CONTENTMIX_CONFIG";
    private static final String ENV_KAFKA = "CONTENTMIX_KAFKA_";

    public KafkaSettings {
        bootstrapServers = bootstrapServers == null || bootstrapServers.isBlank() ? null : bootstrapServers.strip();
        topicPrefix = topicPrefix == null ? Topics.DEFAULT_PREFIX : topicPrefix;
        client = Map.copyOf(client == null ? Map.of() : client);
    }

    /** Settings from the file (may be null), the environment and an optional bootstrap override. */
    public static KafkaSettings load(Path file, Map<String, String> env, String bootstrapOverride) {
        Properties props = new Properties();
        Path f = file != null ? file : (env.get(ENV_CONFIG) == null ? null : Path.of(env.get(ENV_CONFIG)));
        if (f != null) {
            try (Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
                props.load(r);
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read config file " + f + ": " + e.getMessage());
            }
        }
        Map<String, String> client = new TreeMap<>();
        for (String name : props.stringPropertyNames()) {
            if (name.startsWith("kafka.")) {
                client.put(name.substring("kafka.".length()), props.getProperty(name));
            }
        }
        env.forEach((k, v) -> {
            if (k.startsWith(ENV_KAFKA) && k.length() > ENV_KAFKA.length()) {
                client.put(k.substring(ENV_KAFKA.length()).toLowerCase(Locale.ROOT).replace('_', '.'), v);
            }
        });
        String bootstrap = props.getProperty("bootstrap.servers", client.remove("bootstrap.servers"));
        bootstrap = env.getOrDefault(ENV_BOOTSTRAP, bootstrap);
        if (bootstrapOverride != null && !bootstrapOverride.isBlank()) {
            bootstrap = bootstrapOverride;
        }
        String prefix = env.getOrDefault(ENV_PREFIX, props.getProperty("topic.prefix", Topics.DEFAULT_PREFIX));
        return new KafkaSettings(bootstrap, prefix, client);
    }

    public Topics topics() {
        return new Topics(topicPrefix);
    }

    public KafkaSettings withBootstrapServers(String servers) {
        return new KafkaSettings(servers, topicPrefix, client);
    }

    /** Client properties with bootstrap servers set. */
    public Properties clientProperties() {
        if (bootstrapServers == null) {
            throw new IllegalStateException("no bootstrap servers configured");
        }
        Properties p = new Properties();
        p.putAll(client);
        p.put("bootstrap.servers", bootstrapServers);
        return p;
    }

    /** For logs: secrets replaced by ****. */
    @Override
    public String toString() {
        Map<String, String> shown = new TreeMap<>();
        client.forEach((k, v) -> shown.put(k, isSecret(k) ? "****" : v));
        return "KafkaSettings[bootstrapServers=" + bootstrapServers + ", topicPrefix=" + topicPrefix
                + ", client=" + shown + "]";
    }

    static boolean isSecret(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return k.contains("password") || k.contains("secret") || k.contains("jaas") || k.endsWith(".key")
                || k.contains("token") || k.contains("credentials");
    }
}
