package dev.contentmix.analyzer.classify;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Map;
import opennlp.tools.doccat.FeatureGenerator;

/**
 * Pairs of adjacent words, joined by a space, including the pair with the sentence start
 * ({@code <s> shop}), because the imperative that opens a sentence ("Shop now", "Reserve your
 * table") is what makes many posts ads. Pairs do not cross a sentence boundary, and pairs with a
 * grammar word ({@link Stopwords}) are left out: "of the" says nothing about purpose, and the
 * phrases that do ("link in bio") are the {@link CueFeatureGenerator}'s job. Stateless.
 */
public final class BigramFeatureGenerator implements FeatureGenerator {

    @Override
    public Collection<String> extractFeatures(String[] tokens, Map<String, Object> extraInformation) {
        ArrayList<String> features = new ArrayList<>(tokens.length);
        String previous = TextNormalizer.BOUNDARY;
        boolean previousGrammar = false;
        for (String t : tokens) {
            boolean grammar = Stopwords.isGrammar(t);
            if (!grammar && !previousGrammar && !t.equals(TextNormalizer.BOUNDARY)) {
                features.add(previous + " " + t);
            }
            previous = t;
            previousGrammar = grammar;
        }
        return features;
    }
}
