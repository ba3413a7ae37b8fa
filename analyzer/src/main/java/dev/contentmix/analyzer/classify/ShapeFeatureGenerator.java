package dev.contentmix.analyzer.classify;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Map;
import opennlp.tools.doccat.FeatureGenerator;

/**
 * What the post looks like rather than what it says: whether it carries a price, a percentage, a
 * promo code or a link, and where (a link or price in the last sentence is how most ads close);
 * whether it is a reply (opens with a mention: customer service and conversations); whether it asks
 * a question; how long it is; how many emojis and hashtags it has. Names have the form
 * {@code shape:...}. Stateless.
 */
public final class ShapeFeatureGenerator implements FeatureGenerator {

    @Override
    public Collection<String> extractFeatures(String[] tokens, Map<String, Object> extraInformation) {
        ArrayList<String> features = new ArrayList<>(10);
        int words = 0;
        int emojis = 0;
        int hashtags = 0;
        boolean price = false;
        boolean pct = false;
        boolean code = false;
        boolean url = false;
        boolean priceEnd = false;
        boolean urlEnd = false;
        int lastSentence = CueFeatureGenerator.lastSentenceStart(tokens);
        for (int i = 0; i < tokens.length; i++) {
            String t = tokens[i];
            boolean end = i >= lastSentence;
            char c = t.isEmpty() ? ' ' : t.charAt(0);
            if (c == '<') {
                // placeholders are the only tokens that start with '<'
                switch (t) {
                    case TextNormalizer.PRICE -> {
                        price = true;
                        priceEnd |= end;
                    }
                    case TextNormalizer.PERCENT -> pct = true;
                    case TextNormalizer.CODE -> code = true;
                    case TextNormalizer.URL -> {
                        url = true;
                        urlEnd |= end;
                    }
                    default -> {
                    }
                }
            } else if (c == '#') {
                hashtags++;
            } else if (Character.isLetter(c)) {
                words++;
            } else if (Character.isSurrogate(c) || c >= 0x2190 && c <= 0x2BFF) {
                emojis++;
            }
        }
        if (price) {
            features.add("shape:price");
        }
        if (priceEnd) {
            features.add("shape:price@end");
        }
        if (pct) {
            features.add("shape:pct");
        }
        if (code) {
            features.add("shape:code");
        }
        if (url) {
            features.add("shape:url");
        }
        if (urlEnd) {
            features.add("shape:url@end");
        }
        if (tokens.length > 0 && tokens[0].equals(TextNormalizer.MENTION)) {
            features.add("shape:reply");
        }
        features.add(words <= 6 ? "shape:len=short" : words <= 30 ? "shape:len=mid" : "shape:len=long");
        if (emojis >= 3) {
            features.add("shape:emojis");
        }
        if (hashtags >= 3) {
            features.add("shape:hashtags");
        }
        return features;
    }
}
