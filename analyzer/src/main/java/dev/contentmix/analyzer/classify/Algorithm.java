package dev.contentmix.analyzer.classify;

import java.util.Locale;
import opennlp.tools.ml.maxent.GISTrainer;
import opennlp.tools.ml.maxent.quasinewton.QNTrainer;
import opennlp.tools.ml.naivebayes.NaiveBayesTrainer;
import opennlp.tools.ml.perceptron.PerceptronTrainer;
import opennlp.tools.util.TrainingParameters;

/**
 * A training algorithm of OpenNLP with the parameters this project tunes, always single-threaded
 * so that training is deterministic.
 *
 * @param name       GIS, QN (L-BFGS), PERCEPTRON or NB
 * @param iterations training iterations (ignored by NB)
 * @param cutoff     features seen fewer times than this are dropped
 * @param l2         L2 cost for QN, 0 otherwise
 */
public record Algorithm(String name, int iterations, int cutoff, double l2) {

    public Algorithm {
        name = name.toUpperCase(Locale.ROOT);
        if (!name.equals("GIS") && !name.equals("QN") && !name.equals("PERCEPTRON") && !name.equals("NB")) {
            throw new IllegalArgumentException("algorithm must be GIS, QN, PERCEPTRON or NB, got " + name);
        }
        if (iterations < 1 || cutoff < 0 || l2 < 0) {
            throw new IllegalArgumentException("iterations >= 1, cutoff >= 0, l2 >= 0");
        }
    }

    /** Parses {@code NAME[:iterations[:cutoff[:l2]]]}, e.g. {@code QN:300:1:0.5}. */
    public static Algorithm parse(String spec) {
        String[] p = spec.split(":");
        try {
            return new Algorithm(p[0], p.length > 1 ? Integer.parseInt(p[1]) : 100,
                    p.length > 2 ? Integer.parseInt(p[2]) : 1, p.length > 3 ? Double.parseDouble(p[3]) : 0);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("algorithm spec is NAME[:iterations[:cutoff[:l2]]], got " + spec);
        }
    }

    TrainingParameters parameters() {
        TrainingParameters p = new TrainingParameters();
        p.put(TrainingParameters.ALGORITHM_PARAM, switch (name) {
            case "GIS" -> GISTrainer.MAXENT_VALUE;
            case "QN" -> QNTrainer.MAXENT_QN_VALUE;
            case "PERCEPTRON" -> PerceptronTrainer.PERCEPTRON_VALUE;
            default -> NaiveBayesTrainer.NAIVE_BAYES_VALUE;
        });
        p.put(TrainingParameters.ITERATIONS_PARAM, iterations);
        p.put(TrainingParameters.CUTOFF_PARAM, cutoff);
        p.put(TrainingParameters.THREADS_PARAM, 1);
        p.put("PrintMessages", false);
        if (name.equals("QN")) {
            p.put("L2Cost", l2);
            p.put("L1Cost", 0.0);
        }
        return p;
    }

    @Override
    public String toString() {
        return name + ":" + iterations + ":" + cutoff + (name.equals("QN") ? ":" + l2 : "");
    }
}
