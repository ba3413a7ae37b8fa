package dev.contentmix.analyzer;

import dev.contentmix.events.BrandMix;
import dev.contentmix.events.MixAlert;

/** What the mix step emits: a brand's new snapshot, or an alert. */
sealed interface MixOutput {
    record Snapshot(BrandMix mix) implements MixOutput {
    }

    record Alert(MixAlert alert) implements MixOutput {
    }
}
