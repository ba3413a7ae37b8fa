package dev.contentmix.analyzer;

import dev.contentmix.analyzer.mix.Advice;
import dev.contentmix.analyzer.mix.BrandWindows;
import dev.contentmix.events.BrandPolicy;
import dev.contentmix.events.Classification;
import dev.contentmix.events.DraftVerdict;
import dev.contentmix.events.Drafts;
import dev.contentmix.events.Json;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Judges drafts against their brand's current mix. In: classified drafts keyed by brand. Out: a
 * {@link DraftVerdict} keyed by draft id. Reads the brand's windows and never changes them. Drafts
 * with a {@link Drafts#PLAN_HEADER} header are judged as a content calendar: each after the earlier
 * drafts of its plan, at its planned time (kept in a small plan store, forgotten after an hour).
 */
final class DraftProcessor implements Processor<String, Intake, String, DraftVerdict> {
    static final Duration PLAN_TTL = Duration.ofHours(1);

    /** The drafts of one plan judged so far. */
    static final class Plan {
        public long created;
        public List<BrandWindows.Planned> posts = new ArrayList<>();

        static Plan read(byte[] raw) {
            try {
                return Json.MAPPER.readValue(raw, Plan.class);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("corrupt plan state", e);
            }
        }
    }

    private final AnalyzerMetrics metrics;
    private ProcessorContext<String, DraftVerdict> context;
    private BrandWindows windows;
    private KeyValueStore<String, byte[]> plans;

    DraftProcessor(AnalyzerMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, DraftVerdict> context) {
        this.context = context;
        KeyValueStore<Bytes, byte[]> store = context.getStateStore(AnalyzerTopology.MIX_STORE);
        this.windows = new BrandWindows(store);
        this.plans = context.getStateStore(AnalyzerTopology.PLAN_STORE);
        context.schedule(Duration.ofMinutes(5), PunctuationType.WALL_CLOCK_TIME, this::forgetOldPlans);
    }

    private void forgetOldPlans(long now) {
        List<String> old = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> it = plans.all()) {
            while (it.hasNext()) {
                KeyValue<String, byte[]> kv = it.next();
                if (Plan.read(kv.value).created < now - PLAN_TTL.toMillis()) {
                    old.add(kv.key);
                }
            }
        }
        old.forEach(plans::delete);
    }

    @Override
    public void process(Record<String, Intake> record) {
        if (!(record.value() instanceof Intake.Classified draft)) {
            return;
        }
        Classification c = draft.classification();
        String brand = c.brand();
        BrandPolicy policy = draft.policy();
        Header planHeader = record.headers().lastHeader(Drafts.PLAN_HEADER);
        BrandWindows.Projection p;
        if (planHeader == null || planHeader.value() == null) {
            p = windows.project(brand, policy, c.label());
        } else {
            String key = brand + "\u0000" + new String(planHeader.value(), StandardCharsets.UTF_8);
            byte[] raw = plans.get(key);
            Plan plan = raw == null ? new Plan() : Plan.read(raw);
            if (raw == null) {
                plan.created = System.currentTimeMillis();
            }
            long at = c.publishedAt().toEpochMilli();
            p = windows.projectPlanned(brand, policy, plan.posts, at, c.label());
            if (plan.posts.size() < Drafts.MAX_PLAN_POSTS) {
                plan.posts.add(new BrandWindows.Planned(c.postId(), at, c.label()));
            }
            plans.put(key, Json.write(plan));
        }
        Advice.Verdict v = Advice.of(brand, c.label(), c.goalCheck(), c.goals(), policy, p);
        metrics.draftChecked(v.decision());
        context.forward(record.withKey(c.postId()).withValue(new DraftVerdict(c.postId(), brand, c.label(),
                c.confidence(), c.signals(), c.goalCheck(), p.currentShare(), p.projectedShare(),
                policy.maxSalesShare(), v.decision(), v.advice(), Instant.now())));
    }
}
