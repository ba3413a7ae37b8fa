package dev.contentmix.analyzer;

import dev.contentmix.analyzer.mix.BrandWindows;
import dev.contentmix.events.AlertType;
import dev.contentmix.events.BrandMix;
import dev.contentmix.events.Label;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The analyzer's own meters. Names are lowercase and dotted; every tag has a small, fixed set of
 * values (reason categories, labels, languages), never free text or brand names.
 */
public final class AnalyzerMetrics {
    private final MeterRegistry registry;
    /** Per label (by ordinal), per language: looked up for every post, so without building a key. */
    @SuppressWarnings("unchecked")
    private final Map<String, Counter>[] classified = new Map[Label.values().length];
    private final Map<String, Counter> deadLetters = new ConcurrentHashMap<>();
    private final Map<String, Counter> mixUpdates = new ConcurrentHashMap<>();
    private final Map<String, Counter> alerts = new ConcurrentHashMap<>();
    private final Map<String, Counter> drafts = new ConcurrentHashMap<>();
    private volatile java.util.function.Consumer<BrandMix> brandGauges;
    private final Counter deletions;
    private final Timer classificationTime;
    private final Timer endToEndLag;

    public AnalyzerMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (int i = 0; i < classified.length; i++) {
            classified[i] = new ConcurrentHashMap<>();
        }
        this.deletions = Counter.builder("contentmix.posts.deleted")
                .description("Posts marked deleted, removed from their brand's windows")
                .register(registry);
        this.classificationTime = Timer.builder("contentmix.classification.time")
                .description("Time to normalise, featurise and classify one post")
                .publishPercentiles(0.5, 0.99)
                .register(registry);
        this.endToEndLag = Timer.builder("contentmix.classification.lag")
                .description("Time from a post's record timestamp to its classification")
                .publishPercentiles(0.5, 0.99)
                .register(registry);
    }

    public MeterRegistry registry() {
        return registry;
    }

    public void classified(Label label, String language, Duration took, long recordTimestampMs) {
        String lang = language == null || language.length() > 3 ? "other" : language;
        classified[label.ordinal()].computeIfAbsent(lang, k -> Counter.builder("contentmix.posts.classified")
                .description("Posts classified, by label and detected language")
                .tag("label", label.name().toLowerCase(Locale.ROOT))
                .tag("language", lang)
                .register(registry)).increment();
        classificationTime.record(took);
        long lag = System.currentTimeMillis() - recordTimestampMs;
        if (lag >= 0) {
            endToEndLag.record(Duration.ofMillis(lag));
        }
    }

    /** Counts what a mix update did; LATE posts are older than their brand's window and counted nowhere. */
    public void mixUpdate(BrandWindows.Outcome outcome) {
        String o = outcome.name().toLowerCase(Locale.ROOT);
        mixUpdates.computeIfAbsent(o, k -> Counter.builder("contentmix.mix.updates")
                .description("Posts applied to brand windows, by outcome (late: older than the window, counted nowhere)")
                .tag("outcome", o)
                .register(registry)).increment();
    }

    public void alert(AlertType type) {
        String t = type.name().toLowerCase(Locale.ROOT);
        alerts.computeIfAbsent(t, k -> Counter.builder("contentmix.alerts.fired")
                .description("Alerts fired, by type")
                .tag("type", t)
                .register(registry)).increment();
    }

    /** Hook for per-brand gauges; a bounded set of brands is exported (see the metrics settings). */
    public void brandMix(BrandMix mix) {
        if (brandGauges != null) {
            brandGauges.accept(mix);
        }
    }

    /** Sets the receiver of per-brand snapshots for gauges. */
    public void onBrandMix(java.util.function.Consumer<BrandMix> gauges) {
        this.brandGauges = gauges;
    }

    public void draftChecked(dev.contentmix.events.Decision decision) {
        String d = decision.name().toLowerCase(Locale.ROOT);
        drafts.computeIfAbsent(d, k -> Counter.builder("contentmix.drafts.checked")
                .description("Drafts judged, by decision")
                .tag("decision", d)
                .register(registry)).increment();
    }

    public void deleted() {
        deletions.increment();
    }

    public void deadLetter(String reason) {
        String category = reasonCategory(reason);
        deadLetters.computeIfAbsent(category, k -> Counter.builder("contentmix.dead.letters")
                .description("Records sent to the dead-letter topic, by reason")
                .tag("reason", category)
                .register(registry)).increment();
    }

    /** Maps a readable reason to one of a few fixed categories, for a bounded metric tag. */
    static String reasonCategory(String reason) {
        String r = reason == null ? "" : reason;
        if (r.startsWith("not valid JSON") || r.startsWith("not a JSON object") || r.startsWith("empty record")) {
            return "unparseable";
        }
        if (r.startsWith("missing required field")) {
            return "missing_field";
        }
        if (r.contains("is blank")) {
            return "blank_field";
        }
        if (r.contains("over the limit")) {
            return "over_limit";
        }
        if (r.startsWith("record key")) {
            return "bad_key";
        }
        if (r.startsWith("classifier failed")) {
            return "classifier_error";
        }
        return "invalid_field";
    }
}
