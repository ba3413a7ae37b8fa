package dev.contentmix.analyzer.classify;

import dev.contentmix.events.Label;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import opennlp.tools.doccat.DoccatModel;
import opennlp.tools.util.ext.ExtensionLoader;
import opennlp.tools.doccat.FeatureGenerator;
import opennlp.tools.ml.model.MaxentModel;

/**
 * The {@link PostClassifier} of contentmix: {@link TextNormalizer}, the model's feature generators,
 * an OpenNLP maximum-entropy model, Platt calibration, signals from the model's weights, and
 * language detection for the {@code language} field. Immutable and thread-safe: the model, the
 * generators and the detector keep no per-call state.
 *
 * <p>The model runs {@link CompiledModel compiled}: the same parameters and the same features, bit
 * for bit the probability {@code DocumentCategorizerME.categorize} gives, without building a string
 * per feature; the signals read the same look-up. A model that does not compile (another algorithm
 * or other generators) runs through OpenNLP: features computed once, the maxent model evaluated
 * directly, exactly what {@code DocumentCategorizerME.categorize} does, and the signals reuse them.
 */
public final class OpenNlpClassifier implements PostClassifier {

    static {
        // model files name their feature generators by class; OpenNLP only instantiates allowed packages
        ExtensionLoader.registerAllowedPackage(Trainer.class.getPackageName());
    }

    private final DoccatModel model;
    private final MaxentModel maxent;
    private final FeatureGenerator[] generators;
    /** The model compiled, or null when it does not compile (then OpenNLP evaluates it). */
    private final CompiledModel compiled;
    private final Calibration calibration;
    private final Signals signals;
    private final LanguageGuesser languages;
    private final int salesIndex;
    private final int valueIndex;
    private final String version;

    OpenNlpClassifier(DoccatModel model, String version, LanguageGuesser languages) {
        this.model = model;
        this.maxent = model.getMaxentModel();
        this.generators = model.getFactory().getFeatureGenerators();
        this.compiled = CompiledModel.of(model);
        this.calibration = Trainer.calibrationOf(model);
        this.signals = new Signals(maxent);
        this.languages = languages;
        this.salesIndex = maxent.getIndex(Trainer.outcome(Label.SALES));
        this.valueIndex = maxent.getIndex(Trainer.outcome(Label.VALUE));
        if (salesIndex < 0 || valueIndex < 0) {
            throw new IllegalArgumentException("not a contentmix model: outcomes must be sales and value");
        }
        this.version = version;
    }

    @Override
    public Prediction classify(String text) {
        TextNormalizer.Normalized normalized = TextNormalizer.normalize(text);
        CompiledModel.Hits hits = null;
        String[] features = null;
        double raw;
        if (compiled != null) {
            hits = compiled.hits(normalized.tokens());
            raw = compiled.rawSalesProbability(hits);
        } else {
            features = features(normalized.tokens());
            raw = maxent.eval(features)[salesIndex];
        }
        double sales = calibration.apply(raw);
        Label label = sales >= 0.5 ? Label.SALES : Label.VALUE;
        List<String> why = hits != null ? Signals.top(compiled, hits, normalized, label == Label.SALES)
                : signals.top(features, normalized, index(label), index(other(label)));
        String language = languages == null ? "en" : languages.guess(text);
        return new Prediction(label, Math.max(sales, 1 - sales), why, language);
    }

    /** Calibrated probability that the text is sales; no signals, no language (evaluation, calibration). */
    public double salesProbability(String text) {
        return calibration.apply(rawSalesProbability(text));
    }

    /** Signals for a given decision (the chosen label against the other). */
    List<String> explain(String text, Label label) {
        TextNormalizer.Normalized normalized = TextNormalizer.normalize(text);
        if (compiled != null) {
            return Signals.top(compiled, compiled.hits(normalized.tokens()), normalized, label == Label.SALES);
        }
        return signals.top(features(normalized.tokens()), normalized, index(label), index(other(label)));
    }

    /** The model's own, uncalibrated probability of sales. */
    double rawSalesProbability(String text) {
        String[] tokens = TextNormalizer.tokens(text);
        return compiled != null ? compiled.rawSalesProbability(tokens) : maxent.eval(features(tokens))[salesIndex];
    }

    /** Whether the model runs compiled (tests). */
    boolean isCompiled() {
        return compiled != null;
    }

    private int index(Label label) {
        return label == Label.SALES ? salesIndex : valueIndex;
    }

    private static Label other(Label label) {
        return label == Label.SALES ? Label.VALUE : Label.SALES;
    }

    private String[] features(String[] tokens) {
        Map<String, Object> none = Map.of();
        List<String> all = new ArrayList<>(tokens.length * 3);
        for (FeatureGenerator g : generators) {
            all.addAll(g.extractFeatures(tokens, none));
        }
        return all.toArray(new String[0]);
    }

    @Override
    public String modelVersion() {
        return version;
    }

    Calibration calibration() {
        return calibration;
    }

    DoccatModel model() {
        return model;
    }

    /** Version string of a model file: a prefix of its SHA-256, so equal files have equal versions. */
    static String versionOf(byte[] modelBytes) {
        return "contentmix-" + sha256(modelBytes).substring(0, 12);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
