package dev.contentmix.events;

import java.time.Instant;
import java.util.List;

/**
 * The analyzer's decision on one published post, on {@code contentmix.classified}, keyed by brand.
 *
 * @param postId       the post's id
 * @param brand        the brand
 * @param channel      the post's channel, or null
 * @param label        SALES or VALUE
 * @param confidence   probability of {@code label}, 0.5..1
 * @param signals      the few words or phrases that pushed the decision most, strongest first
 * @param goalCheck    the post's goal tags against the brand's declared goals
 * @param goals        the post's goal tags
 * @param language     ISO 639-1 code of the detected language
 * @param modelVersion version of the model that decided
 * @param publishedAt  the post's time (event time)
 * @param classifiedAt when the analyzer decided
 */
public record Classification(String postId, String brand, String channel, Label label, double confidence,
                             List<String> signals, GoalCheck goalCheck, List<String> goals, String language,
                             String modelVersion, Instant publishedAt, Instant classifiedAt) {
    public Classification {
        signals = signals == null ? List.of() : List.copyOf(signals);
        goals = goals == null ? List.of() : List.copyOf(goals);
    }
}
