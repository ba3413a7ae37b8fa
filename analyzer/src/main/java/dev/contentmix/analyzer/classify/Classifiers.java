package dev.contentmix.analyzer.classify;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where classifiers come from: the model shipped in this jar ({@link #loadDefault()}), a model
 * file ({@link #load(Path)}), or a model trained in memory.
 */
public final class Classifiers {

    /** Classpath location of the shipped model; {@code train} writes to the matching source path. */
    public static final String DEFAULT_MODEL_RESOURCE = "/models/contentmix-doccat.bin";
    /** Source path of the shipped model, relative to the repository root. */
    public static final String DEFAULT_MODEL_SOURCE = "analyzer/src/main/resources/models/contentmix-doccat.bin";

    private Classifiers() {
    }

    /** Shared instance: the shipped model and the language detector are loaded once per JVM. */
    private static volatile OpenNlpClassifier shipped;

    /**
     * The shipped classifier; thread-safe, loaded on first use and then shared.
     *
     * @throws IllegalStateException when the model is missing from the classpath (a packaging error)
     */
    public static PostClassifier loadDefault() {
        return loadShipped();
    }

    /** The shipped model as its concrete type (evaluation needs more than {@link PostClassifier}). */
    static OpenNlpClassifier loadShipped() {
        OpenNlpClassifier c = shipped;
        if (c == null) {
            // not a holder class: a failed load must stay an exception the caller can report, and be retried
            synchronized (Classifiers.class) {
                c = shipped;
                if (c == null) {
                    c = fromBytes(readDefaultBytes());
                    shipped = c;
                }
            }
        }
        return c;
    }

    /** A classifier for a model file written by {@code train}. */
    public static OpenNlpClassifier load(Path modelFile) throws IOException {
        return fromBytes(Files.readAllBytes(modelFile));
    }

    static OpenNlpClassifier fromBytes(byte[] bytes) {
        try {
            return new OpenNlpClassifier(Trainer.read(bytes), OpenNlpClassifier.versionOf(bytes), Languages.detector());
        } catch (IOException e) {
            throw new UncheckedIOException("not a readable OpenNLP doccat model", e);
        }
    }

    /** Bytes of the shipped model. */
    static byte[] readDefaultBytes() {
        try (InputStream in = Classifiers.class.getResourceAsStream(DEFAULT_MODEL_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(DEFAULT_MODEL_RESOURCE + " is missing from the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + DEFAULT_MODEL_RESOURCE, e);
        }
    }

    /** The language detector is big (10 MB); every classifier in a JVM shares one. */
    static final class Languages {
        private static volatile LanguageGuesser detector;

        private Languages() {
        }

        static LanguageGuesser detector() {
            LanguageGuesser d = detector;
            if (d == null) {
                synchronized (Languages.class) {
                    d = detector;
                    if (d == null) {
                        d = LanguageGuesser.loadDefault();
                        detector = d;
                    }
                }
            }
            return d;
        }
    }
}
