package dev.contentmix.analyzer;

import dev.contentmix.analyzer.mix.BrandWindows;
import dev.contentmix.events.BrandPolicy;
import dev.contentmix.events.MixAlert;
import java.util.Optional;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps each brand's windows up to date. In: classified posts and deletions keyed by brand. Out:
 * {@link MixOutput.Changed} after every change (the snapshot is built once per commit, see
 * {@link PendingSnapshots}), and {@link MixOutput.Alert}s as they fire.
 */
final class MixProcessor implements Processor<String, Intake, String, MixOutput> {
    private final AnalyzerMetrics metrics;
    private ProcessorContext<String, MixOutput> context;
    private KeyValueStore<String, BrandPolicy> policies;
    private BrandWindows windows;
    private long newest = Long.MIN_VALUE;

    MixProcessor(AnalyzerMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, MixOutput> context) {
        this.context = context;
        this.policies = context.getStateStore(AnalyzerTopology.POLICY_STORE);
        KeyValueStore<Bytes, byte[]> store = context.getStateStore(AnalyzerTopology.MIX_STORE);
        this.windows = new BrandWindows(store);
    }

    @Override
    public void process(Record<String, Intake> record) {
        String brand = record.key();
        BrandWindows.Change change;
        if (record.value() instanceof Intake.Classified c) {
            change = windows.add(c.classification(), c.policy());
        } else if (record.value() instanceof Intake.Deleted d) {
            BrandPolicy policy = Optional.ofNullable(policies.get(brand)).orElseGet(() -> BrandPolicy.defaults(brand));
            change = windows.delete(brand, d.post().id(), policy);
        } else {
            return;
        }
        metrics.mixUpdate(change.outcome());
        if (change.changed()) {
            // the pending-snapshots table warns about an update older than the one before it; its
            // timestamp only orders the brand's snapshots, so it never goes back in time
            newest = Math.max(newest, record.timestamp());
            context.forward(record.withValue((MixOutput) new MixOutput.Changed()).withTimestamp(newest));
        }
        for (MixAlert a : change.alerts()) {
            metrics.alert(a.type());
            context.forward(record.withValue(new MixOutput.Alert(a)));
        }
    }
}
