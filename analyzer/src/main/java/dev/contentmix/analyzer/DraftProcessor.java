package dev.contentmix.analyzer;

import dev.contentmix.analyzer.mix.Advice;
import dev.contentmix.analyzer.mix.BrandWindows;
import dev.contentmix.events.BrandPolicy;
import dev.contentmix.events.Classification;
import dev.contentmix.events.DraftVerdict;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Judges drafts against their brand's current mix. In: classified drafts keyed by brand. Out: a
 * {@link DraftVerdict} keyed by draft id. Reads the brand's windows and never changes them.
 */
final class DraftProcessor implements Processor<String, Intake, String, DraftVerdict> {
    private final AnalyzerMetrics metrics;
    private ProcessorContext<String, DraftVerdict> context;
    private KeyValueStore<String, BrandPolicy> policies;
    private BrandWindows windows;

    DraftProcessor(AnalyzerMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, DraftVerdict> context) {
        this.context = context;
        this.policies = context.getStateStore(AnalyzerTopology.POLICY_STORE);
        KeyValueStore<Bytes, byte[]> store = context.getStateStore(AnalyzerTopology.MIX_STORE);
        this.windows = new BrandWindows(store);
    }

    @Override
    public void process(Record<String, Intake> record) {
        if (!(record.value() instanceof Intake.Classified draft)) {
            return;
        }
        Classification c = draft.classification();
        String brand = c.brand();
        BrandPolicy policy = Optional.ofNullable(policies.get(brand)).orElseGet(() -> BrandPolicy.defaults(brand));
        BrandWindows.Projection p = windows.project(brand, policy, c.label());
        Advice.Verdict v = Advice.of(brand, c.label(), c.goalCheck(), c.goals(), policy, p);
        metrics.draftChecked(v.decision());
        context.forward(record.withKey(c.postId()).withValue(new DraftVerdict(c.postId(), brand, c.label(),
                c.confidence(), c.signals(), c.goalCheck(), p.currentShare(), p.projectedShare(),
                policy.maxSalesShare(), v.decision(), v.advice(), Instant.now())));
    }
}
