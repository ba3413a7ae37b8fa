package dev.contentmix.analyzer.classify;

import dev.contentmix.events.Label;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import opennlp.tools.doccat.DoccatFactory;
import opennlp.tools.doccat.DoccatModel;
import opennlp.tools.util.ext.ExtensionLoader;
import opennlp.tools.doccat.DocumentCategorizerME;
import opennlp.tools.doccat.DocumentSample;
import opennlp.tools.doccat.FeatureGenerator;
import opennlp.tools.util.ObjectStreamUtils;

/**
 * Trains the OpenNLP document categorizer on labelled posts with this project's normalisation and
 * feature generators, and writes the model file reproducibly (see {@link ModelFiles}).
 */
public final class Trainer {

    static {
        // model files name their feature generators by class; OpenNLP only instantiates allowed packages
        ExtensionLoader.registerAllowedPackage(Trainer.class.getPackageName());
    }

    /** Fewer posts of a label than this and a model would only memorise; training refuses. */
    public static final int MIN_PER_LABEL = 5;

    static final String CALIBRATION_A = "contentmix.calibration.a";
    static final String CALIBRATION_B = "contentmix.calibration.b";
    static final String ALGORITHM = "contentmix.algorithm";
    static final String POSTS = "contentmix.posts";

    private Trainer() {
    }

    /** The feature generators of the shipped pipeline, in the order the model was trained with. */
    public static FeatureGenerator[] featureGenerators() {
        return new FeatureGenerator[]{
            new WordFeatureGenerator(), new BigramFeatureGenerator(), new CueFeatureGenerator(), new ShapeFeatureGenerator(),
            new TailFeatureGenerator()
        };
    }

    /** Outcome name of a label inside the model. */
    static String outcome(Label label) {
        return label.name().toLowerCase(Locale.ROOT);
    }

    /**
     * Trains a model with the given calibration stored in its manifest.
     *
     * @throws IllegalArgumentException when either label has fewer than {@link #MIN_PER_LABEL} posts
     */
    public static DoccatModel train(List<LabeledPost> posts, Algorithm algorithm, Calibration calibration) {
        return train(posts, algorithm, calibration, featureGenerators());
    }

    static DoccatModel train(List<LabeledPost> posts, Algorithm algorithm, Calibration calibration,
                             FeatureGenerator[] generators) {
        long sales = posts.stream().filter(p -> p.label() == Label.SALES).count();
        long value = posts.size() - sales;
        if (sales < MIN_PER_LABEL || value < MIN_PER_LABEL) {
            throw new IllegalArgumentException("too little data to train: need at least " + MIN_PER_LABEL
                    + " sales and " + MIN_PER_LABEL + " value posts, got " + sales + " sales and " + value + " value");
        }
        List<DocumentSample> samples = new ArrayList<>(posts.size());
        for (LabeledPost p : posts) {
            samples.add(new DocumentSample(outcome(p.label()), TextNormalizer.tokens(p.text())));
        }
        try {
            DoccatFactory factory = new DoccatFactory(generators);
            DoccatModel trained = DocumentCategorizerME.train("mul", ObjectStreamUtils.createObjectStream(samples),
                    algorithm.parameters(), factory);
            Map<String, String> manifest = new HashMap<>();
            manifest.put(CALIBRATION_A, Double.toString(calibration.a()));
            manifest.put(CALIBRATION_B, Double.toString(calibration.b()));
            manifest.put(ALGORITHM, algorithm.toString());
            manifest.put(POSTS, Integer.toString(posts.size()));
            return new DoccatModel("mul", trained.getMaxentModel(), manifest, new DoccatFactory(generators));
        } catch (IOException e) {
            throw new UncheckedIOException("training works in memory; this cannot happen", e);
        }
    }

    /** The model file's bytes, identical for identical models. */
    public static byte[] bytes(DoccatModel model) {
        try {
            return ModelFiles.canonicalBytes(model);
        } catch (IOException e) {
            throw new UncheckedIOException("serialising works in memory; this cannot happen", e);
        }
    }

    /** Reads a model file's bytes. */
    public static DoccatModel read(byte[] bytes) throws IOException {
        return new DoccatModel(new ByteArrayInputStream(bytes));
    }

    static Calibration calibrationOf(DoccatModel model) {
        String a = model.getManifestProperty(CALIBRATION_A);
        String b = model.getManifestProperty(CALIBRATION_B);
        if (a == null || b == null) {
            return Calibration.IDENTITY;
        }
        return new Calibration(Double.parseDouble(a), Double.parseDouble(b));
    }
}
