package dev.contentmix.analyzer.classify;

import dev.contentmix.events.Label;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Figures for a set of scored posts: accuracy, precision/recall/F1 per class, macro-F1, the
 * confusion matrix, expected calibration error, and the same figures per difficulty and per
 * language when the posts say so.
 */
public final class Evaluation {

    /** Precision, recall and F1 of one class. */
    public record ClassFigures(double precision, double recall, double f1, int support) {
    }

    private final List<Scored> scored;
    private final long[][] confusion = new long[2][2];

    private Evaluation(List<Scored> scored) {
        this.scored = List.copyOf(scored);
        for (Scored s : scored) {
            confusion[s.post().label().ordinal()][s.predicted().ordinal()]++;
        }
    }

    public static Evaluation of(List<Scored> scored) {
        return new Evaluation(scored);
    }

    public int total() {
        return scored.size();
    }

    public List<Scored> scored() {
        return scored;
    }

    public List<Scored> errors() {
        return scored.stream().filter(s -> !s.correct()).toList();
    }

    /** {@code confusion()[actual.ordinal()][predicted.ordinal()]}. */
    public long[][] confusion() {
        return new long[][]{confusion[0].clone(), confusion[1].clone()};
    }

    public double accuracy() {
        return total() == 0 ? 0 : (double) (confusion[0][0] + confusion[1][1]) / total();
    }

    public ClassFigures figures(Label label) {
        int k = label.ordinal();
        long tp = confusion[k][k];
        long predicted = confusion[0][k] + confusion[1][k];
        long actual = confusion[k][0] + confusion[k][1];
        double precision = predicted == 0 ? 0 : (double) tp / predicted;
        double recall = actual == 0 ? 0 : (double) tp / actual;
        double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        return new ClassFigures(precision, recall, f1, (int) actual);
    }

    /** Mean F1 of the classes present (a class with no posts and no predictions is left out). */
    public double macroF1() {
        double sum = 0;
        int n = 0;
        for (Label l : Label.values()) {
            int k = l.ordinal();
            if (confusion[k][0] + confusion[k][1] + confusion[0][k] + confusion[1][k] > 0) {
                sum += figures(l).f1();
                n++;
            }
        }
        return n == 0 ? 0 : sum / n;
    }

    /**
     * Expected calibration error over 10 equal-width bins of confidence (0.5..1 for the predicted
     * label): the weighted mean gap between confidence and accuracy within each bin.
     */
    public double expectedCalibrationError() {
        int bins = 10;
        double[] conf = new double[bins];
        double[] correct = new double[bins];
        int[] count = new int[bins];
        for (Scored s : scored) {
            double c = s.confidence();
            int b = Math.min(bins - 1, (int) (c * bins));
            conf[b] += c;
            correct[b] += s.correct() ? 1 : 0;
            count[b]++;
        }
        double ece = 0;
        for (int b = 0; b < bins; b++) {
            if (count[b] > 0) {
                ece += Math.abs(conf[b] - correct[b]) / total();
            }
        }
        return ece;
    }

    /** Figures per difficulty ({@code easy}, {@code hard}, ...); empty when no post has one. */
    public Map<String, Evaluation> byDifficulty() {
        return groups(s -> s.post().difficulty());
    }

    /** Figures per language; empty when no post has one. */
    public Map<String, Evaluation> byLanguage() {
        return groups(s -> s.post().lang());
    }

    private Map<String, Evaluation> groups(Function<Scored, String> key) {
        Map<String, List<Scored>> groups = new TreeMap<>();
        for (Scored s : scored) {
            String k = key.apply(s);
            if (k != null) {
                groups.computeIfAbsent(k, x -> new ArrayList<>()).add(s);
            }
        }
        Map<String, Evaluation> out = new LinkedHashMap<>();
        groups.forEach((k, v) -> out.put(k, new Evaluation(v)));
        return out;
    }
}
