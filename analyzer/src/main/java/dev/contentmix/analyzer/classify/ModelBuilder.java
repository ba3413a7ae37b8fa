package dev.contentmix.analyzer.classify;

import dev.contentmix.events.Label;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import opennlp.tools.doccat.DoccatModel;

/**
 * The whole recipe from corpus to shipped model, in one place so that {@code train} and the
 * reproducibility test run the same steps: k-fold cross-validation on the training part gives
 * out-of-fold probabilities; Platt calibration is fitted on them; the final model is trained on
 * the whole training part with that calibration in its manifest; the held-out part is scored last.
 */
public final class ModelBuilder {

    /** The algorithm chosen by cross-validation (see docs/classifier.md). */
    public static final Algorithm DEFAULT_ALGORITHM = new Algorithm("QN", 100, 2, 0.5);
    public static final int DEFAULT_FOLDS = 5;

    /** What a build produced. */
    public record Result(byte[] modelBytes, OpenNlpClassifier classifier, Calibration calibration,
                         Evaluation crossValidation, Evaluation heldOut) {
    }

    private ModelBuilder() {
    }

    /**
     * Builds the model from the corpus's training part and scores its held-out part.
     *
     * @throws IllegalArgumentException when a fold or the training part has too little data
     */
    public static Result build(Corpus corpus, Algorithm algorithm, int folds) {
        List<LabeledPost> training = corpus.training();
        List<CrossValidation.Outcome> outOfFold = CrossValidation.run(training, algorithm, folds);
        List<Calibration.Point> points = new ArrayList<>(outOfFold.size());
        for (CrossValidation.Outcome o : outOfFold) {
            points.add(new Calibration.Point(o.raw(), o.scored().post().label() == Label.SALES));
        }
        // the shipped calibration uses every out-of-fold score; the CV figures use cross-fitted ones
        Calibration calibration = Calibration.fit(points);
        DoccatModel model = Trainer.train(training, algorithm, calibration);
        byte[] bytes = Trainer.bytes(model);
        OpenNlpClassifier classifier = new OpenNlpClassifier(model, OpenNlpClassifier.versionOf(bytes), null);
        Evaluation heldOut = score(classifier, corpus.heldOut());
        Evaluation cv = Evaluation.of(outOfFold.stream().map(CrossValidation.Outcome::scored).toList());
        return new Result(bytes, classifier, calibration, cv, heldOut);
    }

    /** Scores posts with a classifier's calibrated probability. */
    public static Evaluation score(OpenNlpClassifier classifier, List<LabeledPost> posts) {
        List<Scored> scored = new ArrayList<>(posts.size());
        for (LabeledPost p : posts) {
            scored.add(new Scored(p, classifier.salesProbability(p.text())));
        }
        return Evaluation.of(scored);
    }

    /** Fold of a post, from its id: deterministic, independent of file order. */
    static int fold(String id, int folds) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
            // byte 0 decides the held-out split; bytes 1-2 spread the rest over the folds
            return (((h[1] & 0xFF) << 8) | (h[2] & 0xFF)) % folds;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
