package dev.contentmix.app.bench;

import dev.contentmix.analyzer.AnalyzerApp;
import dev.contentmix.analyzer.classify.Classifiers;
import dev.contentmix.analyzer.classify.PostClassifier;
import dev.contentmix.broker.EmbeddedKafka;
import dev.contentmix.events.BrandPolicy;
import dev.contentmix.events.Json;
import dev.contentmix.events.KafkaSettings;
import dev.contentmix.events.Post;
import dev.contentmix.events.TopicSetup;
import dev.contentmix.events.Topics;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntFunction;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code contentmix bench}: throughput, latency, memory and start-up of contentmix on the embedded
 * broker, each beside its baseline in the same run, written to a results file.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Measures throughput, latency, memory and start-up on an embedded broker, against baselines.",
            "Each figure stands beside its baseline in the same run: Kafka's own producer/consumer ceiling, a pass-through Kafka Streams app vs the analyzer (exactly-once), "
                + "scaling with brands and windows, draft verdict latency under load, start-up time.",
            "Writes a Markdown report (see BENCHMARKS.md for the method)."})
public final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--posts", defaultValue = "1000000", description = "Posts in the main throughput run (default: ${DEFAULT-VALUE}).")
    int posts;

    @Option(names = "--brands", defaultValue = "1000", description = "Brands in the main run (default: ${DEFAULT-VALUE}).")
    int brands;

    @Option(names = "--scale-posts", defaultValue = "200000", description = "Posts per scaling run (default: ${DEFAULT-VALUE}).")
    int scalePosts;

    @Option(names = "--scale-brands", split = ",", defaultValue = "1000,10000,100000",
            description = "Brand counts of the scaling runs (default: ${DEFAULT-VALUE}).")
    List<Integer> scaleBrands;

    @Option(names = "--windows", split = ",", defaultValue = "50,500,5000",
            description = "Count windows of the scaling runs (default: ${DEFAULT-VALUE}).")
    List<Integer> windows;

    @Option(names = "--latency-rates", split = ",", defaultValue = "0,1000,10000",
            description = "Background posts/s during the draft latency runs (default: ${DEFAULT-VALUE}).")
    List<Integer> latencyRates;

    @Option(names = "--latency-seconds", defaultValue = "20", description = "Seconds per latency run (default: ${DEFAULT-VALUE}).")
    int latencySeconds;

    @Option(names = "--threads", defaultValue = "2", description = "Stream threads of both apps (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--only", split = ",", description = "Run only these parts: ceiling,throughput,scaling,latency,startup.")
    Set<String> only;

    @Option(names = "--out", defaultValue = "benchmarks/results/latest.md", description = "Report file (default: ${DEFAULT-VALUE}).")
    Path out;

    private PrintWriter log;
    private final List<String> report = new ArrayList<>();
    private PostClassifier classifier;

    @Override
    public Integer call() throws Exception {
        log = spec.commandLine().getOut();
        classifier = Classifiers.loadDefault();
        line("# contentmix benchmark results");
        line("");
        line("Run " + DateTimeFormatter.ISO_INSTANT.format(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS))
                + " with `./contentmix bench " + String.join(" ", spec.commandLine().getParseResult().originalArgs()) + "`.");
        line("");
        machine();
        Path dir = Files.createTempDirectory("contentmix-bench-");
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0)) {
            if (part("ceiling")) {
                ceiling(kafka);
            }
            if (part("throughput")) {
                throughput(kafka, dir);
            }
            if (part("scaling")) {
                scaling(kafka, dir);
            }
            if (part("latency")) {
                latency(kafka, dir);
            }
            if (part("startup")) {
                startup(kafka, dir);
            }
        }
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.write(out, report, StandardCharsets.UTF_8);
        log.println("Report written to " + out);
        return 0;
    }

    private boolean part(String name) {
        return only == null || only.contains(name);
    }

    private void line(String s) {
        report.add(s);
        log.println(s);
        log.flush();
    }

    private void machine() throws IOException {
        String cpu = "unknown";
        Path info = Path.of("/proc/cpuinfo");
        if (Files.exists(info)) {
            cpu = Files.readAllLines(info).stream().filter(l -> l.startsWith("model name")).findFirst()
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse(cpu);
        }
        line("## Machine");
        line("");
        line("- CPU: " + cpu + ", " + Runtime.getRuntime().availableProcessors() + " cores available");
        line("- memory: " + Measure.mib(((com.sun.management.OperatingSystemMXBean) ManagementFactory
                .getOperatingSystemMXBean()).getTotalMemorySize()) + "; JVM max heap " + Measure.mib(Runtime.getRuntime().maxMemory()));
        line("- " + System.getProperty("java.vm.name") + " " + System.getProperty("java.version") + ", "
                + System.getProperty("os.name") + " " + System.getProperty("os.version"));
        line("- broker: embedded Apache Kafka 4.4.0 (KRaft, one node) in the same JVM; model " + classifier.modelVersion());
        line("");
    }

    // ---- Kafka's own ceiling ----

    private void ceiling(EmbeddedKafka kafka) throws Exception {
        String topic = "bench.ceiling";
        Properties p = client(kafka);
        Topics t = new Topics("bench.ceiling.");
        TopicSetup.ensure(p, t, 6, (short) 1);
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(p)) {
            admin.createTopics(List.of(new org.apache.kafka.clients.admin.NewTopic(topic, 6, (short) 1))).all().get();
        }
        int n = Math.max(100_000, posts);
        String prod = tool("org.apache.kafka.tools.ProducerPerformance", "--topic", topic, "--num-records",
                Integer.toString(n), "--record-size", "300", "--throughput", "-1", "--producer-props",
                "bootstrap.servers=" + kafka.bootstrapServers(), "acks=all", "linger.ms=5", "batch.size=131072");
        String cons = tool("org.apache.kafka.tools.ConsumerPerformance", "--bootstrap-server", kafka.bootstrapServers(),
                "--topic", topic, "--messages", Integer.toString(n), "--timeout", "60000");
        line("## Kafka's own ceiling (same broker)");
        line("");
        line("`kafka-producer-perf-test` and `kafka-consumer-perf-test` (the Kafka 4.4.0 tools, run as child JVMs), "
                + n + " records of 300 bytes, 6 partitions:");
        line("");
        line("```");
        prod.lines().filter(l -> l.contains("records sent") && l.contains("99.9th")).reduce((a, b) -> b)
                .ifPresent(this::line);
        cons.lines().filter(l -> !l.isBlank()).skip(Math.max(0, cons.lines().filter(l -> !l.isBlank()).count() - 2))
                .forEach(this::line);
        line("```");
        line("");
    }

    private static String tool(String main, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-cp", System.getProperty("java.class.path"), main));
        cmd.addAll(List.of(args));
        Process proc = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        StringBuilder sb = new StringBuilder();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(proc.getInputStream(), StandardCharsets.UTF_8))) {
            for (String l = r.readLine(); l != null; l = r.readLine()) {
                sb.append(l).append('\n');
            }
        }
        proc.waitFor();
        return sb.toString();
    }

    // ---- end-to-end throughput against the pass-through baseline ----

    private void throughput(EmbeddedKafka kafka, Path dir) throws Exception {
        Topics t = new Topics("bench.tp.");
        Properties p = client(kafka);
        TopicSetup.ensure(p, t, 6, (short) 1);
        long load = publish(kafka, t, posts, brands, i -> null);
        line("## End-to-end throughput, exactly-once");
        line("");
        line(String.format(Locale.ROOT, "%,d posts across %,d brands pre-loaded into `%s` (6 partitions) at %,.0f posts/s; "
                + "each app then reads all of them with %d stream threads.", posts, brands, t.posts.name(), posts / secs(load), threads));
        line("");
        Duration base = runPassThrough(kafka, t, dir);
        Duration analyzer = runAnalyzer(kafka, t, dir.resolve("tp-analyzer"), "bench-analyzer", posts).elapsed;
        double baseRate = posts / secs(base.toNanos());
        double rate = posts / secs(analyzer.toNanos());
        line("| app | time | posts/s |");
        line("|---|---|---|");
        line(String.format(Locale.ROOT, "| pass-through (parse JSON, write a small record) | %.1f s | %,.0f |", secs(base.toNanos()), baseRate));
        line(String.format(Locale.ROOT, "| analyzer (validate, classify, windows, snapshot) | %.1f s | %,.0f |", secs(analyzer.toNanos()), rate));
        line("");
        line(String.format(Locale.ROOT, "Analyzer / pass-through: **%.2f** (target: at least 0.50).", rate / baseRate));
        line("");
    }

    private Duration runPassThrough(EmbeddedKafka kafka, Topics t, Path dir) throws Exception {
        Properties p = client(kafka);
        org.apache.kafka.clients.admin.Admin.create(p).close();
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(p)) {
            admin.createTopics(List.of(new org.apache.kafka.clients.admin.NewTopic("bench.passthrough.out", 6, (short) 1)))
                    .all().get();
        }
        Properties s = client(kafka);
        s.put(StreamsConfig.APPLICATION_ID_CONFIG, "bench-passthrough");
        s.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        s.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, Integer.toString(threads));
        s.put(StreamsConfig.STATE_DIR_CONFIG, dir.resolve("passthrough").toString());
        s.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, "1");
        s.put("auto.offset.reset", "earliest");
        long target = posts;
        try (KafkaStreams ks = new KafkaStreams(PassThrough.topology(t.posts.name(), "bench.passthrough.out"), s)) {
            long start = System.nanoTime();
            ks.start();
            return Measure.awaitConsumed(p, "bench-passthrough", t.posts.name(), target, start, Duration.ofMinutes(30));
        }
    }

    private record Run(Duration elapsed, long heap, long rss, long state) {
    }

    private Run runAnalyzer(EmbeddedKafka kafka, Topics t, Path dir, String appId, long target) throws Exception {
        KafkaSettings settings = new KafkaSettings(kafka.bootstrapServers(), t.prefix(), Map.of(
                "num.stream.threads", Integer.toString(threads), "auto.offset.reset", "earliest"));
        long start = System.nanoTime();
        try (AnalyzerApp app = AnalyzerApp.start(AnalyzerApp.Options.of(settings, appId, dir), classifier)) {
            Duration d = Measure.awaitConsumed(client(kafka), appId, t.posts.name(), target, start, Duration.ofMinutes(60));
            long heap = Measure.heapAfterGc();
            long rss = Measure.rss();
            long state = Measure.size(dir.resolve("state"));
            return new Run(d, heap, rss, state);
        }
    }

    // ---- how cost grows with brands and windows ----

    private void scaling(EmbeddedKafka kafka, Path dir) throws Exception {
        line("## How cost grows");
        line("");
        line(String.format(Locale.ROOT, "Each run: %,d posts pre-loaded, the analyzer reads them all (exactly-once, %d threads). "
                + "Heap is measured after a full GC while the analyzer still holds its state; it includes the embedded "
                + "broker, which is the same in every run, so differences between runs are the analyzer's.", scalePosts, threads));
        line("");
        line("| brands | count window | posts/s | heap after GC | resident | state stores |");
        line("|---|---|---|---|---|---|");
        List<long[]> brandRuns = new ArrayList<>();
        int run = 0;
        for (int b : scaleBrands) {
            Topics t = new Topics("bench.scale" + (run++) + ".");
            TopicSetup.ensure(client(kafka), t, 6, (short) 1);
            publish(kafka, t, scalePosts, b, i -> null);
            Run r = runAnalyzer(kafka, t, dir.resolve("scale-" + run), "bench-scale-" + run, scalePosts);
            brandRuns.add(new long[] {b, r.heap});
            row(b, 50, r);
        }
        for (int w : windows) {
            int b = 20; // few brands, many posts each, a short time window: retention is the count window
            Topics t = new Topics("bench.scale" + (run++) + ".");
            TopicSetup.ensure(client(kafka), t, 6, (short) 1);
            publishPolicies(kafka, t, b, new BrandPolicy("x", null, Duration.ofMinutes(1), w, null, List.of(), null, null));
            publish(kafka, t, scalePosts, b, i -> null);
            Run r = runAnalyzer(kafka, t, dir.resolve("scale-" + run), "bench-scale-" + run, scalePosts);
            row(b, w, r);
        }
        line("");
        if (brandRuns.size() >= 2) {
            long[] first = brandRuns.get(0);
            long[] last = brandRuns.get(brandRuns.size() - 1);
            double perBrand = (double) (last[1] - first[1]) / (last[0] - first[0]);
            line(String.format(Locale.ROOT, "Heap per active brand (slope between %,d and %,d brands): about %,.0f bytes.",
                    first[0], last[0], perBrand));
            line("");
        }
    }

    private void row(int brandsInRun, int window, Run r) {
        line(String.format(Locale.ROOT, "| %,d | %,d | %,.0f | %s | %s | %s |", brandsInRun, window,
                scalePosts / secs(r.elapsed.toNanos()), Measure.mib(r.heap), Measure.mib(r.rss), Measure.mib(r.state)));
    }

    // ---- draft verdict latency under load ----

    private void latency(EmbeddedKafka kafka, Path dir) throws Exception {
        line("## Draft verdict latency under load");
        line("");
        line("Time from sending a draft to reading its verdict (one draft every 10 ms, " + latencySeconds
                + " s per run, after a warm-up), while published posts stream in the background at a fixed rate.");
        line("");
        line("| background posts/s | achieved | drafts | p50 | p99 | p99.9 | max |");
        line("|---|---|---|---|---|---|---|");
        int run = 0;
        for (int rate : latencyRates) {
            Topics t = new Topics("bench.lat" + (run++) + ".");
            TopicSetup.ensure(client(kafka), t, 6, (short) 1);
            KafkaSettings settings = new KafkaSettings(kafka.bootstrapServers(), t.prefix(),
                    Map.of("num.stream.threads", Integer.toString(threads)));
            try (AnalyzerApp app = AnalyzerApp.start(AnalyzerApp.Options.of(settings, "bench-lat-" + run,
                    dir.resolve("lat-" + run)), classifier)) {
                app.awaitRunning(Duration.ofMinutes(2));
                AtomicBoolean stop = new AtomicBoolean();
                long[] sent = new long[1];
                Thread background = new Thread(() -> sent[0] = background(kafka, t, rate, stop), "background");
                background.start();
                measureDrafts(kafka, t, Duration.ofSeconds(3), null); // warm-up
                Histogram h = new Histogram(3);
                long t0 = System.nanoTime();
                measureDrafts(kafka, t, Duration.ofSeconds(latencySeconds), h);
                double achieved = sent[0];
                stop.set(true);
                background.join();
                achieved = sent[0] / secs(System.nanoTime() - t0 + Duration.ofSeconds(3).toNanos());
                line(String.format(Locale.ROOT, "| %,d | %,.0f | %,d | %.1f ms | %.1f ms | %.1f ms | %.1f ms |", rate,
                        achieved, h.getTotalCount(), h.getValueAtPercentile(50) / 1e3, h.getValueAtPercentile(99) / 1e3,
                        h.getValueAtPercentile(99.9) / 1e3, h.getMaxValue() / 1e3));
            }
        }
        line("");
    }

    private long background(EmbeddedKafka kafka, Topics t, int rate, AtomicBoolean stop) {
        if (rate <= 0) {
            return 0;
        }
        BenchFeed feed = new BenchFeed(99, 1000);
        long n = 0;
        long start = System.nanoTime();
        try (KafkaProducer<String, byte[]> p = producer(kafka)) {
            while (!stop.get()) {
                long due = start + (long) (n * 1e9 / rate);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    java.util.concurrent.locks.LockSupport.parkNanos(wait);
                    continue;
                }
                Post post = feed.next();
                p.send(new ProducerRecord<>(t.posts.name(), post.brand(), Json.write(post)));
                n++;
            }
        }
        return n;
    }

    private void measureDrafts(EmbeddedKafka kafka, Topics t, Duration d, Histogram h) throws Exception {
        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        Properties c = client(kafka);
        c.put("isolation.level", "read_committed");
        BenchFeed texts = new BenchFeed(5, 1);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(c, new StringDeserializer(), new ByteArrayDeserializer());
             KafkaProducer<String, byte[]> producer = producer(kafka)) {
            List<TopicPartition> parts = consumer.partitionsFor(t.verdicts.name()).stream()
                    .map(pi -> new TopicPartition(pi.topic(), pi.partition())).toList();
            consumer.assign(parts);
            consumer.seekToEnd(parts);
            parts.forEach(consumer::position);
            long end = System.nanoTime() + d.toNanos();
            long next = System.nanoTime();
            int i = 0;
            while (System.nanoTime() < end || (!sentAt.isEmpty() && System.nanoTime() < end + 10_000_000_000L)) {
                if (System.nanoTime() >= next && System.nanoTime() < end) {
                    String id = "draft-" + i++;
                    Post draft = new Post(id, "brand-" + (i % 1000), texts.draftText(i), "x", null, List.of(), null, false);
                    sentAt.put(id, System.nanoTime());
                    producer.send(new ProducerRecord<>(t.drafts.name(), draft.brand(), Json.write(draft)));
                    producer.flush();
                    next += 10_000_000L;
                }
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(1))) {
                    Long s = sentAt.remove(r.key());
                    if (s != null && h != null) {
                        h.recordValue(Math.max(1, (System.nanoTime() - s) / 1000));
                    }
                }
            }
        }
    }

    // ---- start-up ----

    private void startup(EmbeddedKafka kafka, Path dir) throws Exception {
        line("## Time from start to ready");
        line("");
        List<Double> alone = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Topics t = new Topics("bench.start" + i + ".");
            KafkaSettings settings = new KafkaSettings(kafka.bootstrapServers(), t.prefix(), Map.of());
            long s = System.nanoTime();
            try (AnalyzerApp app = AnalyzerApp.start(AnalyzerApp.Options.of(settings, "bench-start-" + i,
                    dir.resolve("start-" + i)), Classifiers.loadDefault())) {
                app.awaitRunning(Duration.ofMinutes(2));
                alone.add(secs(System.nanoTime() - s));
            }
        }
        List<Double> quick = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Path d = dir.resolve("quick-" + i);
            long s = System.nanoTime();
            KafkaSettings settings = new KafkaSettings(null, Topics.DEFAULT_PREFIX, Map.of());
            try (AnalyzerApp app = AnalyzerApp.start(AnalyzerApp.Options.of(settings, "bench-quick", d).withBrokerPort(0),
                    Classifiers.loadDefault())) {
                app.awaitRunning(Duration.ofMinutes(2));
                quick.add(secs(System.nanoTime() - s));
            }
        }
        line("| what | runs (s) |");
        line("|---|---|");
        line("| analyzer alone (model load, topic check, streams RUNNING) on a running broker | " + fmt(alone) + " |");
        line("| quick start: fresh embedded broker (format, start) + analyzer RUNNING | " + fmt(quick) + " |");
        line("");
        line("Both are in a warm JVM; a cold `./contentmix demo` adds JVM start-up (about a second).");
        line("");
    }

    private static String fmt(List<Double> xs) {
        return String.join(", ", xs.stream().map(x -> String.format(Locale.ROOT, "%.2f", x)).toList());
    }

    // ---- loading ----

    private long publish(EmbeddedKafka kafka, Topics t, int n, int brandCount, IntFunction<Void> unused) {
        BenchFeed feed = new BenchFeed(7, brandCount);
        long s = System.nanoTime();
        try (KafkaProducer<String, byte[]> p = producer(kafka)) {
            for (int i = 0; i < n; i++) {
                Post post = feed.next();
                p.send(new ProducerRecord<>(t.posts.name(), post.brand(), Json.write(post)));
            }
            p.flush();
        }
        return System.nanoTime() - s;
    }

    private void publishPolicies(EmbeddedKafka kafka, Topics t, int brandCount, BrandPolicy template) {
        try (KafkaProducer<String, byte[]> p = producer(kafka)) {
            for (int b = 0; b < brandCount; b++) {
                String brand = "brand-" + b;
                BrandPolicy policy = new BrandPolicy(brand, template.maxSalesShare(), template.window(),
                        template.lastPosts(), template.minPosts(), template.goals(), null, null);
                p.send(new ProducerRecord<>(t.policies.name(), brand, Json.write(policy)));
            }
            p.flush();
        }
    }

    private static KafkaProducer<String, byte[]> producer(EmbeddedKafka kafka) {
        Properties p = client(kafka);
        p.put("acks", "all");
        p.put("linger.ms", "10");
        p.put("batch.size", "262144");
        p.put("compression.type", "lz4");
        return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    private static Properties client(EmbeddedKafka kafka) {
        Properties p = new Properties();
        p.put("bootstrap.servers", kafka.bootstrapServers());
        return p;
    }

    private static double secs(long nanos) {
        return nanos / 1e9;
    }

}
