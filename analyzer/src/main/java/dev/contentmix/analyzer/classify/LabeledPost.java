package dev.contentmix.analyzer.classify;

import dev.contentmix.events.Label;
import java.util.Objects;

/**
 * One post of a labelled corpus or evaluation file. Only {@code text} and {@code label} are
 * required; the other fields are null when a file does not give them.
 *
 * @param id         the corpus id; decides the held-out split (see {@link Corpus#isHeldOut(String)})
 * @param text       the post, non-blank
 * @param label      SALES or VALUE
 * @param difficulty {@code easy} or {@code hard} (or another value a file uses), or null
 * @param lang       ISO 639-1 code, or null
 * @param industry   free-form slug, or null
 * @param channel    free-form channel, or null
 */
public record LabeledPost(String id, String text, Label label, String difficulty, String lang,
                          String industry, String channel) {
    public LabeledPost {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(label, "label");
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("text must not be blank");
        }
    }
}
