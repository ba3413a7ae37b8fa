package dev.contentmix.producer;

import dev.contentmix.events.Post;

/**
 * Where the producer commands send posts. {@link PostPublisher} is the Kafka one; tests use an
 * in-memory one. Sends may complete asynchronously: counts are final after {@link #flush()}.
 */
public interface PostSink extends AutoCloseable {
    /** Sends a valid post, keyed by its brand. */
    void send(Post post);

    /** Sends bytes as they are, unvalidated; {@code key} may be null. */
    void sendRaw(String key, byte[] value);

    /** Waits until every send so far is acknowledged or has failed. */
    void flush();

    /** Records acknowledged by Kafka. */
    long sent();

    /** Records that could not be sent. */
    long failed();

    /** The first send error, or null. */
    String firstError();

    @Override
    void close();
}
