package dev.contentmix.analyzer.ops;

import dev.contentmix.events.BrandMix;
import dev.contentmix.events.MixStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Per-brand gauges for a bounded set of brands: the brands named in configuration, else the first
 * {@code maxBrands} brands seen by this instance. Every other brand is left out, so a stream with a
 * million brands cannot flood Prometheus. The gauges read holders this class keeps (strong references).
 */
public final class BrandGauges implements Consumer<BrandMix> {
    private final MeterRegistry registry;
    private final Set<String> named;
    private final int maxBrands;
    private final Map<String, Holder> brands = new ConcurrentHashMap<>();

    private static final class Holder {
        final AtomicLong shareBits = new AtomicLong(Double.doubleToLongBits(0.0));
        final AtomicLong limitBits = new AtomicLong(Double.doubleToLongBits(0.2));
        final AtomicLong posts = new AtomicLong();
        final AtomicLong status = new AtomicLong();
        final AtomicLong offGoalBits = new AtomicLong(Double.doubleToLongBits(0.0));
    }

    /**
     * @param named     brands to export; empty means "the first maxBrands seen"
     * @param maxBrands upper bound on exported brands
     */
    public BrandGauges(MeterRegistry registry, Set<String> named, int maxBrands) {
        this.registry = registry;
        this.named = Set.copyOf(named);
        this.maxBrands = maxBrands;
    }

    @Override
    public void accept(BrandMix mix) {
        Holder h = brands.get(mix.brand());
        if (h == null) {
            if (!named.isEmpty() ? !named.contains(mix.brand()) : brands.size() >= maxBrands) {
                return;
            }
            h = brands.computeIfAbsent(mix.brand(), this::register);
        }
        h.shareBits.set(Double.doubleToLongBits(mix.timeWindow().salesShare()));
        h.limitBits.set(Double.doubleToLongBits(mix.policy().maxSalesShare()));
        h.posts.set(mix.timeWindow().posts());
        h.status.set(mix.status() == MixStatus.OVER ? 1 : mix.status() == MixStatus.WITHIN ? 0 : -1);
        h.offGoalBits.set(Double.doubleToLongBits(mix.offGoalShare()));
    }

    private Holder register(String brand) {
        Holder h = new Holder();
        Gauge.builder("contentmix.brand.sales.share", h, x -> Double.longBitsToDouble(x.shareBits.get()))
                .description("Share of sales posts in the brand's time window").tag("brand", brand)
                .baseUnit("ratio").register(registry);
        Gauge.builder("contentmix.brand.sales.limit", h, x -> Double.longBitsToDouble(x.limitBits.get()))
                .description("The brand's maximum sales share").tag("brand", brand)
                .baseUnit("ratio").register(registry);
        Gauge.builder("contentmix.brand.posts", h, x -> x.posts.get())
                .description("Posts in the brand's time window").tag("brand", brand).register(registry);
        Gauge.builder("contentmix.brand.over", h, x -> x.status.get())
                .description("1 when the brand is over its limit, 0 within, -1 too few posts to judge")
                .tag("brand", brand).register(registry);
        Gauge.builder("contentmix.brand.off.goal.share", h, x -> Double.longBitsToDouble(x.offGoalBits.get()))
                .description("Share of the brand's posts not aligned with a declared goal").tag("brand", brand)
                .baseUnit("ratio").register(registry);
        return h;
    }
}
