package dev.contentmix.events;

import java.util.List;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Every topic of contentmix, with its serdes. Names are {@code prefix + suffix}; the default prefix
 * is {@value #DEFAULT_PREFIX}. Keys are the brand (UTF-8 string) except on verdicts (draft id).
 */
public final class Topics {
    public static final String DEFAULT_PREFIX = "contentmix.";

    public static final Serde<Post> POST_SERDE = JsonSerde.of(Post.class, Json::readPost);
    public static final Serde<BrandPolicy> POLICY_SERDE = JsonSerde.of(BrandPolicy.class, Json::readPolicy);
    public static final Serde<Classification> CLASSIFICATION_SERDE = JsonSerde.of(Classification.class);
    public static final Serde<BrandMix> MIX_SERDE = JsonSerde.of(BrandMix.class);
    public static final Serde<MixAlert> ALERT_SERDE = JsonSerde.of(MixAlert.class);
    public static final Serde<DraftVerdict> VERDICT_SERDE = JsonSerde.of(DraftVerdict.class);

    private final String prefix;
    public final TopicSpec<String, Post> posts;
    public final TopicSpec<String, Post> drafts;
    public final TopicSpec<String, BrandPolicy> policies;
    public final TopicSpec<String, Classification> classified;
    public final TopicSpec<String, DraftVerdict> verdicts;
    public final TopicSpec<String, BrandMix> mix;
    public final TopicSpec<String, MixAlert> alerts;
    /** Original key and value bytes, with {@link DeadLetters} headers. */
    public final TopicSpec<byte[], byte[]> deadLetters;

    public Topics(String prefix) {
        this.prefix = prefix == null ? DEFAULT_PREFIX : prefix;
        Serde<String> key = Serdes.String();
        posts = spec("posts", key, POST_SERDE, false);
        drafts = spec("drafts", key, POST_SERDE, false);
        policies = spec("policies", key, POLICY_SERDE, true);
        classified = spec("classified", key, CLASSIFICATION_SERDE, false);
        verdicts = spec("verdicts", key, VERDICT_SERDE, false);
        mix = spec("mix", key, MIX_SERDE, true);
        alerts = spec("alerts", key, ALERT_SERDE, false);
        deadLetters = spec("dead-letters", Serdes.ByteArray(), Serdes.ByteArray(), false);
    }

    /** The topics with the default prefix. */
    public static Topics defaults() {
        return new Topics(DEFAULT_PREFIX);
    }

    public String prefix() {
        return prefix;
    }

    /** All topics, inputs first. */
    public List<TopicSpec<?, ?>> all() {
        return List.of(posts, drafts, policies, classified, verdicts, mix, alerts, deadLetters);
    }

    private <K, V> TopicSpec<K, V> spec(String suffix, Serde<K> k, Serde<V> v, boolean compacted) {
        return new TopicSpec<>(prefix + suffix, k, v, compacted);
    }
}
