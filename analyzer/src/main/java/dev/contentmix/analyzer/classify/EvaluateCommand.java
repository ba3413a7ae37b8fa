package dev.contentmix.analyzer.classify;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.contentmix.events.Json;
import dev.contentmix.events.Label;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code evaluate FILE}: scores a labelled JSONL file (or a directory of them) with the shipped
 * model, another model file, or k-fold cross-validation on the file itself, and prints per-class
 * precision/recall/F1, macro-F1, accuracy, the confusion matrix, calibration error, breakdowns by
 * difficulty and language when the posts give them, and the misclassified posts with their signals.
 * Unusable lines are reported one per line on stderr with their line number and skipped.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Measure the classifier on a labelled JSONL file (fields text and label; difficulty and lang give breakdowns).")
public final class EvaluateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "JSONL file (or directory of .jsonl files) with text and label.")
    Path file;

    @Option(names = "--model", paramLabel = "MODEL", description = "Model file to evaluate (default: the shipped model).")
    Path model;

    @Option(names = "--folds", paramLabel = "K",
            description = "Instead of a model, run K-fold cross-validation on FILE (trains K models).")
    Integer folds;

    @Option(names = "--algorithm", paramLabel = "SPEC", description = "Algorithm for --folds, NAME[:iterations[:cutoff[:l2]]].")
    String algorithm;

    @Option(names = "--json", description = "Print one JSON object instead of text.")
    boolean json;

    @Option(names = "--max-errors", defaultValue = "50", paramLabel = "N",
            description = "Misclassified posts to list (default: ${DEFAULT-VALUE}; all with --json).")
    int maxErrors;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (folds != null && folds < 2) {
            err.println("evaluate: --folds must be at least 2");
            return 2;
        }
        if (folds != null && model != null) {
            err.println("evaluate: use either --model or --folds, not both");
            return 2;
        }
        Algorithm alg;
        try {
            alg = algorithm == null ? ModelBuilder.DEFAULT_ALGORITHM : Algorithm.parse(algorithm);
        } catch (IllegalArgumentException e) {
            err.println("evaluate: " + e.getMessage());
            return 2;
        }
        Corpus corpus;
        try {
            corpus = Corpus.load(file);
        } catch (NoSuchFileException e) {
            err.println("evaluate: no such file: " + file);
            return 2;
        } catch (IOException e) {
            err.println("evaluate: cannot read " + file + ": " + e.getMessage());
            return 2;
        }
        corpus.problems().forEach(p -> err.println("skipped " + p));
        if (corpus.size() == 0) {
            err.println("evaluate: no usable labelled posts in " + file);
            return 2;
        }
        List<Scored> scored = new ArrayList<>(corpus.size());
        List<List<String>> signals = new ArrayList<>(corpus.size());
        String source;
        if (folds != null) {
            try {
                for (CrossValidation.Outcome o : CrossValidation.run(corpus.all(), alg, folds)) {
                    scored.add(o.scored());
                    signals.add(o.signals());
                }
            } catch (IllegalArgumentException e) {
                err.println("evaluate: " + e.getMessage());
                return 2;
            }
            source = folds + "-fold cross-validation, " + alg;
        } else {
            OpenNlpClassifier classifier;
            try {
                classifier = model == null ? Classifiers.loadShipped() : Classifiers.load(model);
            } catch (NoSuchFileException e) {
                err.println("evaluate: no such model file: " + model);
                return 2;
            } catch (IOException | RuntimeException e) {
                err.println("evaluate: cannot load model " + (model == null ? "(shipped)" : model) + ": " + e.getMessage());
                return model == null ? 1 : 2;
            }
            for (LabeledPost p : corpus.all()) {
                Scored s = new Scored(p, classifier.salesProbability(p.text()));
                scored.add(s);
                signals.add(s.correct() ? List.of() : classifier.explain(p.text(), s.predicted()));
            }
            source = "model " + classifier.modelVersion();
        }
        Evaluation e = Evaluation.of(scored);
        if (json) {
            out.println(Json.writeString(toJson(e, signals, source)));
        } else {
            out.println("evaluated with " + source);
            Report.full(out, e);
            printErrors(out, scored, signals);
        }
        out.flush();
        return 0;
    }

    private void printErrors(PrintWriter out, List<Scored> scored, List<List<String>> signals) {
        long errors = scored.stream().filter(s -> !s.correct()).count();
        out.printf(Locale.ROOT, "misclassified: %d%s%n", errors, errors > maxErrors ? " (first " + maxErrors + ")" : "");
        int shown = 0;
        for (int i = 0; i < scored.size() && shown < maxErrors; i++) {
            Scored s = scored.get(i);
            if (s.correct()) {
                continue;
            }
            shown++;
            LabeledPost p = s.post();
            out.printf(Locale.ROOT, "  %s: labelled %s, predicted %s (%.2f)%s; signals: %s%n    %s%n", p.id(),
                    name(p.label()), name(s.predicted()), s.confidence(),
                    p.difficulty() == null ? "" : ", " + p.difficulty(),
                    signals.get(i).isEmpty() ? "-" : String.join(", ", signals.get(i)), preview(p.text()));
        }
    }

    private static ObjectNode toJson(Evaluation e, List<List<String>> signals, String source) {
        ObjectNode root = figures(e);
        root.put("source", source);
        ObjectNode perClass = root.putObject("perClass");
        for (Label l : Label.values()) {
            Evaluation.ClassFigures f = e.figures(l);
            ObjectNode c = perClass.putObject(name(l));
            c.put("precision", round(f.precision()));
            c.put("recall", round(f.recall()));
            c.put("f1", round(f.f1()));
            c.put("support", f.support());
        }
        long[][] m = e.confusion();
        ObjectNode confusion = root.putObject("confusion");
        for (Label actual : Label.values()) {
            ObjectNode row = confusion.putObject(name(actual));
            for (Label predicted : Label.values()) {
                row.put(name(predicted), m[actual.ordinal()][predicted.ordinal()]);
            }
        }
        putGroups(root, "byDifficulty", e.byDifficulty());
        putGroups(root, "byLang", e.byLanguage());
        ArrayNode errors = root.putArray("misclassified");
        List<Scored> scored = e.scored();
        for (int i = 0; i < scored.size(); i++) {
            Scored s = scored.get(i);
            if (!s.correct()) {
                ObjectNode x = errors.addObject();
                x.put("id", s.post().id());
                x.put("label", name(s.post().label()));
                x.put("predicted", name(s.predicted()));
                x.put("confidence", round(s.confidence()));
                if (s.post().difficulty() != null) {
                    x.put("difficulty", s.post().difficulty());
                }
                if (s.post().lang() != null) {
                    x.put("lang", s.post().lang());
                }
                x.putPOJO("signals", signals.get(i));
                x.put("text", s.post().text());
            }
        }
        return root;
    }

    private static ObjectNode figures(Evaluation e) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("total", e.total());
        node.put("accuracy", round(e.accuracy()));
        node.put("macroF1", round(e.macroF1()));
        node.put("ece", round(e.expectedCalibrationError()));
        return node;
    }

    private static void putGroups(ObjectNode root, String field, Map<String, Evaluation> groups) {
        if (groups.isEmpty()) {
            return;
        }
        ObjectNode node = root.putObject(field);
        groups.forEach((k, v) -> node.set(k, figures(v)));
    }

    private static double round(double x) {
        return Math.round(x * 10000) / 10000.0;
    }

    static String name(Label l) {
        return l.name().toLowerCase(Locale.ROOT);
    }

    static String preview(String text) {
        String flat = text.replace('\n', ' ').strip();
        return flat.length() <= 160 ? flat : flat.substring(0, 157) + "...";
    }
}
