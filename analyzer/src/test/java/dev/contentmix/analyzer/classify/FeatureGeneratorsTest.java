package dev.contentmix.analyzer.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import opennlp.tools.doccat.FeatureGenerator;
import org.junit.jupiter.api.Test;

class FeatureGeneratorsTest {

    private static Collection<String> features(FeatureGenerator g, String text) {
        return g.extractFeatures(TextNormalizer.tokens(text), Map.of());
    }

    @Test
    void wordsLeaveOutGrammarAndBoundaries() {
        assertEquals(List.of("spring", "menu", "here", "reserve", "table"),
                features(new WordFeatureGenerator(), "The spring menu is here. Reserve your table"));
    }

    @Test
    void bigramsIncludeTheSentenceStartAndSkipGrammarPairs() {
        Collection<String> f = features(new BigramFeatureGenerator(), "Shop now. The new drop is here");
        assertTrue(f.contains("<s> shop"));
        assertTrue(f.contains("shop now"));
        assertTrue(f.contains("new drop"));
        assertFalse(f.contains("now <s>"), "pairs never cross a sentence end");
        assertFalse(f.stream().anyMatch(x -> x.contains("the")), "no pair with a grammar word: " + f);
    }

    @Test
    void cuesNameTheGroupAndWhereItSits() {
        Collection<String> f = features(new CueFeatureGenerator(),
                "Ten years of baking, one recipe. The new loaf is here, link in bio");
        assertTrue(f.contains("cue:link"), f.toString());
        assertTrue(f.contains("end:link"), "the ask closes the post: " + f);
        Collection<String> service = features(new CueFeatureGenerator(),
                "So sorry, Dana! We've sent a replacement; DM us the order number");
        assertTrue(service.contains("cue:apology") && service.contains("start:apology"), service.toString());
        assertTrue(service.contains("cue:service"), service.toString());
        assertTrue(features(new CueFeatureGenerator(), "Réservez votre table").contains("cue:book"));
    }

    @Test
    void shapeSeesPricesLinksRepliesAndLength() {
        Collection<String> f = features(new ShapeFeatureGenerator(), "@ana thanks! It is $49 at shop.com");
        assertTrue(f.containsAll(List.of("shape:price", "shape:price@end", "shape:url", "shape:url@end", "shape:reply",
                "shape:len=short")), f.toString());
    }

    @Test
    void tailRepeatsTheLastSentence() {
        assertEquals(List.of("end=grab", "end=today", "end=before", "end=noon"),
                features(new TailFeatureGenerator(), "We baked all night for this. Grab yours today before noon"));
    }

    @Test
    void generatorsAreUsableFromTheModelFileByClassName() throws Exception {
        for (FeatureGenerator g : Trainer.featureGenerators()) {
            assertEquals(g.getClass(), g.getClass().getConstructor().newInstance().getClass());
        }
    }
}
