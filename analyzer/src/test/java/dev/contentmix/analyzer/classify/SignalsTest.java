package dev.contentmix.analyzer.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.contentmix.events.Label;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SignalsTest {

    private static OpenNlpClassifier classifier;

    @BeforeAll
    static void train() {
        classifier = new OpenNlpClassifier(Trainer.train(TinyCorpus.posts(), TinyCorpus.QUICK, Calibration.IDENTITY), "t", null);
    }

    @Test
    void signalsAreTheWritersWordsNeverFeatureNames() {
        Prediction p = classifier.classify("Only $49 today! Use code WARM30 and shop now");
        assertEquals(Label.SALES, p.label());
        List<String> signals = p.signals();
        assertFalse(signals.isEmpty());
        assertTrue(signals.size() <= 5);
        for (String s : signals) {
            assertFalse(s.contains("<") || s.contains("cue:") || s.contains("shape:") || s.startsWith("end="), s);
        }
        assertTrue(signals.stream().anyMatch(s -> s.equals("$49") || s.equals("WARM30") || s.toLowerCase().contains("shop")),
                signals.toString());
    }

    @Test
    void signalsPushTowardTheChosenLabelAndSkipGrammarWords() {
        Prediction p = classifier.classify("So sorry about your order, we've sent a replacement");
        assertEquals(Label.VALUE, p.label());
        assertTrue(p.signals().stream().anyMatch(s -> s.toLowerCase().contains("sorry") || s.toLowerCase().contains("replacement")),
                p.signals().toString());
        assertTrue(p.signals().stream().noneMatch(s -> s.equalsIgnoreCase("the") || s.equalsIgnoreCase("a")));
    }

    @Test
    void placeholdersAndCuesMapBackToText() {
        TextNormalizer.Normalized n = TextNormalizer.normalize("Grab it for €25 → shop.com, link in bio");
        List<Cues.Match> matches = Cues.find(n.tokens());
        assertEquals("€25", Signals.describe("<price>", n, matches));
        assertEquals("shop.com", Signals.describe("shape:url", n, matches));
        assertEquals("→ shop.com", Signals.describe("cue:link", n, matches));
        assertEquals("link in bio", Signals.describe("end:link", n, matches), "the last occurrence for an ending");
        assertEquals("Grab", Signals.describe("<s> grab", n, matches));
        assertEquals(null, Signals.describe("shape:len=short", n, matches));
    }
}
