package dev.contentmix.analyzer;

import dev.contentmix.analyzer.classify.PostClassifier;
import dev.contentmix.events.Topics;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;


/**
 * Builds the analyzer's topology.
 *
 * <p>In: {@code posts} and {@code drafts} (key brand, value Post JSON, read as raw bytes so that nothing
 * unreadable can stop the stream) and {@code policies} (compacted, read into a global store). Out:
 * {@code classified} (Classification, key brand), {@code mix} (BrandMix of every brand that changed, once
 * per commit, key brand),
 * {@code alerts} (MixAlert, key brand), {@code verdicts} (DraftVerdict, key draft id) and
 * {@code dead-letters} (original bytes, headers with the reason). Posts and drafts share the brand
 * windows store, so the two topics must have the same number of partitions.
 * Drafts are taken before buffered posts ({@link DraftsFirst}): someone is waiting for each verdict.
 * Every processor, store and branch is named so internal topic names stay stable across releases.
 */
public final class AnalyzerTopology {
    /** Global store of brand policies, fed by the policies topic. */
    public static final String POLICY_STORE = "policies-store";
    /** Every brand's retained posts and running counts; changelogged. */
    public static final String MIX_STORE = "mix-store";
    /** Brands whose snapshot is due at the next commit: Streams' record cache over a store that keeps nothing. */
    public static final String PENDING_STORE = "pending-snapshots-store";
    /** Content calendars being checked: the drafts of each plan so far. */
    public static final String PLAN_STORE = "plan-store";

    private AnalyzerTopology() {
    }

    public static Topology build(Topics topics, PostClassifier classifier, AnalyzerMetrics metrics) {
        StreamsBuilder builder = new StreamsBuilder();

        builder.addGlobalStore(
                Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(POLICY_STORE), Serdes.String(),
                        Topics.POLICY_SERDE).withLoggingDisabled(),
                topics.policies.name(),
                Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("policies-source"),
                () -> new PolicyLoader(POLICY_STORE, metrics));

        KStream<String, Intake> posts = intake(builder, topics.posts.name(), topics.deadLetters.name(), "posts",
                classifier, metrics, false);
        KStream<String, Intake> drafts = intake(builder, topics.drafts.name(), topics.deadLetters.name(), "drafts",
                classifier, metrics, true);

        posts.filter((brand, result) -> result instanceof Intake.Classified, Named.as("classified-only"))
                .mapValues(result -> ((Intake.Classified) result).classification(), Named.as("to-classification"))
                .to(topics.classified.name(), Produced.with(topics.classified.keySerde(),
                        topics.classified.valueSerde()).withName("classified-sink"));

        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(MIX_STORE),
                Serdes.Bytes(), Serdes.ByteArray()));

        Map<String, KStream<String, MixOutput>> mixOut = posts
                .process(() -> new MixProcessor(metrics), Named.as("mix"), MIX_STORE)
                .split(Named.as("mix-"))
                .branch((brand, out) -> out instanceof MixOutput.Changed, Branched.as("changed"))
                .defaultBranch(Branched.as("alert"));
        // one snapshot per changed brand per commit: Streams' record cache keeps the latest "changed"
        // of each brand and hands it on when the task commits (PendingSnapshots). The intake changes the
        // key type (bytes to brand), so Streams routes the marks through a repartition topic first. That
        // is one more record per post, but it pays: marks read back from it are coalesced over about two
        // commits, not one. Keeping the key from the source removed the topic and gave 3.4 times the snapshots
        // (1,010 instead of 293 for 6,150 posts in MixEndToEndIT): 6% more CPU a post over 4 pairs.
        mixOut.get("mix-changed")
                .mapValues((brand, out) -> 0L, Named.as("to-pending"))
                .toTable(Named.as("pending-snapshots"), Materialized.<String, Long>as(
                                new PendingSnapshots.Supplier(PENDING_STORE))
                        .withKeySerde(Serdes.String()).withValueSerde(Serdes.Long())
                        .withCachingEnabled().withLoggingDisabled())
                .toStream(Named.as("pending-flushed"))
                .process(() -> new SnapshotProcessor(metrics), Named.as("snapshot"), MIX_STORE)
                .to(topics.mix.name(), Produced.with(topics.mix.keySerde(), topics.mix.valueSerde())
                        .withName("mix-sink"));
        mixOut.get("mix-alert")
                .mapValues(out -> ((MixOutput.Alert) out).alert(), Named.as("to-alert"))
                .to(topics.alerts.name(), Produced.with(topics.alerts.keySerde(), topics.alerts.valueSerde())
                        .withName("alerts-sink"));

        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PLAN_STORE),
                Serdes.String(), Serdes.ByteArray()));
        drafts.process(() -> new DraftProcessor(metrics), Named.as("draft-verdict"), MIX_STORE, PLAN_STORE)
                .to(topics.verdicts.name(), Produced.with(topics.verdicts.keySerde(), topics.verdicts.valueSerde())
                        .withName("verdicts-sink"));

        return builder.build();
    }

    /** Source, intake and dead-letter routing of one input topic; returns the usable records. */
    private static KStream<String, Intake> intake(StreamsBuilder builder, String topic, String deadLetters, String name,
                                                  PostClassifier classifier, AnalyzerMetrics metrics, boolean drafts) {
        KStream<String, Intake> intake = builder
                .stream(topic, drafts
                        ? Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName(name + "-source")
                                .withTimestampExtractor(new DraftsFirst())
                        : Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName(name + "-source"))
                .process(() -> new IntakeProcessor(classifier, metrics, POLICY_STORE, drafts),
                        Named.as(name + "-intake"));
        Map<String, KStream<String, Intake>> branches = intake.split(Named.as(name + "-"))
                .branch((brand, result) -> result instanceof Intake.Rejected, Branched.as("rejected"))
                .defaultBranch(Branched.as("accepted"));
        branches.get(name + "-rejected")
                .process(DeadLetterProcessor::new, Named.as(name + "-dead-letter"))
                .to(deadLetters, Produced.with(Serdes.ByteArray(), Serdes.ByteArray())
                        .withName(name + "-dead-letters-sink"));
        return branches.get(name + "-accepted");
    }
}
