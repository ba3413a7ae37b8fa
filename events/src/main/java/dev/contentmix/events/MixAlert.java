package dev.contentmix.events;

import java.time.Instant;

/**
 * A change a person should act on, on {@code contentmix.alerts}, keyed by brand.
 *
 * @param brand       the brand
 * @param type        OVER_SELLING, BACK_WITHIN or GOAL_DRIFT
 * @param share       the share that crossed the line
 * @param limit       the line
 * @param window      which window: a duration such as P30D, or "last 50 posts"
 * @param postId      the post that tipped it
 * @param at          event time of that post
 * @param message     one line a person can act on
 */
public record MixAlert(String brand, AlertType type, double share, double limit, String window, String postId,
                       Instant at, String message) {
}
