package dev.contentmix.analyzer;

import dev.contentmix.analyzer.classify.PostClassifier;
import dev.contentmix.analyzer.classify.Prediction;
import dev.contentmix.analyzer.mix.Goals;
import dev.contentmix.events.BrandPolicy;
import dev.contentmix.events.Classification;
import dev.contentmix.events.InvalidRecordException;
import dev.contentmix.events.Json;
import dev.contentmix.events.Post;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads raw post records (key and value as bytes), validates them and classifies the usable ones.
 * Out: {@link Intake.Classified} and {@link Intake.Deleted} keyed by brand, or {@link Intake.Rejected}
 * with the original bytes and a readable reason. Nothing throws past this processor for bad input.
 */
final class IntakeProcessor implements Processor<byte[], byte[], String, Intake> {
    private static final Logger LOG = LoggerFactory.getLogger(IntakeProcessor.class);

    private final PostClassifier classifier;
    private final AnalyzerMetrics metrics;
    private final String policyStoreName;
    private final boolean drafts;
    private ProcessorContext<String, Intake> context;
    private KeyValueStore<String, BrandPolicy> policies;

    /** @param drafts true for the drafts topic: drafts are not counted as published posts, nor deletable */
    IntakeProcessor(PostClassifier classifier, AnalyzerMetrics metrics, String policyStoreName, boolean drafts) {
        this.classifier = classifier;
        this.metrics = metrics;
        this.policyStoreName = policyStoreName;
        this.drafts = drafts;
    }

    @Override
    public void init(ProcessorContext<String, Intake> context) {
        this.context = context;
        this.policies = context.getStateStore(policyStoreName);
    }

    @Override
    public void process(Record<byte[], byte[]> input) {
        Record<byte[], byte[]> record = drafts ? DraftsFirst.restore(input) : input;
        Post post;
        try {
            post = parse(record);
        } catch (InvalidRecordException e) {
            reject(record, e.reason());
            return;
        }
        if (post.deleted() && drafts) {
            reject(record, "a draft cannot be marked deleted");
            return;
        }
        if (post.deleted()) {
            metrics.deleted();
            context.forward(record.withKey(post.brand()).withValue(new Intake.Deleted(post)));
            return;
        }
        BrandPolicy policy = Optional.ofNullable(policies.get(post.brand())).orElseGet(() -> BrandPolicy.defaults(post.brand()));
        long start = System.nanoTime();
        Prediction p;
        try {
            p = classifier.classify(post.text());
        } catch (RuntimeException e) {
            // A model failure on one text must not stop the stream; the record is kept for a retry.
            LOG.error("classifier failed on post {} of {}", post.id(), post.brand(), e);
            reject(record, "classifier failed: " + e);
            return;
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        Classification c = new Classification(post.id(), post.brand(), post.channel(), p.label(), p.confidence(),
                p.signals(), Goals.check(p.label(), post.goals(), policy.goals()), post.goals(), p.language(),
                classifier.modelVersion(), post.publishedAt(), Instant.now());
        if (!drafts) {
            metrics.classified(p.label(), p.language(), took, record.timestamp());
        }
        context.forward(record.withKey(post.brand()).withValue(new Intake.Classified(post, c, policy)));
    }

    private Post parse(Record<byte[], byte[]> record) {
        // the value first: "not valid JSON" says more about a broken record than its missing key
        Post post = Json.readPost(record.value());
        String key = decodeKey(record.key());
        if (!post.brand().equals(key)) {
            throw new InvalidRecordException("record key '" + abbreviate(key) + "' does not match the post's brand '"
                    + abbreviate(post.brand()) + "'; posts are keyed by brand");
        }
        return post.publishedAt() != null ? post : post.withPublishedAt(Instant.ofEpochMilli(record.timestamp()));
    }

    static String decodeKey(byte[] key) {
        if (key == null) {
            throw new InvalidRecordException("record key is missing; posts are keyed by brand");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(key)).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidRecordException("record key is not valid UTF-8");
        }
    }

    private void reject(Record<byte[], byte[]> record, String reason) {
        metrics.deadLetter(reason);
        Optional<RecordMetadata> m = context.recordMetadata();
        context.forward(record.withKey((String) null).withValue(new Intake.Rejected(record.key(), record.value(),
                reason, m.map(RecordMetadata::topic).orElse(""), m.map(RecordMetadata::partition).orElse(-1),
                m.map(RecordMetadata::offset).orElse(-1L))));
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}
