package dev.contentmix.app.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/** Small measuring helpers for the benchmark harness. */
final class Measure {
    private Measure() {
    }

    /** Sum of the end offsets of a topic. */
    static long endOffsets(Admin admin, String topic) throws Exception {
        var parts = admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic)
                .partitions().stream().map(p -> new TopicPartition(topic, p.partition())).toList();
        var req = new java.util.HashMap<TopicPartition, OffsetSpec>();
        parts.forEach(p -> req.put(p, OffsetSpec.latest()));
        return admin.listOffsets(req).all().get(30, TimeUnit.SECONDS).values().stream()
                .mapToLong(r -> r.offset()).sum();
    }

    /**
     * Waits until every partition of the topics answers at its leader. A topic just created has a
     * leader in the metadata a moment before the broker serves it; producing into that gap costs
     * NOT_LEADER_OR_FOLLOWER retries and, for idempotent producers, out-of-order-sequence retry loops
     * that slowed loading twentyfold in a trial run. The admin client retries ListOffsets until the
     * partition is served.
     */
    static void awaitReady(Properties client, List<String> topics) throws Exception {
        try (Admin admin = Admin.create(client)) {
            var req = new java.util.HashMap<TopicPartition, OffsetSpec>();
            admin.describeTopics(topics).allTopicNames().get(60, TimeUnit.SECONDS).forEach((name, d) ->
                    d.partitions().forEach(p -> req.put(new TopicPartition(name, p.partition()), OffsetSpec.latest())));
            admin.listOffsets(req).all().get(60, TimeUnit.SECONDS);
        }
    }

    /** Sum of a consumer group's committed offsets on a topic. */
    static long committed(Admin admin, String group, String topic) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> m = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
        return m.entrySet().stream().filter(e -> e.getKey().topic().equals(topic) && e.getValue() != null)
                .mapToLong(e -> e.getValue().offset()).sum();
    }

    /** Waits until the group has committed the whole topic; returns the time it took from {@code startNanos}. */
    static Duration awaitConsumed(Properties client, String group, String topic, long target, long startNanos,
                                  Duration timeout) throws Exception {
        try (Admin admin = Admin.create(client)) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (committed(admin, group, topic) < target) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(group + " did not consume " + topic + " within " + timeout);
                }
                Thread.sleep(50);
            }
            return Duration.ofNanos(System.nanoTime() - startNanos);
        }
    }

    /**
     * CPU time so far of this JVM's live threads whose name contains {@code namePart} (a Kafka Streams
     * application id names its stream, producer and consumer threads), in nanoseconds. Unlike wall time
     * it does not depend on what else the machine runs, so it compares two apps fairly on a shared machine.
     */
    static long threadCpu(String namePart) {
        java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().contains(namePart)) {
                long cpu = mx.getThreadCpuTime(t.getId());
                sum += Math.max(0, cpu);
            }
        }
        return sum;
    }

    /** Heap in use after a full collection, in bytes. */
    static long heapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Resident set size of this process, in bytes (Linux), or -1. */
    static long rss() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    /** Bytes under a directory. */
    static long size(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return 0;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    /** Deletes a directory and everything under it; what cannot be deleted is left. */
    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | java.io.UncheckedIOException e) {
            // best effort: a temporary directory
        }
    }

    static String mib(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }
}
