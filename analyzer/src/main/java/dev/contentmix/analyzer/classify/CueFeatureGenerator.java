package dev.contentmix.analyzer.classify;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import opennlp.tools.doccat.FeatureGenerator;

/**
 * Purpose phrases from the {@link Cues} lexicon: {@code cue:<group>} once per group present, and
 * {@code end:<group>} when the phrase sits in the last sentence, because the labelling rule turns
 * on where a post ends up: a story that ends in a conversion ask is an ad, the same words in passing
 * are not. Also {@code start:<group>} for a post that opens with one. Stateless.
 */
public final class CueFeatureGenerator implements FeatureGenerator {

    @Override
    public Collection<String> extractFeatures(String[] tokens, Map<String, Object> extraInformation) {
        List<Cues.Match> matches = Cues.find(tokens);
        if (matches.isEmpty()) {
            return List.of();
        }
        int lastSentence = lastSentenceStart(tokens);
        ArrayList<String> features = new ArrayList<>(matches.size() * 2);
        // bit sets of the groups already emitted (the lexicon has fewer than 64 groups)
        long cue = 0;
        long end = 0;
        long start = 0;
        for (Cues.Match m : matches) {
            int g = m.groupIndex();
            long bit = 1L << g;
            if ((cue & bit) == 0) {
                cue |= bit;
                features.add(Cues.CUE_FEATURES[g]);
            }
            if ((end & bit) == 0 && (m.start() >= lastSentence || m.end() >= tokens.length - 2)) {
                end |= bit;
                features.add(Cues.END_FEATURES[g]);
            }
            if ((start & bit) == 0 && m.start() <= 1) {
                start |= bit;
                features.add(Cues.START_FEATURES[g]);
            }
        }
        return features;
    }

    static int lastSentenceStart(String[] tokens) {
        for (int i = tokens.length - 1; i >= 0; i--) {
            if (tokens[i].equals(TextNormalizer.BOUNDARY)) {
                return i + 1;
            }
        }
        return 0;
    }
}
