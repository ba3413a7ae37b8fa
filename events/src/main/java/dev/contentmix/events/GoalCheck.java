package dev.contentmix.events;

/** How a post's goal tags relate to the brand's declared goals. */
public enum GoalCheck {
    /** Tagged with at least one declared goal that fits the post's label. */
    ALIGNED,
    /** No goal tags on the post. */
    UNTAGGED,
    /** Tagged, but with no declared goal, or a sales post tagged only with non-sales goals. */
    OFF_GOAL
}
