package dev.contentmix.analyzer.classify;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Set;
import opennlp.tools.langdetect.LanguageDetectorModel;

/**
 * OpenNLP's language detector (the {@code langdetect-183.bin} model of
 * {@code opennlp-models-langdetect}, read from the classpath, never downloaded, and evaluated by
 * {@link NgramLanguageModel}, ten times faster than {@code LanguageDetectorME}), made sensible for
 * social posts: on short texts its first guess is often wrong, so it is only trusted on longer text
 * with a clear margin; shorter text gets the best-ranked corpus language, and a text with almost no
 * letters gets the fallback (English, the language most posts are in). The label never depends on
 * the answer: one multilingual model classifies every language (see docs/classifier.md). Codes are
 * returned as ISO 639-1.
 */
final class LanguageGuesser {

    static final String MODEL_RESOURCE = "/langdetect-183.bin";

    /** ISO 639-3 codes the detector returns, for the languages users are likely to meet. */
    private static final Map<String, String> ISO1 = Map.ofEntries(
            Map.entry("eng", "en"), Map.entry("spa", "es"), Map.entry("fra", "fr"), Map.entry("deu", "de"),
            Map.entry("por", "pt"), Map.entry("ita", "it"), Map.entry("nld", "nl"), Map.entry("cat", "ca"),
            Map.entry("glg", "gl"), Map.entry("pol", "pl"), Map.entry("swe", "sv"), Map.entry("dan", "da"),
            Map.entry("nob", "no"), Map.entry("nno", "no"), Map.entry("fin", "fi"), Map.entry("ces", "cs"),
            Map.entry("ron", "ro"), Map.entry("hun", "hu"), Map.entry("tur", "tr"), Map.entry("rus", "ru"),
            Map.entry("ukr", "uk"), Map.entry("ell", "el"), Map.entry("ara", "ar"), Map.entry("heb", "he"),
            Map.entry("hin", "hi"), Map.entry("jpn", "ja"), Map.entry("kor", "ko"), Map.entry("cmn", "zh"),
            Map.entry("zho", "zh"), Map.entry("vie", "vi"), Map.entry("ind", "id"), Map.entry("tha", "th"));

    /** Languages of the training corpus: preferred when the detector is unsure. */
    static final Set<String> TRAINED = Set.of("en", "es", "fr", "de", "pt");
    /** Characters the detector reads at most (see {@link #guess}). */
    static final int MAX_CHARS = 160;
    /**
     * Lead of the first language over the second (in the model's log-linear scores) at which the
     * detector stops reading a text long enough to trust: after 40 characters, then every 20. On the
     * corpus and the independent set (6,120 texts) the first choice is the same as when reading all
     * 160 characters, with 60% of the n-grams read (0.3 also kept it; 0.4 leaves some room).
     */
    static final double CLEAR_MARGIN = 0.4;
    /** Letters from which the detector's own first choice is trusted. */
    static final int TRUST_LETTERS = 60;

    private final NgramLanguageModel model;
    private final String fallback;
    private final int minLetters;
    private final double minConfidence;
    private final int maxChars;
    /** ISO 639-1 code of each of the model's outcomes (its own code where there is none). */
    private final String[] codes;
    /** Whether each outcome is one of the {@link #TRAINED} languages. */
    private final boolean[] trained;

    LanguageGuesser(LanguageDetectorModel model, String fallback, int minLetters, double minConfidence) {
        this(NgramLanguageModel.of(model.getMaxentModel()), fallback, minLetters, minConfidence, MAX_CHARS);
    }

    LanguageGuesser(NgramLanguageModel model, String fallback, int minLetters, double minConfidence, int maxChars) {
        this.model = model;
        this.maxChars = maxChars;
        this.fallback = fallback;
        this.minLetters = minLetters;
        this.minConfidence = minConfidence;
        this.codes = new String[this.model.outcomeCount()];
        this.trained = new boolean[codes.length];
        for (int i = 0; i < codes.length; i++) {
            String own = this.model.outcome(i);
            codes[i] = ISO1.getOrDefault(own, own);
            trained[i] = ISO1.containsKey(own) && TRAINED.contains(codes[i]);
        }
    }

    /** The detector with the thresholds measured on the corpus (see docs/classifier.md). */
    static LanguageGuesser loadDefault() {
        try (InputStream in = LanguageGuesser.class.getResourceAsStream(MODEL_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(MODEL_RESOURCE + " is not on the classpath: "
                        + "add org.apache.opennlp:opennlp-models-langdetect");
            }
            return new LanguageGuesser(new LanguageDetectorModel(in), "en", 12, 0.5);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + MODEL_RESOURCE, e);
        }
    }

    /**
     * ISO 639-1 code (or the detector's code when it has no two-letter form). Text with fewer than
     * {@code minLetters} letters gets the fallback. Otherwise the detector's first choice is taken
     * when the text is long enough ({@link #TRUST_LETTERS}) and the choice clear enough (its share of
     * the top two probabilities at least {@code minConfidence}); else the best-ranked of the languages
     * the model was trained on, because on a short post the detector's first choice is often a
     * neighbour (Galician for Portuguese, Catalan for Spanish).
     */
    String guess(String text) {
        int letters = 0;
        for (int i = 0; i < text.length() && letters < TRUST_LETTERS; i++) {
            if (Character.isLetter(text.charAt(i))) {
                letters++;
            }
        }
        if (letters < minLetters) {
            return fallback;
        }
        // the cost grows with the text; on the corpus 160 characters decide as well as 300 (5,711 of 5,800 right
        // either way; 120: 5,708, 60: 5,637), for two thirds of the time
        NgramLanguageModel.Scores scores = model.score(text, maxChars,
                letters >= TRUST_LETTERS ? CLEAR_MARGIN : Double.POSITIVE_INFINITY);
        if (scores.grams() == 0) {
            return fallback;
        }
        double[] s = scores.sums();
        int best = -1;
        int second = -1;
        int bestTrained = -1;
        for (int i = 0; i < s.length; i++) {
            if (best < 0 || s[i] > s[best]) {
                second = best;
                best = i;
            } else if (second < 0 || s[i] > s[second]) {
                second = i;
            }
            if (trained[i] && (bestTrained < 0 || s[i] > s[bestTrained])) {
                bestTrained = i;
            }
        }
        // softmax share of the first of the top two: p1 / (p1 + p2) = 1 / (1 + e^(s2 - s1))
        double share = second < 0 ? 1 : 1 / (1 + Math.exp(s[second] - s[best]));
        if (letters >= TRUST_LETTERS && share >= minConfidence) {
            return codes[best];
        }
        return bestTrained >= 0 ? codes[bestTrained] : fallback;
    }
}
