package dev.contentmix.analyzer.classify;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Map;
import opennlp.tools.doccat.FeatureGenerator;

/**
 * Unigrams of the normalised tokens (see {@link TextNormalizer}), except grammar words
 * ({@link Stopwords}): each token is its own feature, without a prefix, because no other generator
 * emits a name without a {@code :}, {@code =} or space, and a prefix would cost an allocation per
 * token on every post. Placeholders such as {@code <price>} are unigrams too. Sentence boundaries
 * are skipped. Stateless.
 */
public final class WordFeatureGenerator implements FeatureGenerator {

    @Override
    public Collection<String> extractFeatures(String[] tokens, Map<String, Object> extraInformation) {
        ArrayList<String> features = new ArrayList<>(tokens.length);
        for (String t : tokens) {
            if (!t.equals(TextNormalizer.BOUNDARY) && !Stopwords.isGrammar(t)) {
                features.add(t);
            }
        }
        return features;
    }
}
