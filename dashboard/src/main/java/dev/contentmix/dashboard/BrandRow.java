package dev.contentmix.dashboard;

import dev.contentmix.events.BrandMix;
import java.util.Objects;

/**
 * A brand's line in the overview: its latest mix snapshot and the zone the page colours it by.
 *
 * @param brand the brand
 * @param zone  within, close, over or not judged yet
 * @param mix   the latest snapshot, as the analyzer published it
 */
public record BrandRow(String brand, Zone zone, BrandMix mix) {
    public BrandRow {
        Objects.requireNonNull(brand, "brand");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(mix, "mix");
    }

    static BrandRow of(BrandMix mix) {
        return new BrandRow(mix.brand(), Zone.of(mix), mix);
    }
}
