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
    private static final class Default {
        static final PostClassifier INSTANCE = fromBytes(readDefaultBytes());
    }

    /** The shipped classifier; thread-safe, loaded on first use and then shared. */
    public static PostClassifier loadDefault() {
        return Default.INSTANCE;
    }

    /** The shipped model as its concrete type (evaluation needs more than {@link PostClassifier}). */
    static OpenNlpClassifier loadShipped() {
        return (OpenNlpClassifier) Default.INSTANCE;
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
        private static final class Holder {
            static final LanguageGuesser INSTANCE = LanguageGuesser.loadDefault();
        }

        static LanguageGuesser detector() {
            return Holder.INSTANCE;
        }
    }
}
