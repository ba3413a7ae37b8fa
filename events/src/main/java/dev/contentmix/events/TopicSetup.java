package dev.contentmix.events;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.TopicExistsException;

/** Creates the topics of {@link Topics} that do not exist yet; existing topics are left as they are. */
public final class TopicSetup {
    /** Partitions of a new topic: room for six analyzer instances. */
    public static final int DEFAULT_PARTITIONS = 6;

    private TopicSetup() {
    }

    /**
     * A new topic answers produce requests only once its partitions have leaders; writing earlier
     * sends an idempotent producer into out-of-order retries. Waits (up to 30 s) until they do.
     */
    private static void awaitLeaders(Admin admin, List<String> topics) throws InterruptedException,
            ExecutionException, TimeoutException {
        if (topics.isEmpty()) {
            return;
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            boolean ready;
            try {
                ready = admin.describeTopics(topics).allTopicNames().get(10, TimeUnit.SECONDS).values().stream()
                        .flatMap(d -> d.partitions().stream())
                        .allMatch(p -> p.leader() != null && !p.leader().isEmpty());
            } catch (ExecutionException e) {
                ready = false; // metadata not propagated yet
            }
            if (ready) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("no leaders for the partitions of " + topics + " after 30 s");
            }
            Thread.sleep(50); // polling the cluster's metadata until the deadline
        }
    }

    /**
     * Creates the missing topics and waits for them.
     *
     * @return the names of the topics this call created
     */
    public static List<String> ensure(Properties clientProps, Topics topics, int partitions, short replication) {
        try (Admin admin = Admin.create(clientProps)) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            for (TopicSpec<?, ?> t : topics.all()) {
                if (!existing.contains(t.name())) {
                    NewTopic nt = new NewTopic(t.name(), partitions, replication);
                    if (t.compacted()) {
                        nt.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
                    }
                    missing.add(nt);
                }
            }
            if (missing.isEmpty()) {
                return List.of();
            }
            CreateTopicsResult result = admin.createTopics(missing);
            List<String> created = new ArrayList<>();
            for (Map.Entry<String, ? extends org.apache.kafka.common.KafkaFuture<Void>> e : result.values().entrySet()) {
                try {
                    e.getValue().get(30, TimeUnit.SECONDS);
                    created.add(e.getKey());
                } catch (ExecutionException ex) {
                    if (!(ex.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + e.getKey() + ": "
                                + ex.getCause().getMessage(), ex.getCause());
                    }
                }
            }
            awaitLeaders(admin, created);
            return created;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof AuthenticationException) {
                // the cluster answered: "cannot reach" would send the user to the network instead of the settings
                throw new IllegalStateException("Kafka at " + clientProps.get("bootstrap.servers")
                        + " refused this client: " + describe(cause)
                        + " (check the kafka.security.protocol, kafka.sasl.* and kafka.ssl.* settings)", e);
            }
            throw new IllegalStateException("cannot reach Kafka at " + clientProps.get("bootstrap.servers")
                    + " to create topics: " + cause.getMessage(), e);
        }
    }

    /** Kafka's own reason; for TLS the innermost one, since "SSL handshake failed" alone says not why. */
    private static String describe(Throwable authFailure) {
        Throwable root = authFailure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == authFailure ? authFailure.getMessage() : authFailure.getMessage() + " (" + root.getMessage() + ")";
    }
}
