package dev.contentmix.analyzer.classify;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Map;
import opennlp.tools.doccat.FeatureGenerator;

/**
 * Word pairs, joined by a space, including a pair with the sentence start ({@code <s> shop}),
 * because the imperative that opens a sentence ("Shop now", "Reserve your table") is what makes
 * many posts ads. Pairs do not cross a sentence boundary. Stateless.
 */
public final class BigramFeatureGenerator implements FeatureGenerator {

    @Override
    public Collection<String> extractFeatures(String[] tokens, Map<String, Object> extraInformation) {
        ArrayList<String> features = new ArrayList<>(tokens.length + 1);
        String previous = TextNormalizer.BOUNDARY;
        for (String t : tokens) {
            if (!t.equals(TextNormalizer.BOUNDARY)) {
                features.add(previous.concat(" ").concat(t));
            }
            previous = t;
        }
        return features;
    }
}
