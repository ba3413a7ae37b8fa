package dev.contentmix.analyzer;

import dev.contentmix.analyzer.classify.PostClassifier;
import dev.contentmix.analyzer.classify.Prediction;
import dev.contentmix.events.BrandMix;
import dev.contentmix.events.BrandPolicy;
import dev.contentmix.events.DraftVerdict;
import dev.contentmix.events.Json;
import dev.contentmix.events.MixAlert;
import dev.contentmix.events.Post;
import dev.contentmix.events.Classification;
import dev.contentmix.events.Label;
import dev.contentmix.events.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * The real topology in a {@link TopologyTestDriver}, with a stand-in classifier whose decision the
 * test controls: posts whose text contains "BUY" are SALES. Topology tests check routing, state and
 * contracts; the real model is tested on its own and end to end.
 */
final class TopologyFixture implements AutoCloseable {
    static final PostClassifier FAKE = new PostClassifier() {
        @Override
        public Prediction classify(String text) {
            boolean sales = text.contains("BUY");
            return new Prediction(sales ? Label.SALES : Label.VALUE, 0.9, List.of(sales ? "buy" : "tips"), "en");
        }

        @Override
        public String modelVersion() {
            return "fake-1";
        }
    };

    private static final String STATE_DIR = System.getProperty("java.io.tmpdir") + "/contentmix-topology-tests";
    final Topics topics = Topics.defaults();
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final TopologyTestDriver driver;
    final TestInputTopic<byte[], byte[]> posts;
    final TestInputTopic<String, BrandPolicy> policies;
    final TestInputTopic<String, byte[]> rawPolicies;
    final TestOutputTopic<String, Classification> classified;
    final TestOutputTopic<byte[], byte[]> deadLetters;
    final TestOutputTopic<String, BrandMix> mix;
    final TestOutputTopic<String, MixAlert> alerts;
    final TestOutputTopic<String, DraftVerdict> verdicts;
    final TestInputTopic<byte[], byte[]> drafts;

    TopologyFixture() {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "topology-test");
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.STATE_DIR_CONFIG, STATE_DIR);
        p.put("processing.exception.handler.global.enabled", "true");
        driver = new TopologyTestDriver(
                AnalyzerTopology.build(topics, FAKE, new AnalyzerMetrics(registry)), p, Instant.parse("2026-03-01T00:00:00Z"));
        posts = driver.createInputTopic(topics.posts.name(), Serdes.ByteArray().serializer(),
                Serdes.ByteArray().serializer());
        policies = driver.createInputTopic(topics.policies.name(), Serdes.String().serializer(),
                Topics.POLICY_SERDE.serializer());
        rawPolicies = driver.createInputTopic(topics.policies.name(), Serdes.String().serializer(),
                Serdes.ByteArray().serializer());
        classified = driver.createOutputTopic(topics.classified.name(), Serdes.String().deserializer(),
                Topics.CLASSIFICATION_SERDE.deserializer());
        deadLetters = driver.createOutputTopic(topics.deadLetters.name(), Serdes.ByteArray().deserializer(),
                Serdes.ByteArray().deserializer());
        mix = driver.createOutputTopic(topics.mix.name(), Serdes.String().deserializer(),
                Topics.MIX_SERDE.deserializer());
        verdicts = driver.createOutputTopic(topics.verdicts.name(), Serdes.String().deserializer(),
                Topics.VERDICT_SERDE.deserializer());
        drafts = driver.createInputTopic(topics.drafts.name(), Serdes.ByteArray().serializer(),
                Serdes.ByteArray().serializer());
        alerts = driver.createOutputTopic(topics.alerts.name(), Serdes.String().deserializer(),
                Topics.ALERT_SERDE.deserializer());
    }

    void send(String key, String json, Instant at) {
        posts.pipeInput(key == null ? null : utf8(key), json == null ? null : utf8(json), at);
    }

    /** Publishes a post of {@code brand}: SALES when {@code sales}, at event time {@code at}. */
    void post(String brand, String id, boolean sales, Instant at, String... goals) {
        Post p = new Post(id, brand, sales ? "BUY this now" : "a useful tip", "x", at, List.of(goals), null, false);
        posts.pipeInput(utf8(brand), Json.write(p), at);
    }

    /** Submits a draft and returns its verdict. */
    DraftVerdict draft(String brand, String id, boolean sales, Instant at, String... goals) {
        Post p = new Post(id, brand, sales ? "BUY this now" : "a useful tip", "x", at, List.of(goals), null, false);
        drafts.pipeInput(utf8(brand), Json.write(p), at);
        return verdicts.readValue();
    }

    /** Submits a draft of a content calendar (plan) at its planned time and returns its verdict. */
    DraftVerdict planned(String plan, String brand, String id, boolean sales, Instant at) {
        Post p = new Post(id, brand, sales ? "BUY this now" : "a useful tip", "x", at, List.of(), null, false);
        org.apache.kafka.common.header.internals.RecordHeaders h = new org.apache.kafka.common.header.internals.RecordHeaders();
        h.add(dev.contentmix.events.Drafts.PLAN_HEADER, utf8(plan));
        drafts.pipeInput(new org.apache.kafka.streams.test.TestRecord<>(utf8(brand), Json.write(p), h, at));
        return verdicts.readValue();
    }

    void delete(String brand, String id, Instant at) {
        posts.pipeInput(utf8(brand), Json.write(new Post(id, brand, null, null, at, List.of(), null, true)), at);
    }

    /** The latest snapshot of each brand published so far. */
    java.util.Map<String, BrandMix> latestMix() {
        return mix.readKeyValuesToMap();
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        driver.close();
    }
}
