package dev.contentmix.analyzer.classify;

/**
 * Decides whether a post's text is a self-serving ad (SALES) or content for the audience (VALUE),
 * by the rule in the project's labelling guide. Implementations are thread-safe.
 */
public interface PostClassifier {

    /** Classifies one text; never null, never throws for any non-null text. */
    Prediction classify(String text);

    /** Identifies the model, for example {@code contentmix-2026.11-3f9a1c2e}; goes into every classification. */
    String modelVersion();
}
