package dev.contentmix.events;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Header names on {@code contentmix.dead-letters}. The record keeps the original key and value bytes;
 * these headers say why it was rejected and where it came from.
 */
public final class DeadLetters {
    public static final String REASON = "contentmix.reason";
    public static final String SOURCE_TOPIC = "contentmix.source.topic";
    public static final String SOURCE_PARTITION = "contentmix.source.partition";
    public static final String SOURCE_OFFSET = "contentmix.source.offset";

    private DeadLetters() {
    }

    /** The value of a header as UTF-8 text, or null when absent. */
    public static String header(Headers headers, String name) {
        Header h = headers.lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
