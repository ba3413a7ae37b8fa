package dev.contentmix.analyzer.classify;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Map;
import opennlp.tools.doccat.FeatureGenerator;

/**
 * The words of the last sentence again, as {@code end=<word>}: the labelling rule turns on how a
 * post ends (a tip, a story or a question that ends in "link in bio", "DM us", "book your spot" is
 * an ad), and the ending's wording varies more than any lexicon can list. Grammar words are left
 * out ({@link Stopwords}). Stateless.
 */
public final class TailFeatureGenerator implements FeatureGenerator {

    @Override
    public Collection<String> extractFeatures(String[] tokens, Map<String, Object> extraInformation) {
        int start = CueFeatureGenerator.lastSentenceStart(tokens);
        // a very short last sentence ("Shop now.") reads with the one before it
        if (tokens.length - start < 4 && start > 0) {
            int before = start - 1;
            while (before > 0 && !tokens[before - 1].equals(TextNormalizer.BOUNDARY)) {
                before--;
            }
            start = before;
        }
        ArrayList<String> features = new ArrayList<>(tokens.length - start);
        for (int i = start; i < tokens.length; i++) {
            String t = tokens[i];
            if (!t.equals(TextNormalizer.BOUNDARY) && !Stopwords.isGrammar(t)) {
                features.add("end=".concat(t));
            }
        }
        return features;
    }
}
