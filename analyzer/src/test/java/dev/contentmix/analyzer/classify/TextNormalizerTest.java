package dev.contentmix.analyzer.classify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TextNormalizerTest {

    private static List<String> tokens(String text) {
        return List.of(TextNormalizer.tokens(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"$49", "19.99 USD", "€25", "42 €", "€ 69", "£12.50", "₹499", "R$ 89,90", "1.299 kr",
        "¥3000", "CA$40", "89,99 €", "25 euros"})
    void pricesInEveryFormatBecomeOnePriceToken(String price) {
        assertEquals(List.of("only", TextNormalizer.PRICE, "today"), tokens("only " + price + " today"));
    }

    @Test
    void percentagesCodesLinksMentionsAndNumbersArePlaceholders() {
        assertEquals(List.of(TextNormalizer.PERCENT, "off", "code", TextNormalizer.CODE, TextNormalizer.BOUNDARY,
                        TextNormalizer.URL),
                tokens("30% off code WARM30. kestreldenim.com/sale"));
        assertEquals(List.of("use", TextNormalizer.CODE, TextNormalizer.PERCENT), tokens("use SPRING-15 -25 %"));
        assertEquals(List.of(TextNormalizer.MENTION, "dm", "us", TextNormalizer.EMAIL, TextNormalizer.NUMBER, "days"),
                tokens("@dana_k DM us help@brand.co 14 days"));
        assertEquals(List.of(TextNormalizer.URL, TextNormalizer.URL, TextNormalizer.URL),
                tokens("https://x.io/a www.shop.de bit.ly/xyz"));
    }

    @Test
    void wordsAreLowerCasedAndAccentFolded() {
        assertEquals(List.of("reservez", "ya", "l'ete", "offnungszeiten", "sao"), tokens("Réservez YA l’été Öffnungszeiten São"));
    }

    @Test
    void hashtagsEmojisArrowsAndQuestionsKeepTheirMeaning() {
        assertEquals(List.of("#rebajas", "🔥", "🔥", "→", TextNormalizer.URL), tokens("#Rebajas 🔥🔥 ➡️ shop.com"));
        assertEquals(List.of("why", "?", TextNormalizer.BOUNDARY, "because"), tokens("Why?? Because"));
    }

    @Test
    void sentenceEndsAndLineBreaksAreBoundariesButNotTrailing() {
        assertEquals(List.of("hi", TextNormalizer.BOUNDARY, "new", "line", TextNormalizer.BOUNDARY, "end"),
                tokens("Hi!!\n\nNew line… end."));
        assertEquals(List.of(), tokens("  \n ... "));
    }

    @Test
    void surfaceKeepsTheWritersTextForEveryToken() {
        TextNormalizer.Normalized n = TextNormalizer.normalize("Shop NOW: 30% off, only $49 → link in bio");
        assertArrayEquals(new String[]{"Shop", "NOW", "30%", "off", "only", "$49", "→", "link", "in", "bio"}, n.surface());
        assertEquals(n.tokens().length, n.surface().length);
    }

    @Test
    void lettersOutsideTheBmpAreWordsAndNeverStopTheScan() {
        // styled letters (Mathematical Alphanumeric Symbols) once made the scanner add empty words until out of memory
        List<String> styled = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> tokens("𝐍𝐄𝐖 𝐃𝐑𝐎𝐏 out now #𝐬𝐚𝐥𝐞 a𝐁c"));
        assertEquals(List.of("𝐍𝐄𝐖", "𝐃𝐑𝐎𝐏", "out", "now", "𝐬𝐚𝐥𝐞", "a𝐁c"), styled);
        assertEquals(List.of("a", "b"), tokens("a𝟏 b"), "a digit outside the BMP is still skipped");
        TextNormalizer.Normalized n = TextNormalizer.normalize("𝐒𝐀𝐋𝐄 today");
        assertArrayEquals(new String[]{"𝐒𝐀𝐋𝐄", "today"}, n.surface());
    }
}
