package dev.contentmix.producer;

import dev.contentmix.events.InvalidRecordException;
import dev.contentmix.events.Json;
import dev.contentmix.events.KafkaSettings;
import dev.contentmix.events.Label;
import dev.contentmix.events.Post;
import dev.contentmix.events.cli.KafkaOptions;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code contentmix generate}: a synthetic multi-brand stream from {@link PostGenerator}, to the posts
 * topic or, with {@code --print}, as JSONL on stdout. The summary names each brand's actual sales share.
 */
@Command(name = "generate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Publishes a synthetic stream of posts for several brands: realistic sales and value texts "
            + "in a dozen industries, each brand at its own sales share.",
            "With --seed (and --start) the stream is the same on every run."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every post was sent", "1:a post could not be sent", "2:usage error"})
public final class GenerateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    KafkaOptions kafka;

    @Option(names = "--count", defaultValue = "1000", description = "Posts to generate (default: ${DEFAULT-VALUE}).")
    long count;

    @Option(names = "--rate", defaultValue = "0", description = "Posts per second; 0 for as fast as possible "
            + "(default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--brands", defaultValue = "5", description = "Number of brands (default: ${DEFAULT-VALUE}).")
    int brands;

    @Option(names = "--brand", paramLabel = "NAME=SHARE", description = "A brand's own sales share, e.g. "
            + "--brand acme=0.35 (repeatable; a name not among the generated brands is added).")
    Map<String, Double> brandShares = new LinkedHashMap<>();

    @Option(names = "--sales-share", defaultValue = "0.2",
            description = "Sales share of the other brands (default: ${DEFAULT-VALUE}).")
    double salesShare;

    @Option(names = "--seed", description = "Seed for a reproducible stream (default: random).")
    Long seed;

    @Option(names = "--start", paramLabel = "TIME",
            description = "publishedAt of the first post, ISO-8601 (default: so that the stream ends now).")
    Instant start;

    @Option(names = "--spacing", paramLabel = "DURATION", description = "Time between posts, ISO-8601 "
            + "(default: each brand posts about 3 times a day).")
    Duration spacing;

    @Option(names = "--channels", split = ",", paramLabel = "CHANNEL",
            description = "Channels to post on (default: x,instagram,facebook,linkedin,tiktok).")
    List<String> channels;

    @Option(names = "--goals", split = ",", paramLabel = "TAG",
            description = "Goal tags to draw from (default: a small set per brand, from its industry).")
    List<String> goals;

    @Option(names = "--no-goals", description = "Leave posts untagged.")
    boolean noGoals;

    @Option(names = "--print", description = "Write JSONL to stdout instead of Kafka (no broker needed).")
    boolean print;

    @Option(names = "--progress", description = "Show a progress bar on stderr (default: when in a terminal).")
    boolean progress;

    @Option(names = "--no-create-topics", description = "Do not create missing contentmix topics.")
    boolean noCreateTopics;

    private final Function<KafkaSettings, PostSink> sinks;

    public GenerateCommand() {
        this(null);
    }

    /** With another sink than Kafka, for tests; null means Kafka. */
    GenerateCommand(Function<KafkaSettings, PostSink> sinks) {
        this.sinks = sinks;
    }

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        PostGenerator generator;
        try {
            generator = generator();
        } catch (IllegalArgumentException | InvalidRecordException e) {
            err.println("contentmix generate: " + e.getMessage());
            return 2;
        }
        PostSink sink;
        try {
            sink = print ? new PrintSink(out)
                    : sinks != null ? sinks.apply(kafka.clientSettings())
                    : PostPublisher.open(kafka.clientSettings(), !noCreateTopics);
        } catch (IllegalArgumentException e) {
            err.println("contentmix generate: " + e.getMessage());
            return 2;
        } catch (IllegalStateException | KafkaException e) {
            err.println("contentmix generate: " + PostReader.oneLine(e.getMessage()));
            return 1;
        }
        Map<String, long[]> perBrand = new LinkedHashMap<>(); // brand -> {posts, sales}
        generator.brands().forEach(b -> perBrand.put(b.key(), new long[2]));
        long t0 = System.nanoTime();
        try (sink; ProgressBar bar = progressBar()) {
            for (long i = 0; i < count; i++) {
                if (rate > 0) { // pacing, not synchronisation: hold each post until its slot
                    long wait = t0 + (long) (i * 1e9 / rate) - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    }
                }
                PostGenerator.Generated g = generator.next();
                sink.send(g.post());
                long[] c = perBrand.computeIfAbsent(g.post().brand(), k -> new long[2]);
                c[0]++;
                c[1] += g.label() == Label.SALES ? 1 : 0;
                if (bar != null) {
                    bar.step();
                }
            }
            sink.flush();
        }
        PrintWriter summary = print ? err : out; // stdout carries the posts with --print
        double seconds = (System.nanoTime() - t0) / 1e9;
        summary.printf(Locale.ROOT, "%s %d posts for %d brands in %.1f s (%.0f posts/s)%n", print ? "wrote" : "sent",
                sink.sent(), perBrand.values().stream().filter(c -> c[0] > 0).count(), seconds,
                seconds > 0 ? sink.sent() / seconds : 0.0);
        perBrand.forEach((brand, c) -> {
            double target = generator.brands().stream().filter(b -> b.key().equals(brand)).findFirst()
                    .map(PostGenerator.Brand::salesShare).orElse(salesShare);
            summary.printf(Locale.ROOT, "  %-22s %6d posts  %5.1f%% sales (target %.0f%%)%n", brand, c[0],
                    c[0] == 0 ? 0.0 : 100.0 * c[1] / c[0], target * 100);
        });
        if (sink.failed() > 0) {
            err.println(sink.failed() + " post(s) could not be sent; first error: "
                    + PostReader.oneLine(sink.firstError()));
        }
        out.flush();
        err.flush();
        return sink.failed() > 0 ? 1 : 0;
    }

    PostGenerator generator() {
        if (count < 0) {
            throw new IllegalArgumentException("--count must not be negative, got " + count);
        }
        if (!(rate >= 0)) {
            throw new IllegalArgumentException("--rate must not be negative, got " + rate);
        }
        if (brands < 0) {
            throw new IllegalArgumentException("--brands must not be negative, got " + brands);
        }
        PostGenerator.Builder b = PostGenerator.builder(seed != null ? seed : ThreadLocalRandom.current().nextLong())
                .brands(brands).salesShare(salesShare).tagGoals(!noGoals);
        brandShares.forEach(b::brandShare);
        if (channels != null) {
            b.channels(channels);
        }
        if (goals != null) {
            b.goals(goals);
        }
        if (spacing != null) {
            b.spacing(spacing);
        }
        Duration step = b.build().spacing();
        b.start(start != null ? start
                : Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(step.multipliedBy(Math.max(1, count))));
        return b.build();
    }

    private ProgressBar progressBar() {
        if (print && !progress || !(progress || System.console() != null) || count < 2) {
            return null;
        }
        return new ProgressBarBuilder().setTaskName(print ? "write" : "send").setInitialMax(count)
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250).continuousUpdate().build();
    }

    /** {@code --print}: each post as one JSON line. */
    private static final class PrintSink implements PostSink {
        private final PrintWriter out;
        private long sent;

        PrintSink(PrintWriter out) {
            this.out = out;
        }

        @Override
        public void send(Post post) {
            out.println(Json.writeString(post));
            sent++;
        }

        @Override
        public void sendRaw(String key, byte[] value) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void flush() {
            out.flush();
        }

        @Override
        public long sent() {
            return sent;
        }

        @Override
        public long failed() {
            return 0;
        }

        @Override
        public String firstError() {
            return null;
        }

        @Override
        public void close() {
            out.flush();
        }
    }
}
