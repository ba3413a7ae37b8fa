package dev.contentmix.events;

/** The verdict on a draft. */
public enum Decision {
    OK,
    OVER_GUIDELINE,
    OFF_GOAL
}
