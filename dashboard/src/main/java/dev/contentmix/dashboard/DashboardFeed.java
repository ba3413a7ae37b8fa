package dev.contentmix.dashboard;

import dev.contentmix.events.BrandMix;
import dev.contentmix.events.Classification;
import dev.contentmix.events.KafkaSettings;
import dev.contentmix.events.MixAlert;
import dev.contentmix.events.TopicSpec;
import dev.contentmix.events.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code contentmix.mix} from the beginning (compacted: the current snapshot of every brand, and
 * whatever history compaction has left), and the last {@value #ALERT_HISTORY} alerts and
 * {@value #POST_HISTORY} classifications of each partition of {@code contentmix.alerts} and
 * {@code contentmix.classified}, then follows all three, into a {@link DashboardState}; every change
 * goes on to {@link LiveUpdates}.
 *
 * <p>A plain consumer with assigned partitions and no group: every dashboard reads everything and
 * commits nothing. Topics that do not exist yet (the analyzer creates them) are looked for again
 * every few seconds, and new partitions are picked up the same way.
 */
final class DashboardFeed implements AutoCloseable {
    /** Alerts read back per partition at start. */
    static final int ALERT_HISTORY = DashboardState.ALERTS;
    /** Classifications read back per partition at start. */
    static final int POST_HISTORY = 500;
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(5);
    private static final long LOOK_AGAIN_MISSING_MS = 2_000;
    private static final long LOOK_AGAIN_MS = 30_000;
    private static final Logger LOG = LoggerFactory.getLogger(DashboardFeed.class);

    private final KafkaSettings settings;
    private final Topics topics;
    private final DashboardState state;
    private final LiveUpdates live;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Deserializer<BrandMix> mixReader;
    private final Deserializer<MixAlert> alertReader;
    private final Deserializer<Classification> postReader;
    private final Thread thread;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicLong records = new AtomicLong();
    private final AtomicLong badRecords = new AtomicLong();
    private final Map<TopicPartition, Long> catchUpTo = new HashMap<>();
    private boolean mixAssigned;
    private volatile boolean started;
    private volatile boolean closed;
    private volatile boolean connected;
    private volatile boolean caughtUp;
    private volatile String problem = "connecting";

    DashboardFeed(KafkaSettings settings, DashboardState state, LiveUpdates live) {
        this.settings = settings;
        this.topics = settings.topics();
        this.state = state;
        this.live = live;
        this.mixReader = topics.mix.valueSerde().deserializer();
        this.alertReader = topics.alerts.valueSerde().deserializer();
        this.postReader = topics.classified.valueSerde().deserializer();
        Properties props = settings.clientProperties();
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "contentmix-dashboard");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        // reading must never create a topic: the analyzer creates them with the right settings (compaction)
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        // positions are set explicitly; this only applies when retention removed the records at a position
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // the analyzer writes with exactly-once: show only what it committed
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        this.consumer = new KafkaConsumer<>(props);
        this.thread = new Thread(this::run, "contentmix-dashboard-feed");
        this.thread.setDaemon(true);
    }

    void start() {
        started = true;
        thread.start();
    }

    FeedStatus status() {
        return new FeedStatus(settings.bootstrapServers(), connected, caughtUp, records.get(), badRecords.get(),
                problem);
    }

    private void run() {
        long lookAgainAt = 0;
        try {
            while (!closed) {
                try {
                    long now = System.currentTimeMillis();
                    if (now >= lookAgainAt) {
                        boolean complete = discover();
                        lookAgainAt = now + (complete ? LOOK_AGAIN_MS : LOOK_AGAIN_MISSING_MS);
                    }
                    if (consumer.assignment().isEmpty()) {
                        // nothing to read yet: wait for the next look, or for close()
                        stopped.await(Math.max(1, lookAgainAt - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
                        continue;
                    }
                    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL)) {
                        handle(r);
                    }
                    if (!caughtUp) {
                        caughtUp = reachedCatchUp();
                    }
                } catch (WakeupException e) {
                    throw e;
                } catch (KafkaException e) {
                    // a broker away, an authorisation error: say so on the page, keep trying
                    problem = e.getMessage();
                    LOG.warn("dashboard feed: {}", e.toString());
                    stopped.await(LOOK_AGAIN_MISSING_MS, TimeUnit.MILLISECONDS);
                    lookAgainAt = 0;
                }
            }
        } catch (WakeupException e) {
            if (!closed) {
                throw e;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(2)));
        }
    }

    /** Assigns every partition of the three topics that is not assigned yet; true when all three exist. */
    private boolean discover() {
        List<String> missing = new ArrayList<>();
        Map<TopicSpec<?, ?>, List<TopicPartition>> found = new HashMap<>();
        for (TopicSpec<?, ?> t : List.of(topics.mix, topics.alerts, topics.classified)) {
            List<PartitionInfo> infos;
            try {
                infos = consumer.partitionsFor(t.name(), METADATA_TIMEOUT);
            } catch (org.apache.kafka.common.errors.TimeoutException e) {
                connected = false;
                problem = "cannot reach Kafka at " + settings.bootstrapServers();
                return false;
            }
            connected = true;
            if (infos == null || infos.isEmpty()) {
                missing.add(t.name());
                continue;
            }
            List<TopicPartition> tps = new ArrayList<>();
            for (PartitionInfo p : infos) {
                tps.add(new TopicPartition(p.topic(), p.partition()));
            }
            found.put(t, tps);
        }
        problem = missing.isEmpty() ? null
                : "waiting for topic" + (missing.size() == 1 ? " " : "s ") + String.join(", ", missing)
                        + " (the analyzer creates them)";
        Set<TopicPartition> assigned = consumer.assignment();
        Set<TopicPartition> all = new HashSet<>(assigned);
        found.values().forEach(all::addAll);
        if (all.size() == assigned.size()) {
            return missing.isEmpty();
        }
        // assign() keeps the positions of partitions that stay assigned; only the new ones are placed
        consumer.assign(all);
        for (Map.Entry<TopicSpec<?, ?>, List<TopicPartition>> e : found.entrySet()) {
            List<TopicPartition> fresh = e.getValue().stream().filter(tp -> !assigned.contains(tp)).toList();
            if (fresh.isEmpty()) {
                continue;
            }
            if (e.getKey() == topics.mix) {
                consumer.seekToBeginning(fresh);
                consumer.endOffsets(fresh, METADATA_TIMEOUT).forEach(catchUpTo::put);
                mixAssigned = true;
                caughtUp = false;
            } else {
                int history = e.getKey() == topics.alerts ? ALERT_HISTORY : POST_HISTORY;
                Map<TopicPartition, Long> begin = consumer.beginningOffsets(fresh, METADATA_TIMEOUT);
                Map<TopicPartition, Long> end = consumer.endOffsets(fresh, METADATA_TIMEOUT);
                for (TopicPartition tp : fresh) {
                    consumer.seek(tp, Math.max(begin.get(tp), end.get(tp) - history));
                }
            }
        }
        LOG.info("dashboard reading {} partitions{}", all.size(), missing.isEmpty() ? "" : "; " + problem);
        return missing.isEmpty();
    }

    private boolean reachedCatchUp() {
        if (!mixAssigned) {
            return false; // the mix topic is not there yet
        }
        for (Map.Entry<TopicPartition, Long> e : catchUpTo.entrySet()) {
            if (consumer.position(e.getKey(), METADATA_TIMEOUT) < e.getValue()) {
                return false;
            }
        }
        catchUpTo.clear();
        return true;
    }

    private void handle(ConsumerRecord<byte[], byte[]> r) {
        records.incrementAndGet();
        String topic = r.topic();
        try {
            if (topic.equals(topics.mix.name())) {
                if (r.value() == null) {
                    // a tombstone on the compacted topic: the brand is gone
                    String brand = r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8);
                    if (brand != null && state.removeBrand(brand)) {
                        live.removed(brand);
                    }
                    return;
                }
                live.mix(state.applyMix(mixReader.deserialize(topic, r.value())));
            } else if (topic.equals(topics.alerts.name())) {
                MixAlert a = alertReader.deserialize(topic, r.value());
                state.applyAlert(a);
                live.alert(a);
            } else if (topic.equals(topics.classified.name())) {
                Classification c = postReader.deserialize(topic, r.value());
                state.applyClassification(c);
                live.post(c);
            }
        } catch (RuntimeException e) {
            // one unreadable record must not stop the page: skip it, count it, say where it is
            long n = badRecords.incrementAndGet();
            if (n <= 10 || n % 1000 == 0) {
                LOG.warn("skipping unreadable record {}-{}@{} ({} so far): {}", topic, r.partition(), r.offset(), n,
                        e.getMessage());
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        stopped.countDown();
        consumer.wakeup();
        if (!started) {
            consumer.close(CloseOptions.timeout(Duration.ZERO));
            return;
        }
        try {
            thread.join(5_000); // the thread closes the consumer: a consumer is used by one thread only
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
