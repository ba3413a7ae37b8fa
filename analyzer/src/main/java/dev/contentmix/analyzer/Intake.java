package dev.contentmix.analyzer;

import dev.contentmix.events.BrandPolicy;
import dev.contentmix.events.Classification;
import dev.contentmix.events.Post;

/** What became of one input record: classified, a deletion, or rejected with a reason. */
public sealed interface Intake {

    /**
     * A published post and its classification, with the brand's policy read for it (so that the steps
     * after intake do not read and parse it again).
     */
    record Classified(Post post, Classification classification, BrandPolicy policy) implements Intake {
    }

    /** A post marked {@code deleted}: it leaves the brand's windows. */
    record Deleted(Post post) implements Intake {
    }

    /**
     * A record the analyzer cannot use; it goes to the dead-letter topic as it came.
     *
     * @param key       the original key bytes
     * @param value     the original value bytes
     * @param reason    why, in words a person can read
     * @param topic     source topic
     * @param partition source partition
     * @param offset    source offset
     */
    record Rejected(byte[] key, byte[] value, String reason, String topic, int partition, long offset)
            implements Intake {
    }
}
