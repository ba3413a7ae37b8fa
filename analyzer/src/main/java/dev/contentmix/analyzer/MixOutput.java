package dev.contentmix.analyzer;

import dev.contentmix.events.MixAlert;

/** What the mix step emits: that a brand's figures changed, or an alert. */
sealed interface MixOutput {
    /** The brand's figures changed; its snapshot follows at the next commit. */
    record Changed() implements MixOutput {
    }

    record Alert(MixAlert alert) implements MixOutput {
    }
}
