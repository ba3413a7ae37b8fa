package dev.contentmix.app;

import dev.contentmix.events.BrandMix;
import dev.contentmix.events.Classification;
import dev.contentmix.events.DeadLetters;
import dev.contentmix.events.MixAlert;
import dev.contentmix.events.MixStatus;
import dev.contentmix.events.Topics;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Follows the analyzer's output topics from their current end and prints what happens, as a person
 * watching the demo wants it: each classification, each alert, each dead letter, and a per-brand table.
 * It reads the topics like any consumer (no consumer group), so it shows only what Kafka holds.
 */
final class LiveView implements AutoCloseable {
    private static final String RESET = "\u001B[0m";

    private final Topics topics;
    private final PrintWriter out;
    private final boolean color;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Map<String, BrandMix> latest = new TreeMap<>();
    private final AtomicLong classified = new AtomicLong();
    private final AtomicLong deadLetters = new AtomicLong();
    private final AtomicLong alerts = new AtomicLong();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private Thread thread;

    LiveView(Properties clientProps, Topics topics, PrintWriter out, boolean color) {
        this.topics = topics;
        this.out = out;
        this.color = color;
        Properties p = new Properties();
        p.putAll(clientProps);
        p.put("isolation.level", "read_committed");
        this.consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> parts = new ArrayList<>();
        for (String t : List.of(topics.classified.name(), topics.mix.name(), topics.alerts.name(),
                topics.deadLetters.name())) {
            for (PartitionInfo pi : consumer.partitionsFor(t, Duration.ofSeconds(30))) {
                parts.add(new TopicPartition(t, pi.partition()));
            }
        }
        consumer.assign(parts);
        consumer.seekToEnd(parts);
        parts.forEach(consumer::position); // resolve the end offsets now, before anything is published
    }

    void start() {
        thread = new Thread(this::run, "live-view");
        thread.setDaemon(true);
        thread.start();
    }

    long classified() {
        return classified.get();
    }

    long deadLetters() {
        return deadLetters.get();
    }

    long alerts() {
        return alerts.get();
    }

    private void run() {
        while (running.get()) {
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                show(r);
            }
            out.flush();
        }
    }

    private void show(ConsumerRecord<byte[], byte[]> r) {
        String t = r.topic();
        if (t.equals(topics.classified.name())) {
            Classification c = topics.classified.valueSerde().deserializer().deserialize(t, r.value());
            classified.incrementAndGet();
            String label = c.label().name();
            out.printf("%-12s %s %3.0f%%  %-48s %s%n", c.brand(),
                    paint(String.format("%-5s", label), c.label().name().equals("SALES") ? "33" : "32"),
                    c.confidence() * 100, "id " + c.postId() + (c.language() == null ? "" : " [" + c.language() + "]"),
                    c.signals().isEmpty() ? "" : "signals: " + String.join(", ", c.signals()));
        } else if (t.equals(topics.mix.name())) {
            BrandMix m = topics.mix.valueSerde().deserializer().deserialize(t, r.value());
            synchronized (latest) {
                latest.put(m.brand(), m);
            }
        } else if (t.equals(topics.alerts.name())) {
            MixAlert a = topics.alerts.valueSerde().deserializer().deserialize(t, r.value());
            alerts.incrementAndGet();
            out.println(paint("ALERT " + a.type() + ": " + a.message(), "1;31"));
        } else if (t.equals(topics.deadLetters.name())) {
            deadLetters.incrementAndGet();
            out.println(paint("DEAD LETTER (" + DeadLetters.header(r.headers(), DeadLetters.SOURCE_TOPIC) + " partition "
                    + DeadLetters.header(r.headers(), DeadLetters.SOURCE_PARTITION) + " offset "
                    + DeadLetters.header(r.headers(), DeadLetters.SOURCE_OFFSET) + "): "
                    + DeadLetters.header(r.headers(), DeadLetters.REASON), "35"));
        }
    }

    /** The per-brand table from the latest snapshots. */
    void printTable() {
        List<BrandMix> rows;
        synchronized (latest) {
            rows = new ArrayList<>(latest.values());
        }
        if (rows.isEmpty()) {
            return;
        }
        out.println();
        out.printf("%-14s %7s %14s %7s %-18s %s%n", "brand", "posts", "sales share", "limit", "status", "headroom");
        for (BrandMix m : rows) {
            int need = m.headroom().valuePostsNeeded();
            int fit = m.headroom().salesPostsThatFit();
            String head = m.status() == MixStatus.OVER
                    ? (need < 0 ? "wait for sales to age out" : need + " value post" + (need == 1 ? "" : "s")
                        + " to get back under")
                    : m.status() == MixStatus.INSUFFICIENT_DATA ? "too few posts to judge"
                    : fit == 0 ? "no room for another sales post"
                    : fit + " more sales post" + (fit == 1 ? " fits" : "s fit");
            String status = m.status().name();
            String colour = switch (m.status()) {
                case OVER -> "1;31";
                case WITHIN -> "32";
                default -> "37";
            };
            out.printf("%-14s %7d %13.1f%% %6.0f%% %s %s%n", m.brand(), m.timeWindow().posts(),
                    m.timeWindow().salesShare() * 100, m.policy().maxSalesShare() * 100,
                    paint(String.format("%-18s", status), colour), head);
        }
        out.println();
        out.flush();
    }

    private String paint(String s, String code) {
        return color ? "\u001B[" + code + "m" + s + RESET : s;
    }

    @Override
    public void close() {
        running.set(false);
        if (thread != null) {
            try {
                thread.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        consumer.close(Duration.ofSeconds(2));
    }
}
