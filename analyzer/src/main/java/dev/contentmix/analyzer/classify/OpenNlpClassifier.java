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
 * <p>It computes the features once and evaluates the maxent model directly, which is exactly what
 * {@code DocumentCategorizerME.categorize} does, so that the signals can reuse the same features.
 */
public final class OpenNlpClassifier implements PostClassifier {

    static {
        // model files name their feature generators by class; OpenNLP only instantiates allowed packages
        ExtensionLoader.registerAllowedPackage(Trainer.class.getPackageName());
    }

    private final DoccatModel model;
    private final MaxentModel maxent;
    private final FeatureGenerator[] generators;
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
        String[] features = features(normalized.tokens());
        double sales = calibration.apply(maxent.eval(features)[salesIndex]);
        Label label = sales >= 0.5 ? Label.SALES : Label.VALUE;
        int chosen = label == Label.SALES ? salesIndex : valueIndex;
        int other = label == Label.SALES ? valueIndex : salesIndex;
        List<String> why = signals.top(features, normalized, chosen, other);
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
        int chosen = label == Label.SALES ? salesIndex : valueIndex;
        int other = label == Label.SALES ? valueIndex : salesIndex;
        return signals.top(features(normalized.tokens()), normalized, chosen, other);
    }

    /** The model's own, uncalibrated probability of sales. */
    double rawSalesProbability(String text) {
        return maxent.eval(features(TextNormalizer.tokens(text)))[salesIndex];
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
