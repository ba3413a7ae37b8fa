package dev.contentmix.analyzer.classify;

import dev.contentmix.events.Label;
import java.util.ArrayList;
import java.util.List;
import opennlp.tools.doccat.DoccatModel;

/**
 * K-fold cross-validation with honest confidences: every post is scored by a model that never saw
 * it, and its calibration is fitted on the out-of-fold scores of the <em>other</em> folds only.
 * Folds come from the post id ({@link ModelBuilder#fold}), so they do not depend on file order.
 */
public final class CrossValidation {

    /**
     * One out-of-fold result.
     *
     * @param scored  the post with its cross-fitted calibrated probability of sales
     * @param raw     the fold model's uncalibrated probability of sales
     * @param signals the fold model's signals for its decision, only for misclassified posts
     */
    public record Outcome(Scored scored, double raw, List<String> signals) {
    }

    private CrossValidation() {
    }

    public static List<Outcome> run(List<LabeledPost> posts, Algorithm algorithm, int folds) {
        if (folds < 2) {
            throw new IllegalArgumentException("folds must be at least 2, got " + folds);
        }
        List<List<LabeledPost>> tests = new ArrayList<>();
        List<OpenNlpClassifier> models = new ArrayList<>();
        List<List<Double>> raws = new ArrayList<>();
        for (int f = 0; f < folds; f++) {
            List<LabeledPost> train = new ArrayList<>();
            List<LabeledPost> test = new ArrayList<>();
            for (LabeledPost p : posts) {
                (ModelBuilder.fold(p.id(), folds) == f ? test : train).add(p);
            }
            tests.add(test);
            if (test.isEmpty()) {
                models.add(null);
                raws.add(List.of());
                continue;
            }
            DoccatModel model = Trainer.train(train, algorithm, Calibration.IDENTITY);
            OpenNlpClassifier c = new OpenNlpClassifier(model, "cv-fold-" + f, null);
            models.add(c);
            List<Double> raw = new ArrayList<>(test.size());
            for (LabeledPost p : test) {
                raw.add(c.rawSalesProbability(p.text()));
            }
            raws.add(raw);
        }
        List<Outcome> out = new ArrayList<>(posts.size());
        for (int f = 0; f < folds; f++) {
            List<Calibration.Point> others = new ArrayList<>();
            for (int g = 0; g < folds; g++) {
                if (g != f) {
                    for (int k = 0; k < tests.get(g).size(); k++) {
                        others.add(new Calibration.Point(raws.get(g).get(k), tests.get(g).get(k).label() == Label.SALES));
                    }
                }
            }
            Calibration calibration = Calibration.fit(others);
            for (int k = 0; k < tests.get(f).size(); k++) {
                LabeledPost p = tests.get(f).get(k);
                Scored s = new Scored(p, calibration.apply(raws.get(f).get(k)));
                List<String> signals = s.correct() ? List.of() : models.get(f).explain(p.text(), s.predicted());
                out.add(new Outcome(s, raws.get(f).get(k), signals));
            }
        }
        return out;
    }
}
