package dev.contentmix.analyzer.classify;

import dev.contentmix.events.Label;
import java.util.List;

/**
 * One decision of a {@link PostClassifier}.
 *
 * @param label      SALES or VALUE
 * @param confidence calibrated probability of {@code label}, 0.5..1
 * @param signals    the few words or phrases that pushed the decision most, strongest first (at most 5)
 * @param language   ISO 639-1 code of the detected language (en, es, fr, de, pt, or another code)
 */
public record Prediction(Label label, double confidence, List<String> signals, String language) {
    public Prediction {
        signals = List.copyOf(signals);
    }
}
