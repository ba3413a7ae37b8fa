package dev.contentmix.events;

/** Why an alert fired. */
public enum AlertType {
    OVER_SELLING,
    BACK_WITHIN,
    GOAL_DRIFT
}
