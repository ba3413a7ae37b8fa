package dev.contentmix.events;

import java.time.Instant;
import java.util.List;

/**
 * The analyzer's verdict on a draft, on {@code contentmix.verdicts}, keyed by draft id.
 *
 * @param draftId        the draft's id
 * @param brand          the brand
 * @param label          SALES or VALUE
 * @param confidence     probability of {@code label}
 * @param signals        words or phrases that pushed the decision most
 * @param goalCheck      the draft's goal tags against the brand's goals
 * @param currentShare   the brand's sales share now
 * @param projectedShare the share if this draft were published now
 * @param limit          the brand's maximum sales share
 * @param decision       OK, OVER_GUIDELINE or OFF_GOAL
 * @param advice         one sentence a person can act on
 * @param at             when the verdict was made
 */
public record DraftVerdict(String draftId, String brand, Label label, double confidence, List<String> signals,
                           GoalCheck goalCheck, double currentShare, double projectedShare, double limit,
                           Decision decision, String advice, Instant at) {
}
