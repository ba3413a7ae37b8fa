package dev.contentmix.analyzer.mix;

import dev.contentmix.events.GoalCheck;
import dev.contentmix.events.Label;
import java.util.List;
import java.util.Set;

/**
 * Checks a post's goal tags against the brand's declared goals.
 *
 * <ul>
 *   <li>no tags on the post: UNTAGGED;</li>
 *   <li>the brand declared no goals: ALIGNED (there is nothing to drift from);</li>
 *   <li>a VALUE post with at least one declared tag: ALIGNED;</li>
 *   <li>a SALES post is ALIGNED only when one of its declared tags is a sales goal ({@link #SALES_GOALS}):
 *       an ad tagged only with audience goals such as "community" serves none of them;</li>
 *   <li>anything else: OFF_GOAL.</li>
 * </ul>
 */
public final class Goals {
    /** Goal tags that a sales post can serve. */
    public static final Set<String> SALES_GOALS = Set.of("sales", "conversion", "conversions", "revenue", "leads",
            "lead-gen", "leadgen", "acquisition", "promotion", "promo", "launch", "product-launch", "signups",
            "trials", "bookings", "reservations", "donations", "fundraising", "ecommerce", "retention-offers");

    private Goals() {
    }

    public static GoalCheck check(Label label, List<String> postGoals, List<String> declared) {
        if (postGoals.isEmpty()) {
            return GoalCheck.UNTAGGED;
        }
        if (declared.isEmpty()) {
            return GoalCheck.ALIGNED;
        }
        for (String g : postGoals) {
            if (declared.contains(g) && (label == Label.VALUE || SALES_GOALS.contains(g))) {
                return GoalCheck.ALIGNED;
            }
        }
        return GoalCheck.OFF_GOAL;
    }
}
