package dev.contentmix.analyzer.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.contentmix.events.Label;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LanguageTest {

    private static final LanguageGuesser GUESSER = Classifiers.Languages.detector();

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "en | We're hiring a night-shift pastry chef. Details on our careers page",
        "es | Cómo combinar una gabardina camel: cinco looks de entretiempo para la oficina y el finde",
        "fr | Trois astuces pour garder votre machine à espresso propre, quelle que soit la marque",
        "de | Drei Tipps, wie ihr eure Espressomaschine richtig entkalkt, egal welche Marke",
        "pt | Três dicas para manter a sua máquina de café sempre limpa, seja qual for a marca"})
    void detectsTheCorpusLanguages(String expected, String text) {
        assertEquals(expected, GUESSER.guess(text));
    }

    @Test
    void shortTextsFallBackToEnglishInsteadOfGuessing() {
        assertEquals("en", GUESSER.guess("Ok 👍"));
        assertEquals("en", GUESSER.guess("¡Rebajas!"));
        assertEquals("en", GUESSER.guess("🔥🔥🔥 $49"));
    }

    @Test
    void oneMultilingualModelLabelsEveryLanguageWhateverTheDetectorSays() {
        PostClassifier c = Classifiers.loadDefault();
        assertEquals(Label.SALES, c.classify("¡Rebajas! -50% en toda la colección, solo hasta el domingo. Compra ya").label());
        assertEquals(Label.SALES, c.classify("Jetzt bestellen: -30 % auf alles mit dem Code WINTER30").label());
        assertEquals(Label.SALES, c.classify("Réservez votre table pour la Saint-Valentin, lien en bio").label());
        assertEquals(Label.SALES, c.classify("Frete grátis só hoje! Compre já no link da bio").label());
        assertEquals(Label.VALUE, c.classify("Lo sentimos mucho, Laura. Ya te hemos enviado un pedido nuevo").label());
        Prediction shortOne = c.classify("Rebajas -50%");
        assertEquals("en", shortOne.language(), "too short to trust the detector");
        assertEquals(Label.SALES, shortOne.label(), "the label does not depend on the detected language");
    }
}
