package dev.contentmix.events;

/** Where a brand stands against its policy. */
public enum MixStatus {
    WITHIN,
    OVER,
    INSUFFICIENT_DATA
}
