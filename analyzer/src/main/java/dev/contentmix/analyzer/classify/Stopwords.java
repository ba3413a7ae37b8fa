package dev.contentmix.analyzer.classify;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * Grammar words of the five corpus languages, folded like {@link TextNormalizer} tokens. A
 * weight on "the" or "de" is a habit of whoever wrote the training posts, not a reason a post is
 * an ad, so the word features leave these out (which also keeps the model small and fast), and
 * signals never show them.
 */
final class Stopwords {

    /** Articles, prepositions, conjunctions, pronouns, forms of "to be": never a feature on their own. */
    private static final Set<String> GRAMMAR = words(
            "a an the and or but of to in on at for from by with as is are was were be been it its it's"
            + " this that these those we we're we've our ours us you you're your yours i i'm my me he she"
            + " they them their his her"
            + " el la los las un una unos unas y o de del en con por para que se su sus es son al lo le les nos"
            + " os as um uma e do da dos das no na nas em com seu sua"
            + " une et ou du des au aux avec pour par qui sa son ses est sont nous vous ce"
            + " der die das ein eine und oder von zu im am mit fur auf ist sind wir ihr sie es den dem des");

    /** Also not worth showing as a reason, though they may carry weight in a phrase ("how to", "sign up"). */
    private static final Set<String> DISPLAY_ONLY = words(
            "so if there here what who how when why which not no do does did just all any some more than then"
            + " too very can will would should could has have had about into out up down over mas muy nicht");

    private Stopwords() {
    }

    private static Set<String> words(String list) {
        return Set.copyOf(new HashSet<>(Arrays.asList(list.split(" "))));
    }

    /**
     * The grammar words again as an open-addressing table indexed by {@link String#hashCode()}:
     * three generators ask about every token of every post, a token's hash is computed once and
     * cached by the string, and a mostly empty table answers in one probe.
     */
    private static final String[] TABLE = new String[4096];

    static {
        for (String w : GRAMMAR) {
            int slot = w.hashCode() & (TABLE.length - 1);
            while (TABLE[slot] != null) {
                slot = (slot + 1) & (TABLE.length - 1);
            }
            TABLE[slot] = w;
        }
    }

    /** True for a grammar word (a normalised token). */
    static boolean isGrammar(String token) {
        int slot = token.hashCode() & (TABLE.length - 1);
        String w;
        while ((w = TABLE[slot]) != null) {
            if (w.equals(token)) {
                return true;
            }
            slot = (slot + 1) & (TABLE.length - 1);
        }
        return false;
    }

    /** True for a word that explains nothing when shown alone. */
    static boolean isUninformative(String word) {
        return GRAMMAR.contains(word) || DISPLAY_ONLY.contains(word);
    }
}
