package dev.contentmix.analyzer.classify;

import dev.contentmix.events.Label;

/**
 * A labelled post with the calibrated probability of sales a model gave it.
 *
 * @param post  the post and its true label
 * @param sales calibrated probability of sales, 0..1
 */
public record Scored(LabeledPost post, double sales) {
    public Scored {
        if (!(sales >= 0 && sales <= 1)) {
            throw new IllegalArgumentException("probability must be in 0..1, got " + sales);
        }
    }

    public Label predicted() {
        return sales >= 0.5 ? Label.SALES : Label.VALUE;
    }

    public boolean correct() {
        return predicted() == post.label();
    }

    /** Confidence in the predicted label, 0.5..1. */
    public double confidence() {
        return Math.max(sales, 1 - sales);
    }
}
