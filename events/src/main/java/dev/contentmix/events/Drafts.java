package dev.contentmix.events;

/**
 * Drafts on {@code contentmix.drafts} are Post records. One header adds calendar mode: drafts that
 * carry the same {@value #PLAN_HEADER} value (and brand) are judged in order, each as if published at
 * its {@code publishedAt} after the ones before it. A plan is forgotten an hour after its first draft.
 */
public final class Drafts {
    public static final String PLAN_HEADER = "contentmix.plan";
    /** Most drafts in one plan. */
    public static final int MAX_PLAN_POSTS = 500;

    private Drafts() {
    }
}
