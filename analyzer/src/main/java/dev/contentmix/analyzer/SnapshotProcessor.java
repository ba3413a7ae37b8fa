package dev.contentmix.analyzer;

import dev.contentmix.analyzer.mix.BrandWindows;
import dev.contentmix.events.BrandMix;
import dev.contentmix.events.BrandPolicy;
import java.util.Optional;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * In: a brand whose figures changed (once per commit, from {@link PendingSnapshots}). Out: the brand's
 * snapshot as its windows are now.
 */
final class SnapshotProcessor implements Processor<String, Long, String, BrandMix> {
    private final AnalyzerMetrics metrics;
    private ProcessorContext<String, BrandMix> context;
    private KeyValueStore<String, BrandPolicy> policies;
    private BrandWindows windows;

    SnapshotProcessor(AnalyzerMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, BrandMix> context) {
        this.context = context;
        this.policies = context.getStateStore(AnalyzerTopology.POLICY_STORE);
        KeyValueStore<Bytes, byte[]> store = context.getStateStore(AnalyzerTopology.MIX_STORE);
        this.windows = new BrandWindows(store);
    }

    @Override
    public void process(Record<String, Long> record) {
        String brand = record.key();
        BrandPolicy policy = Optional.ofNullable(policies.get(brand)).orElseGet(() -> BrandPolicy.defaults(brand));
        BrandMix mix = windows.snapshot(brand, policy);
        metrics.brandMix(mix);
        context.forward(record.withValue(mix));
    }
}
