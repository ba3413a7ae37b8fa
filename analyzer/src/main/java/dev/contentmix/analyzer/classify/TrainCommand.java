package dev.contentmix.analyzer.classify;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code train}: builds the model from a corpus directory (or file) with {@link ModelBuilder},
 * writes it, and prints cross-validation and held-out figures. Same corpus, same bytes.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train the sales/value model from a labelled JSONL corpus and print held-out figures.")
public final class TrainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--corpus", paramLabel = "DIR", defaultValue = "corpus",
            description = "Corpus directory or .jsonl file (default: ${DEFAULT-VALUE}).")
    Path corpus;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", defaultValue = Classifiers.DEFAULT_MODEL_SOURCE,
            description = "Model file to write (default: ${DEFAULT-VALUE}, the shipped model).")
    Path output;

    @Option(names = "--algorithm", paramLabel = "SPEC",
            description = "NAME[:iterations[:cutoff[:l2]]] with NAME one of GIS, QN, PERCEPTRON, NB (default: the shipped choice).")
    String algorithm;

    @Option(names = "--folds", defaultValue = "" + ModelBuilder.DEFAULT_FOLDS,
            description = "Cross-validation folds for calibration (default: ${DEFAULT-VALUE}).")
    int folds;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Algorithm alg;
        try {
            alg = algorithm == null ? ModelBuilder.DEFAULT_ALGORITHM : Algorithm.parse(algorithm);
            if (folds < 2) {
                throw new IllegalArgumentException("--folds must be at least 2");
            }
        } catch (IllegalArgumentException e) {
            err.println("train: " + e.getMessage());
            return 2;
        }
        Path parent = output.toAbsolutePath().getParent();
        if (output.equals(Path.of(Classifiers.DEFAULT_MODEL_SOURCE)) && (parent == null || !Files.isDirectory(parent))) {
            // the default output only makes sense from the repository root
            err.println("train: " + parent + " does not exist: run from the repository root or give -o FILE");
            return 2;
        }
        Corpus posts;
        try {
            posts = Corpus.load(corpus);
        } catch (NoSuchFileException e) {
            err.println("train: no such corpus: " + corpus);
            return 2;
        } catch (IOException e) {
            err.println("train: cannot read " + corpus + ": " + e.getMessage());
            return 1;
        }
        posts.problems().forEach(p -> err.println("skipped " + p));
        ModelBuilder.Result result;
        try {
            result = ModelBuilder.build(posts, alg, folds);
        } catch (IllegalArgumentException e) {
            err.println("train: " + e.getMessage());
            return 2;
        }
        try {
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.write(output, result.modelBytes());
        } catch (IOException e) {
            err.println("train: cannot write " + output + ": " + e.getMessage());
            return 1;
        }
        out.printf(Locale.ROOT, "posts: %d (training %d, held out %d), algorithm %s%n",
                posts.size(), posts.training().size(), posts.heldOut().size(), alg);
        out.printf(Locale.ROOT, "calibration: a=%.4f b=%.4f%n", result.calibration().a(), result.calibration().b());
        Report.summary(out, "cross-validation (" + folds + " folds, training part)", result.crossValidation());
        Report.summary(out, "held out", result.heldOut());
        out.printf(Locale.ROOT, "wrote %s (%d bytes, sha256 %s, version %s)%n", output, result.modelBytes().length,
                OpenNlpClassifier.sha256(result.modelBytes()), OpenNlpClassifier.versionOf(result.modelBytes()));
        return 0;
    }
}
