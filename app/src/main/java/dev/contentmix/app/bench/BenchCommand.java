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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
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

    @Option(names = "--scale-posts", defaultValue = "1000000", description = "Posts per scaling run (default: "
            + "${DEFAULT-VALUE}, the main run's size, so the brand count is all that differs).")
    int scalePosts;

    @Option(names = "--scale-brands", split = ",", defaultValue = "1000,10000,100000",
            description = "Brand counts of the scaling runs (default: ${DEFAULT-VALUE}).")
    List<Integer> scaleBrands;

    @Option(names = "--scale-repeat", defaultValue = "2",
            description = "Runs per brand count, interleaved (1k, 10k, 100k, 1k, ...); the spread uses each count's "
                    + "median (default: ${DEFAULT-VALUE}).")
    int scaleRepeat;

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

    @Option(names = "--commit-interval-ms", description = "commit.interval.ms of both apps (default: Kafka Streams' own, "
            + "100 under exactly-once).")
    Integer commitIntervalMs;

    @Option(names = "--only", split = ",", description = "Run only these parts: ceiling,throughput,scaling,latency,startup.")
    Set<String> only;

    @Option(names = "--out", defaultValue = "benchmarks/results/latest.md", description = "Report file (default: ${DEFAULT-VALUE}).")
    Path out;

    private PrintWriter log;
    private final List<String> report = new ArrayList<>();
    private PostClassifier classifier;
    // figures the summary compares with the targets; NaN when their part did not run
    private double produceCeiling = Double.NaN;
    private double consumeCeiling = Double.NaN;
    private double passThroughRate = Double.NaN;
    private double analyzerRate = Double.NaN;
    private double brandSpread = Double.NaN;
    private double heapPerBrand = Double.NaN;
    private double statePerBrand = Double.NaN;
    private final List<LatencyRow> latencyRows = new ArrayList<>();
    private final List<Double> startAlone = new ArrayList<>();
    private final List<Double> startQuick = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        log = spec.commandLine().getOut();
        String invalid = invalidOptions();
        if (invalid != null) {
            spec.commandLine().getErr().println("contentmix bench: " + invalid);
            return 2;
        }
        classifier = Classifiers.loadDefault();
        line("# contentmix benchmark results");
        line("");
        line("Run " + DateTimeFormatter.ISO_INSTANT.format(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS))
                + " with `./contentmix bench" + args() + "`; load average at start " + loadAverage() + ".");
        line("");
        machine();
        int summaryAt = report.size();
        Path dir = Files.createTempDirectory("contentmix-bench-");
        Thread cleanup = new Thread(() -> Measure.deleteTree(dir), "bench-cleanup"); // when interrupted (Ctrl-C)
        Runtime.getRuntime().addShutdownHook(cleanup);
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
        } finally {
            // a full run leaves gigabytes of broker logs and state behind
            Measure.deleteTree(dir);
            Runtime.getRuntime().removeShutdownHook(cleanup);
        }
        report.addAll(summaryAt, summary());
        line("Load average at the end: " + loadAverage() + ".");
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.write(out, report, StandardCharsets.UTF_8);
        log.println("Report written to " + out);
        return 0;
    }

    /** The options as typed (the parse result's original arguments include the subcommand name). */
    private String args() {
        List<String> a = new ArrayList<>(spec.commandLine().getParseResult().originalArgs());
        int i = a.indexOf(spec.name());
        List<String> own = i >= 0 ? a.subList(i + 1, a.size()) : a;
        return own.isEmpty() ? "" : " " + String.join(" ", own);
    }

    /** 1, 5 and 15 minute load averages: the machine may be shared, and figures are only as quiet as it was. */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " / " + f[1] + " / " + f[2];
        } catch (IOException | RuntimeException e) {
            return String.format(Locale.ROOT, "%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    private static final Set<String> PARTS = Set.of("ceiling", "throughput", "scaling", "latency", "startup");

    /** A reason the options cannot make a run, or null. */
    private String invalidOptions() {
        if (only != null && !PARTS.containsAll(only)) {
            return "unknown part in --only: " + only.stream().filter(p -> !PARTS.contains(p)).toList()
                    + " (parts: ceiling, throughput, scaling, latency, startup)";
        }
        if (commitIntervalMs != null && commitIntervalMs < 1) {
            return "--commit-interval-ms must be at least 1";
        }
        if (posts < 1 || brands < 1 || scalePosts < 1 || latencySeconds < 1 || threads < 1 || scaleRepeat < 1) {
            return "--posts, --brands, --scale-posts, --scale-repeat, --latency-seconds and --threads must be at least 1";
        }
        if (scaleBrands.stream().anyMatch(b -> b < 1) || windows.stream().anyMatch(w -> w < 1 || w > BrandPolicy.MAX_LAST_POSTS)
                || latencyRates.stream().anyMatch(r -> r < 0)) {
            return "--scale-brands must be at least 1, --windows between 1 and " + BrandPolicy.MAX_LAST_POSTS
                    + ", --latency-rates at least 0";
        }
        return null;
    }

    /** The targets of issue 8 beside what this run measured. */
    private List<String> summary() {
        List<String> out = new ArrayList<>();
        out.add("## Summary against the targets");
        out.add("");
        out.add("| target | measured | met |");
        out.add("|---|---|---|");
        if (!Double.isNaN(analyzerRate)) {
            double r = analyzerRate / passThroughRate;
            out.add(String.format(Locale.ROOT, "| analyzer throughput >= 0.5 x pass-through (exactly-once, %,d posts, %,d brands) "
                    + "| %.2f (%,.0f vs %,.0f posts/s) | %s |", posts, brands, r, analyzerRate, passThroughRate,
                    r >= 0.5 ? "yes" : "**no**"));
        }
        if (!Double.isNaN(brandSpread)) {
            out.add(String.format(Locale.ROOT, "| throughput independent of brand count within 20%% (%s brands) | spread %.0f%% | %s |",
                    scaleBrands.stream().map(b -> String.format(Locale.ROOT, "%,d", b)).reduce((a, b) -> a + " / " + b)
                            .orElse(""), brandSpread * 100, brandSpread <= 0.20 ? "yes" : "**no**"));
            out.add(String.format(Locale.ROOT, "| memory linear in active brands, per-brand cost stated | state %,.0f B/brand, "
                    + "heap %,.0f B/brand (slopes) | see the scaling table |", statePerBrand, heapPerBrand));
        }
        for (LatencyRow row : latencyRows) {
            boolean target = row.rate() == 10_000;
            out.add(String.format(Locale.ROOT, "| draft verdict p99%s at %,d background posts/s | p99 %s (achieved %,.0f posts/s, lag %,d) | %s |",
                    target ? " < 100 ms" : "", row.rate(), ms(row.p99(), 0.99, row.answeredShare()), row.achieved(), row.lag(),
                    !target ? "(no target)" : row.p99() < 100 && !row.lowerBound(0.99) ? "yes" : "**no**"));
        }
        if (!startAlone.isEmpty()) {
            out.add("| start-up, analyzer alone / quick start (no target) | " + fmt(startAlone) + " s / " + fmt(startQuick)
                    + " s | |");
        }
        out.add("");
        return out;
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
        try (Admin admin = Admin.create(client(kafka))) {
            admin.createTopics(List.of(new NewTopic(topic, 6, (short) 1))).all().get();
        }
        Measure.awaitReady(client(kafka), List.of(topic));
        int n = Math.max(100_000, posts);
        int size = averagePostSize();
        String prod = tool("org.apache.kafka.tools.ProducerPerformance", "--topic", topic, "--num-records",
                Integer.toString(n), "--record-size", Integer.toString(size), "--throughput", "-1", "--producer-props",
                "bootstrap.servers=" + kafka.bootstrapServers(), "acks=all", "linger.ms=5", "batch.size=131072");
        String cons = tool("org.apache.kafka.tools.ConsumerPerformance", "--bootstrap-server", kafka.bootstrapServers(),
                "--topic", topic, "--messages", Integer.toString(n), "--timeout", "60000");
        line("## Kafka's own ceiling (same broker)");
        line("");
        line(String.format(Locale.ROOT, "`kafka-producer-perf-test` and `kafka-consumer-perf-test` (the Kafka 4.4.0 tools, "
                + "run as child JVMs), %,d records of %d bytes (the benchmark posts' average JSON size), 6 partitions, "
                + "acks=all, no transactions:", n, size));
        line("");
        String prodLine = prod.lines().filter(l -> l.contains("records sent") && l.contains("99.9th"))
                .reduce((a, b) -> b).orElse("");
        Matcher pm = Pattern.compile("([0-9.]+) records/sec \\(([0-9.]+) MB/sec\\), ([0-9.]+) ms avg latency")
                .matcher(prodLine);
        List<String> consLines = cons.lines().filter(l -> !l.isBlank()).toList();
        int header = -1;
        for (int i = 0; i < consLines.size(); i++) {
            if (consLines.get(i).startsWith("start.time")) {
                header = i;
            }
        }
        line("| tool | records/s | MB/s |");
        line("|---|---|---|");
        if (pm.find()) {
            produceCeiling = Double.parseDouble(pm.group(1));
            line(String.format(Locale.ROOT, "| producer (acks=all) | %,.0f | %.1f |", produceCeiling,
                    Double.parseDouble(pm.group(2))));
        } else {
            line("| producer | failed: see the log | |");
            log.println(prod);
        }
        if (header >= 0 && header + 1 < consLines.size()) {
            List<String> names = List.of(consLines.get(header).split(",\\s*"));
            String[] values = consLines.get(header + 1).split(",\\s*");
            consumeCeiling = Double.parseDouble(values[names.indexOf("nMsg.sec")]);
            line(String.format(Locale.ROOT, "| consumer | %,.0f | %.1f |", consumeCeiling,
                    Double.parseDouble(values[names.indexOf("MB.sec")])));
        } else {
            line("| consumer | failed: see the log | |");
            log.println(cons);
        }
        line("");
    }

    /** Average JSON size of the benchmark feed's posts, so that the ceiling moves the same bytes. */
    private static int averagePostSize() {
        BenchFeed feed = new BenchFeed(7, 1000);
        long bytes = 0;
        for (int i = 0; i < 2000; i++) {
            bytes += Json.write(feed.next()).length;
        }
        return (int) (bytes / 2000);
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
        ensureTopics(kafka, t);
        Load load = publish(kafka, t, posts, brands);
        line("## End-to-end throughput, exactly-once");
        line("");
        line(String.format(Locale.ROOT, "%,d posts (%d bytes of JSON on average) across %,d brands pre-loaded into `%s` "
                + "(6 partitions) at %,.0f posts/s; each app then reads all of them with %d stream threads, "
                + "exactly_once_v2, commit interval %s. "
                + "Time runs from start() until the app has committed the last input offset.",
                posts, load.bytes / Math.max(1, posts), brands, t.posts.name(), posts / secs(load.nanos), threads,
                commitIntervalMs == null ? "100 ms (the Kafka Streams default under exactly-once)" : commitIntervalMs + " ms"));
        line("");
        Run base = runPassThrough(kafka, t, dir);
        Run analyzer = runAnalyzer(kafka, t, dir.resolve("tp-analyzer"), "bench-analyzer", posts);
        passThroughRate = posts / secs(base.elapsed.toNanos());
        analyzerRate = posts / secs(analyzer.elapsed.toNanos());
        double baseCpu = base.cpu / 1e3 / posts;
        double cpu = analyzer.cpu / 1e3 / posts;
        line("| app | time | posts/s | / pass-through | / Kafka consumer ceiling | CPU per post (app threads) | / pass-through |");
        line("|---|---|---|---|---|---|---|");
        line(String.format(Locale.ROOT, "| pass-through (parse JSON, write a small record) | %.1f s | %,.0f | 1.00 | %s | %,.0f µs | 1.00 |",
                secs(base.elapsed.toNanos()), passThroughRate, ratio(passThroughRate, consumeCeiling), baseCpu));
        line(String.format(Locale.ROOT, "| analyzer (validate, classify, windows, snapshot) | %.1f s | %,.0f | **%.2f** | %s | %,.0f µs | %.1f |",
                secs(analyzer.elapsed.toNanos()), analyzerRate, analyzerRate / passThroughRate,
                ratio(analyzerRate, consumeCeiling), cpu, cpu / baseCpu));
        line("");
        line(String.format(Locale.ROOT, "Analyzer / pass-through: **%.2f** (target: at least 0.50). CPU per post counts the app's "
                + "own threads only (not the broker's), so it holds on a busy machine: by CPU the analyzer costs %.1f "
                + "pass-throughs per post. Analyzer heap after GC %s, resident %s, state stores %s on disk after close.",
                analyzerRate / passThroughRate, cpu / baseCpu, Measure.mib(analyzer.heap), Measure.mib(analyzer.rss),
                Measure.mib(analyzer.state)));
        line("");
    }

    private static String ratio(double a, double b) {
        return Double.isNaN(b) || b <= 0 ? "n/a" : String.format(Locale.ROOT, "%.2f", a / b);
    }

    private Run runPassThrough(EmbeddedKafka kafka, Topics t, Path dir) throws Exception {
        Properties p = client(kafka);
        try (Admin admin = Admin.create(p)) {
            admin.createTopics(List.of(new NewTopic("bench.passthrough.out", 6, (short) 1))).all().get();
        }
        Measure.awaitReady(p, List.of("bench.passthrough.out"));
        Properties s = client(kafka);
        s.put(StreamsConfig.APPLICATION_ID_CONFIG, "bench-passthrough");
        s.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        s.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, Integer.toString(threads));
        s.put(StreamsConfig.STATE_DIR_CONFIG, dir.resolve("passthrough").toString());
        s.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, "1");
        s.put("auto.offset.reset", "earliest");
        s.putAll(streamsSettings(Map.of()));
        try (KafkaStreams ks = new KafkaStreams(PassThrough.topology(t.posts.name(), "bench.passthrough.out"), s)) {
            long start = System.nanoTime();
            ks.start();
            Duration d = Measure.awaitConsumed(p, "bench-passthrough", t.posts.name(), posts, start, Duration.ofMinutes(30));
            return new Run(d, Measure.threadCpu("bench-passthrough"), -1, -1, -1);
        }
    }

    /**
     * @param cpu   CPU time of the app's own threads (stream threads and their clients; not the broker's)
     * @param heap  heap in use after a full GC while the analyzer still runs (includes the broker and the model)
     * @param rss   resident set of this JVM at the same moment
     * @param state bytes of the state directory after close (RocksDB flushes its memtables on close)
     */
    private record Run(Duration elapsed, long cpu, long heap, long rss, long state) {
    }

    private Run runAnalyzer(EmbeddedKafka kafka, Topics t, Path dir, String appId, long target) throws Exception {
        KafkaSettings settings = new KafkaSettings(kafka.bootstrapServers(), t.prefix(), streamsSettings(
                Map.of("num.stream.threads", Integer.toString(threads), "auto.offset.reset", "earliest")));
        long start = System.nanoTime();
        Duration d;
        long cpu;
        long heap;
        long rss;
        try (AnalyzerApp app = AnalyzerApp.start(AnalyzerApp.Options.of(settings, appId, dir), classifier)) {
            d = Measure.awaitConsumed(client(kafka), appId, t.posts.name(), target, start, Duration.ofMinutes(60));
            cpu = Measure.threadCpu(appId);
            heap = Measure.heapAfterGc();
            rss = Measure.rss();
        }
        return new Run(d, cpu, heap, rss, Measure.size(dir.resolve("state")));
    }

    // ---- how cost grows with brands and windows ----

    private void scaling(EmbeddedKafka kafka, Path dir) throws Exception {
        line("## How cost grows");
        line("");
        line(String.format(Locale.ROOT, "Each run: %,d posts pre-loaded, the analyzer reads them all (exactly-once, %d threads). "
                + "Heap is measured after a full GC while the analyzer still holds its state; it includes the embedded "
                + "broker and the model, which are the same in every run, so differences between runs are the analyzer's. "
                + "Resident memory is the whole JVM's and only grows across runs (RocksDB and the broker keep native "
                + "memory), so read it as an upper bound. State is the RocksDB directory after close.", scalePosts, threads));
        line("");
        line("| brands | posts per brand | count window | posts/s | / first run | CPU per post | heap after GC | resident | state stores | state per brand |");
        line("|---|---|---|---|---|---|---|---|---|---|");
        // per brand count, its runs: {posts/s, CPU ns per post, heap, state}; repeated and interleaved, because
        // this machine's speed drifts by more than the 20% the target allows
        java.util.Map<Integer, List<double[]>> byBrands = new java.util.LinkedHashMap<>();
        int run = 0;
        double firstRate = Double.NaN;
        for (int rep = 0; rep < scaleRepeat; rep++) {
            for (int b : scaleBrands) {
                run++;
                Topics t = new Topics("bench.scale" + run + ".");
                ensureTopics(kafka, t);
                publish(kafka, t, scalePosts, b);
                Run r = runAnalyzer(kafka, t, dir.resolve("scale-" + run), "bench-scale-" + run, scalePosts);
                double rate = scalePosts / secs(r.elapsed.toNanos());
                firstRate = Double.isNaN(firstRate) ? rate : firstRate;
                byBrands.computeIfAbsent(b, k -> new ArrayList<>()).add(new double[] {rate, r.cpu / (double) scalePosts,
                    r.heap, r.state});
                row(b, BrandPolicy.DEFAULT_LAST_POSTS, r, rate / firstRate);
            }
        }
        List<double[]> brandRuns = new ArrayList<>(); // {brands, median posts/s, median heap, median state, median CPU/post}
        byBrands.forEach((b, runs) -> brandRuns.add(new double[] {b, median(runs, 0), median(runs, 2), median(runs, 3),
            median(runs, 1)}));
        for (int w : windows) {
            run++;
            int b = 20; // few brands, many posts each, a short time window: retention is the count window
            Topics t = new Topics("bench.scale" + run + ".");
            ensureTopics(kafka, t);
            publishPolicies(kafka, t, b, new BrandPolicy("x", null, Duration.ofMinutes(1), w, null, List.of(), null, null));
            publish(kafka, t, scalePosts, b);
            Run r = runAnalyzer(kafka, t, dir.resolve("scale-" + run), "bench-scale-" + run, scalePosts);
            double rate = scalePosts / secs(r.elapsed.toNanos());
            firstRate = Double.isNaN(firstRate) ? rate : firstRate;
            row(b, w, r, rate / firstRate);
        }
        line("");
        line("Window runs use 20 brands with a one-minute time window (posts are a second apart across all brands, "
                + "so about three per brand are in it): the count window alone decides what is retained.");
        line("");
        if (brandRuns.size() >= 2) {
            double min = brandRuns.stream().mapToDouble(x -> x[1]).min().orElseThrow();
            double max = brandRuns.stream().mapToDouble(x -> x[1]).max().orElseThrow();
            brandSpread = max / min - 1;
            double[] first = brandRuns.get(0);
            double[] last = brandRuns.get(brandRuns.size() - 1);
            heapPerBrand = (last[2] - first[2]) / (last[0] - first[0]);
            statePerBrand = (last[3] - first[3]) / (last[0] - first[0]);
            double cpuMin = brandRuns.stream().mapToDouble(x -> x[4]).min().orElseThrow();
            double cpuMax = brandRuns.stream().mapToDouble(x -> x[4]).max().orElseThrow();
            line(String.format(Locale.ROOT, "Throughput across brand counts (median of %d run%s each): slowest %,.0f, fastest "
                    + "%,.0f posts/s, a spread of **%.0f%%** (target: within 20%%); by CPU per post %,.0f to %,.0f µs, a spread "
                    + "of %.0f%%. Between %,.0f and %,.0f brands, heap grows by about **%,.0f bytes** "
                    + "and the state stores by about **%,.0f bytes** per active brand.", scaleRepeat, scaleRepeat == 1 ? "" : "s",
                    min, max, brandSpread * 100, cpuMin / 1e3, cpuMax / 1e3, (cpuMax / cpuMin - 1) * 100,
                    first[0], last[0], heapPerBrand, statePerBrand));
            line("");
        }
    }

    /** Median of column {@code col} of the runs (the mean of the middle two for an even count). */
    static double median(List<double[]> runs, int col) {
        double[] v = runs.stream().mapToDouble(x -> x[col]).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private void row(int brandsInRun, int window, Run r, double relative) {
        line(String.format(Locale.ROOT, "| %,d | %,d | %,d | %,.0f | %.2f | %,.0f µs | %s | %s | %s | %,d B |", brandsInRun,
                scalePosts / brandsInRun, window, scalePosts / secs(r.elapsed.toNanos()), relative,
                r.cpu / 1e3 / scalePosts, Measure.mib(r.heap), Measure.mib(r.rss), Measure.mib(r.state),
                r.state / brandsInRun));
    }

    // ---- draft verdict latency under load ----

    /** Posts read before the latency runs when no other part warmed the JVM. */
    private static final int WARM_UP_POSTS = 400_000;

    private void latency(EmbeddedKafka kafka, Path dir) throws Exception {
        line("## Draft verdict latency under load");
        line("");
        line("Time from sending a draft to reading its verdict (one draft every 10 ms, " + latencySeconds
                + " s per run, after a 3 s warm-up; the reader uses read_uncommitted, as `check` does, so a verdict "
                + "is read as soon as the analyzer writes it, not at its next transaction commit, every "
                + (commitIntervalMs == null ? "100 ms by default" : commitIntervalMs + " ms in this run") + "), while published posts stream in the background "
                + "at a fixed rate. A draft without a verdict 10 s after the run counts at its age then, so "
                + "percentiles marked ≥ are lower bounds. Lag is the analyzer's unread posts when the run ends.");
        line("");
        if (!part("throughput") && !part("scaling")) {
            // a JVM that has not yet run the posts' path compiles it during the first loaded run, and the
            // compiler then takes half a core for half a minute: warm it as the throughput part would
            Topics w = new Topics("bench.warm.");
            ensureTopics(kafka, w);
            publish(kafka, w, WARM_UP_POSTS, brands);
            runAnalyzer(kafka, w, dir.resolve("warm"), "bench-warm", WARM_UP_POSTS);
            line("Before these runs the analyzer read " + String.format(Locale.ROOT, "%,d", WARM_UP_POSTS)
                    + " posts (not measured), so that the JIT compiler has done its work, as after the throughput part.");
            line("");
        }
        line("| background posts/s | achieved | posts lag at end | verdicts / drafts | p50 | p99 | p99.9 | max |");
        line("|---|---|---|---|---|---|---|---|");
        int run = 0;
        for (int rate : latencyRates) {
            run++;
            Topics t = new Topics("bench.lat" + run + ".");
            ensureTopics(kafka, t);
            String appId = "bench-lat-" + run;
            KafkaSettings settings = new KafkaSettings(kafka.bootstrapServers(), t.prefix(),
                    streamsSettings(Map.of("num.stream.threads", Integer.toString(threads))));
            try (AnalyzerApp app = AnalyzerApp.start(AnalyzerApp.Options.of(settings, appId, dir.resolve("lat-" + run)),
                    classifier)) {
                app.awaitRunning(Duration.ofMinutes(2));
                Background bg = new Background(kafka, t, rate);
                Thread thread = new Thread(bg, "background");
                thread.start();
                measureDrafts(kafka, t, "warm" + run + "-", Duration.ofSeconds(3), null);
                Histogram h = new Histogram(3);
                Drafts d = measureDrafts(kafka, t, "run" + run + "-", Duration.ofSeconds(latencySeconds), h);
                bg.stop = true;
                thread.join();
                long lag;
                try (Admin admin = Admin.create(client(kafka))) {
                    lag = Measure.endOffsets(admin, t.posts.name()) - Measure.committed(admin, appId, t.posts.name());
                }
                double answered = d.sent == 0 ? 1 : (double) d.answered / d.sent;
                LatencyRow row = new LatencyRow(rate, bg.achieved(), lag, d.answered, d.sent,
                        h.getValueAtPercentile(50) / 1e3, h.getValueAtPercentile(99) / 1e3,
                        h.getValueAtPercentile(99.9) / 1e3, h.getMaxValue() / 1e3, answered);
                latencyRows.add(row);
                line(String.format(Locale.ROOT, "| %,d | %,.0f | %,d | %,d / %,d | %s | %s | %s | %s |", rate, row.achieved,
                        lag, d.answered, d.sent, ms(row.p50, 0.50, answered), ms(row.p99, 0.99, answered),
                        ms(row.p999, 0.999, answered), ms(row.max, 1.0, answered)));
            }
        }
        line("");
    }

    private record LatencyRow(int rate, double achieved, long lag, long answered, long sent, double p50, double p99,
                              double p999, double max, double answeredShare) {
        boolean lowerBound(double q) {
            return q > answeredShare;
        }
    }

    private static String ms(double v, double q, double answeredShare) {
        return (q > answeredShare ? "≥ " : "") + String.format(Locale.ROOT, "%,.1f ms", v);
    }

    /** Publishes posts at a fixed rate until stopped; measures the rate it really achieved. */
    private static final class Background implements Runnable {
        private final EmbeddedKafka kafka;
        private final Topics t;
        private final int rate;
        volatile boolean stop;
        private volatile long sent;
        private volatile long nanos;

        Background(EmbeddedKafka kafka, Topics t, int rate) {
            this.kafka = kafka;
            this.t = t;
            this.rate = rate;
        }

        @Override
        public void run() {
            if (rate <= 0) {
                return;
            }
            BenchFeed feed = new BenchFeed(99, 1000);
            long n = 0;
            long start = System.nanoTime();
            try (KafkaProducer<String, byte[]> p = producer(kafka)) {
                while (!stop) {
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
                nanos = System.nanoTime() - start;
                sent = n;
            }
        }

        double achieved() {
            return nanos == 0 ? 0 : sent / secs(nanos);
        }
    }

    private record Drafts(long sent, long answered) {
    }

    private Drafts measureDrafts(EmbeddedKafka kafka, Topics t, String idPrefix, Duration d, Histogram h) throws Exception {
        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        Properties c = client(kafka);
        c.put("isolation.level", "read_uncommitted"); // as `check` reads verdicts
        BenchFeed texts = new BenchFeed(5, 1);
        long sent = 0;
        long answered = 0;
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(c, new StringDeserializer(), new ByteArrayDeserializer());
             KafkaProducer<String, byte[]> producer = producer(kafka)) {
            List<TopicPartition> parts = consumer.partitionsFor(t.verdicts.name()).stream()
                    .map(pi -> new TopicPartition(pi.topic(), pi.partition())).toList();
            consumer.assign(parts);
            consumer.seekToEnd(parts);
            parts.forEach(consumer::position);
            long end = System.nanoTime() + d.toNanos();
            long giveUp = end + 10_000_000_000L;
            long next = System.nanoTime();
            int i = 0;
            while (System.nanoTime() < end || (!sentAt.isEmpty() && System.nanoTime() < giveUp)) {
                if (System.nanoTime() >= next && System.nanoTime() < end) {
                    String id = idPrefix + i++;
                    Post draft = new Post(id, "brand-" + (i % 1000), texts.draftText(i), "x", null, List.of(), null, false);
                    sentAt.put(id, System.nanoTime());
                    producer.send(new ProducerRecord<>(t.drafts.name(), draft.brand(), Json.write(draft)));
                    producer.flush();
                    sent++;
                    next += 10_000_000L;
                }
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(1))) {
                    Long s = sentAt.remove(r.key());
                    if (s != null) {
                        answered++;
                        if (h != null) {
                            h.recordValue(Math.max(1, (System.nanoTime() - s) / 1000));
                        }
                    }
                }
            }
            long now = System.nanoTime();
            if (h != null) {
                // unanswered drafts count at their age now: a lower bound, flagged in the table
                sentAt.values().forEach(s -> h.recordValue(Math.max(1, (now - s) / 1000)));
            }
        }
        return new Drafts(sent, answered);
    }

    // ---- start-up ----

    private void startup(EmbeddedKafka kafka, Path dir) throws Exception {
        line("## Time from start to ready");
        line("");
        List<Double> alone = startAlone;
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
        List<Double> quick = startQuick;
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

    private record Load(long nanos, long bytes) {
    }

    private Load publish(EmbeddedKafka kafka, Topics t, int n, int brandCount) {
        BenchFeed feed = new BenchFeed(7, brandCount);
        long s = System.nanoTime();
        long bytes = 0;
        try (KafkaProducer<String, byte[]> p = producer(kafka)) {
            for (int i = 0; i < n; i++) {
                Post post = feed.next();
                byte[] value = Json.write(post);
                bytes += value.length;
                p.send(new ProducerRecord<>(t.posts.name(), post.brand(), value));
            }
            p.flush();
        }
        return new Load(System.nanoTime() - s, bytes);
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

    /** Settings for both apps, with the commit interval when one was asked for. */
    private Map<String, String> streamsSettings(Map<String, String> base) {
        Map<String, String> m = new java.util.HashMap<>(base);
        if (commitIntervalMs != null) {
            m.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, Integer.toString(commitIntervalMs));
        }
        return m;
    }

    /** The run's topics, created with 6 partitions and served before anything is produced to them. */
    private static void ensureTopics(EmbeddedKafka kafka, Topics t) throws Exception {
        TopicSetup.ensure(client(kafka), t, 6, (short) 1);
        Measure.awaitReady(client(kafka), t.all().stream().map(spec -> spec.name()).toList());
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
