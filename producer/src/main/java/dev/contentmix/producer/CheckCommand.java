package dev.contentmix.producer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.contentmix.events.Decision;
import dev.contentmix.events.Drafts;
import dev.contentmix.events.DraftVerdict;
import dev.contentmix.events.InvalidRecordException;
import dev.contentmix.events.Json;
import dev.contentmix.events.KafkaSettings;
import dev.contentmix.events.Label;
import dev.contentmix.events.Post;
import dev.contentmix.events.Topics;
import dev.contentmix.events.cli.KafkaOptions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code contentmix check}: sends drafts to the analyzer, waits for its verdicts and prints them.
 * Exit codes fit a publishing pipeline: 0 when every draft is OK, 1 when any is over the guideline
 * or off-goal, 2 for a usage error or when the verdicts do not arrive in time.
 */
@Command(name = "check", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Checks drafts before they go out: does it read as an ad, does it serve a goal, and what would "
            + "it do to the brand's mix?",
            "Give one draft as TEXT with --brand, or a JSONL file of drafts with --file, or a content calendar "
                + "(drafts with planned publishedAt times) with --calendar: the calendar is judged in time order, "
                + "each draft as if published at its time after the ones before it, and a reorder that stays within "
                + "the guideline is suggested (and checked) when one exists."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every draft is OK", "1:a draft is over the guideline or off-goal",
            "2:usage error, or no verdict within --timeout"})
public final class CheckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    KafkaOptions kafka;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    static final class Source {
        @Parameters(paramLabel = "TEXT", description = "The draft's text.")
        String text;

        @Option(names = "--file", paramLabel = "FILE", description = "JSONL drafts (Post fields; id optional), - for stdin.")
        String file;

        @Option(names = "--calendar", paramLabel = "FILE",
                description = "JSONL content calendar: drafts with planned publishedAt times.")
        String calendar;
    }

    @Option(names = "--brand", description = "Brand of a TEXT draft.")
    String brand;

    @Option(names = "--goals", split = ",", paramLabel = "TAG", description = "Goal tags of a TEXT draft.")
    List<String> goals = List.of();

    @Option(names = "--channel", description = "Channel of a TEXT draft.")
    String channel;

    @Option(names = "--id", description = "Id of a TEXT draft (default: generated).")
    String id;

    @Option(names = "--json", description = "Print verdicts as JSON lines.")
    boolean json;

    @Option(names = "--timeout", defaultValue = "PT30S",
            description = "How long to wait for the verdicts (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<Post> drafts;
        try {
            drafts = readDrafts();
        } catch (InvalidRecordException | IllegalArgumentException e) {
            err.println("contentmix check: " + e.getMessage());
            return 2;
        }
        if (drafts.isEmpty()) {
            err.println("contentmix check: no drafts to check");
            return 2;
        }
        KafkaSettings settings = kafka.clientSettings();
        Client opened;
        try {
            opened = new Client(settings);
        } catch (IllegalStateException | org.apache.kafka.common.KafkaException e) {
            err.println("contentmix check: " + e.getMessage());
            return 2;
        }
        try (Client client = opened) {
            String plan = source.calendar != null ? "plan-" + run : null;
            List<DraftVerdict> verdicts = client.judge(drafts, plan, timeout);
            if (verdicts == null) {
                err.printf("contentmix check: no verdict within %s from the analyzer at %s; is it running?%n",
                        timeout, settings.bootstrapServers());
                return 2;
            }
            print(out, drafts, verdicts, plan != null);
            boolean ok = verdicts.stream().allMatch(v -> v.decision() == Decision.OK);
            if (plan != null && !ok && !json) {
                suggestOrder(out, client, drafts, verdicts);
            }
            out.flush();
            return ok ? 0 : 1;
        }
    }

    private List<Post> readDrafts() throws IOException {
        if (source.text != null) {
            if (brand == null) {
                throw new IllegalArgumentException("--brand is required with a TEXT draft");
            }
            String draftId = id != null ? id : "draft-" + run;
            return List.of(new Post(draftId, brand, source.text, channel, null, goals, null, false));
        }
        String f = source.file != null ? source.file : source.calendar;
        List<String> lines;
        try {
            lines = "-".equals(f) ? new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).lines().toList()
                    : Files.readAllLines(Path.of(f), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("no such file: " + f);
        }
        List<Post> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            try {
                JsonNode node = Json.object(lines.get(i).getBytes(StandardCharsets.UTF_8));
                if (node.get("id") == null || node.get("id").isNull()) {
                    ((ObjectNode) node).put("id", "draft-" + run + "-" + (i + 1));
                }
                if (brand != null && node.get("brand") == null) {
                    ((ObjectNode) node).put("brand", brand);
                }
                Post p = Json.readPost(node);
                if (source.calendar != null && p.publishedAt() == null) {
                    throw new InvalidRecordException("a calendar draft needs its planned publishedAt");
                }
                out.add(p);
            } catch (InvalidRecordException e) {
                throw new InvalidRecordException(f + " line " + (i + 1) + ": " + e.reason());
            }
        }
        if (source.calendar != null) {
            out.sort(Comparator.comparing(Post::publishedAt)); // stable: same times keep file order
        }
        return out;
    }

    private void print(PrintWriter out, List<Post> drafts, List<DraftVerdict> verdicts, boolean calendar) {
        if (json) {
            verdicts.forEach(v -> out.println(Json.writeString(v)));
            return;
        }
        out.printf("%-22s %-12s %-11s %-15s %-20s %s%n", calendar ? "planned / draft" : "draft", "brand", "label",
                "decision", "sales share", "advice");
        for (int i = 0; i < verdicts.size(); i++) {
            DraftVerdict v = verdicts.get(i);
            String name = calendar ? drafts.get(i).publishedAt().toString().substring(0, 16).replace('T', ' ')
                    + " " + v.draftId() : v.draftId();
            out.printf("%-22s %-12s %-11s %-15s %-20s %s%n", abbreviate(name, 40), abbreviate(v.brand(), 12),
                    v.label() + " " + Math.round(v.confidence() * 100) + "%", v.decision(),
                    pct(v.currentShare()) + " -> " + pct(v.projectedShare()) + " (" + pct(v.limit()) + ")",
                    v.advice());
        }
    }

    /**
     * Finds a reorder of the calendar that stays within the guideline: the slots keep their times,
     * and the first sales draft that tips the brand over swaps places with the nearest later value
     * draft; each candidate is checked by the analyzer as a new plan.
     */
    private void suggestOrder(PrintWriter out, Client client, List<Post> drafts, List<DraftVerdict> verdicts)
            throws Exception {
        List<Post> order = new ArrayList<>(drafts);
        List<Label> labels = new ArrayList<>(verdicts.stream().map(DraftVerdict::label).toList());
        List<DraftVerdict> current = verdicts;
        for (int round = 1; round <= 8; round++) {
            int bad = -1;
            for (int i = 0; i < current.size(); i++) {
                if (current.get(i).decision() == Decision.OVER_GUIDELINE) {
                    bad = i;
                    break;
                }
            }
            if (bad < 0) {
                out.println();
                out.println("Suggested order (checked by the analyzer):");
                for (int i = 0; i < order.size(); i++) {
                    out.printf("  %s  %s (%s)%n", drafts.get(i).publishedAt().toString().substring(0, 16).replace('T', ' '),
                            order.get(i).id(), labels.get(i));
                }
                return;
            }
            int swap = -1;
            for (int j = bad + 1; j < order.size(); j++) {
                if (labels.get(j) == Label.VALUE) {
                    swap = j;
                    break;
                }
            }
            if (swap < 0) {
                break;
            }
            // the posts trade places; each takes the other's planned time
            Post a = order.get(bad);
            Post b = order.get(swap);
            order.set(bad, b.withPublishedAt(drafts.get(bad).publishedAt()));
            order.set(swap, a.withPublishedAt(drafts.get(swap).publishedAt()));
            labels.set(bad, Label.VALUE);
            labels.set(swap, Label.SALES);
            current = client.judge(order, "plan-" + run + "-" + round, timeout);
            if (current == null) {
                return;
            }
        }
        out.println();
        out.println("No reorder of this calendar stays within the guideline: drop a sales post or add value posts.");
    }

    private static String pct(double share) {
        return String.format(Locale.ROOT, "%.0f%%", share * 100);
    }

    private static String abbreviate(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n - 1) + "…";
    }

    /** Sends drafts and collects their verdicts. */
    static final class Client implements AutoCloseable {
        private final Topics topics;
        private final KafkaProducer<String, byte[]> producer;
        private final KafkaConsumer<String, byte[]> consumer;

        Client(KafkaSettings settings) {
            this.topics = settings.topics();
            Properties p = settings.clientProperties();
            p.put("acks", "all");
            p.put("enable.idempotence", "true");
            p.put("max.block.ms", "15000");
            producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
            Properties c = settings.clientProperties();
            // A verdict is read as soon as the analyzer writes it, not at its next transaction commit
            // (up to 100 ms later). Nothing counts verdicts: each is advice on one draft, computed from
            // the brand's mix at that moment. Should the analyzer fail before committing, it judges the
            // draft again from the same posts and the first verdict read stands.
            c.put("isolation.level", "read_uncommitted");
            c.put("enable.auto.commit", "false");
            consumer = new KafkaConsumer<>(c, new StringDeserializer(), new ByteArrayDeserializer());
            List<TopicPartition> parts = new ArrayList<>();
            List<PartitionInfo> infos;
            try {
                infos = consumer.partitionsFor(topics.verdicts.name(), Duration.ofSeconds(15));
            } catch (org.apache.kafka.common.errors.TimeoutException e) {
                close();
                throw new IllegalStateException("cannot reach Kafka at " + settings.bootstrapServers());
            }
            if (infos == null || infos.isEmpty()) {
                close();
                throw new IllegalStateException("topic " + topics.verdicts.name() + " does not exist at "
                        + settings.bootstrapServers() + "; start the analyzer first");
            }
            for (PartitionInfo pi : infos) {
                parts.add(new TopicPartition(pi.topic(), pi.partition()));
            }
            consumer.assign(parts);
            consumer.seekToEnd(parts);
            parts.forEach(consumer::position); // fix the start before any draft is sent
        }

        /** Verdicts in the order of {@code drafts}, or null when they did not all arrive in time. */
        List<DraftVerdict> judge(List<Post> drafts, String plan, Duration timeout) throws Exception {
            for (Post d : drafts) {
                ProducerRecord<String, byte[]> r = new ProducerRecord<>(topics.drafts.name(), d.brand(), Json.write(d));
                if (plan != null) {
                    r.headers().add(Drafts.PLAN_HEADER, plan.getBytes(StandardCharsets.UTF_8));
                }
                producer.send(r);
            }
            producer.flush();
            Map<String, DraftVerdict> got = new HashMap<>();
            long deadline = System.nanoTime() + timeout.toNanos();
            while (got.size() < drafts.size() && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    DraftVerdict v = topics.verdicts.valueSerde().deserializer().deserialize(r.topic(), r.value());
                    got.put(v.brand() + "\u0000" + v.draftId(), v);
                }
            }
            if (got.size() < drafts.size()) {
                return null;
            }
            List<DraftVerdict> out = new ArrayList<>();
            for (Post d : drafts) {
                out.add(got.get(d.brand() + "\u0000" + d.id()));
            }
            return out;
        }

        @Override
        public void close() {
            producer.close(Duration.ofSeconds(5));
            consumer.close(org.apache.kafka.clients.consumer.CloseOptions.timeout(Duration.ofSeconds(5)));
        }
    }

}
