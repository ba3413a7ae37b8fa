package dev.contentmix.analyzer.classify;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;

/**
 * Turns a post's raw text into the token sequence the feature generators read. Things whose exact
 * spelling carries no meaning but whose presence does are replaced by a placeholder: prices
 * ({@code <price>}: "$49", "19.99 USD", "42 €", "R$ 89,90"), percentages ({@code <pct>}), promo
 * codes ({@code <code>}: WARM30, SPRING-15), links ({@code <url>}), mentions ({@code <mention>}),
 * e-mail addresses ({@code <email>}) and other numbers ({@code <num>}). Hashtags keep their word
 * with the {@code #}, emojis stay as themselves, every arrow becomes {@code →}, words are
 * lower-cased and stripped of accents (writers drop them in posts), a question mark is kept as the
 * token {@code ?}, and sentence or line ends become {@link #BOUNDARY}.
 *
 * <p>A hand-written scanner over the text, without regular expressions or per-chunk copies: it runs
 * on every post, and it is what keeps the whole pipeline as fast as OpenNLP's stock whitespace
 * tokenizer plus bag of words (see docs/classifier.md). Stateless and thread-safe.
 */
public final class TextNormalizer {

    public static final String BOUNDARY = "<s>";
    public static final String PRICE = "<price>";
    public static final String PERCENT = "<pct>";
    public static final String CODE = "<code>";
    public static final String URL = "<url>";
    public static final String MENTION = "<mention>";
    public static final String EMAIL = "<email>";
    public static final String NUMBER = "<num>";
    public static final String ARROW = "→";
    public static final String QUESTION = "?";

    /** Tokens and, index for index, the text each came from (for showing signals in the writer's words). */
    public record Normalized(String[] tokens, String[] surface) {
        public Normalized {
            if (tokens.length != surface.length) {
                throw new IllegalArgumentException("tokens and surface differ in length");
            }
        }
    }

    private static final Set<String> CURRENCY_WORDS = Set.of(
            "usd", "eur", "gbp", "cad", "aud", "mxn", "brl", "chf", "sek", "nok", "dkk", "inr", "jpy",
            "kr", "euro", "euros", "dollars", "dollar", "reais", "real", "pesos", "zl", "yen", "rupees");

    private static final String[] URL_SUFFIXES = {
        ".com", ".net", ".org", ".io", ".co", ".shop", ".store", ".app", ".ly", ".me", ".es", ".fr",
        ".de", ".pt", ".br", ".uk", ".eu", ".info", ".biz", ".gg", ".tv", ".link", ".ai", ".mx", ".ar",
        ".at", ".ch", ".be", ".it", ".nl", ".us", ".ca", ".au", ".dev", ".page", ".site", ".online", ".edu",
        ".gov", ".ie", ".nz", ".jp", ".in"
    };

    private TextNormalizer() {
    }

    /** Normalises one text, keeping where each token came from; never null. */
    public static Normalized normalize(String text) {
        Sink sink = new Sink(text, true);
        scan(text, sink);
        return sink.normalized();
    }

    /** The normalised tokens only (the fast path used for classification and training). */
    public static String[] tokens(String text) {
        Sink sink = new Sink(text, false);
        scan(text, sink);
        return sink.tokens();
    }

    /** Growable token list with, when asked for, the [start, end) span of each token in the text. */
    private static final class Sink {
        final String text;
        String[] tokens = new String[48];
        /** Null for {@link #tokens()} alone, which needs no spans. */
        int[] spans;
        int size;

        Sink(String text, boolean spans) {
            this.text = text;
            this.spans = spans ? new int[96] : null;
        }

        void add(String token, int start, int end) {
            if (size == tokens.length) {
                tokens = Arrays.copyOf(tokens, size * 2);
                if (spans != null) {
                    spans = Arrays.copyOf(spans, size * 4);
                }
            }
            tokens[size] = token;
            if (spans != null) {
                spans[2 * size] = start;
                spans[2 * size + 1] = end;
            }
            size++;
        }

        void boundary(int at) {
            if (size > 0 && tokens[size - 1] != BOUNDARY) {
                add(BOUNDARY, at, at);
            }
        }

        boolean lastIs(String token) {
            return size > 0 && tokens[size - 1] == token;
        }

        /** Turns the last token into another placeholder, its span extended to end. */
        void replaceLast(String token, int end) {
            tokens[size - 1] = token;
            if (spans != null) {
                spans[2 * size - 1] = end;
            }
        }

        private int trimmedSize() {
            // the end of the text is a boundary anyway
            return size > 0 && tokens[size - 1] == BOUNDARY ? size - 1 : size;
        }

        String[] tokens() {
            return Arrays.copyOf(tokens, trimmedSize());
        }

        Normalized normalized() {
            int n = trimmedSize();
            String[] surface = new String[n];
            for (int k = 0; k < n; k++) {
                surface[k] = tokens[k] == BOUNDARY ? "." : text.substring(spans[2 * k], spans[2 * k + 1]);
            }
            return new Normalized(Arrays.copyOf(tokens, n), surface);
        }
    }

    private static void scan(String text, Sink sink) {
        int n = text.length();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (c == '\n') {
                sink.boundary(i);
                i++;
            } else if (isSpace(c)) {
                i++;
            } else {
                int end = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' ? simpleWord(text, i, sink) : -1;
                if (end < 0) {
                    end = chunkEnd(text, i);
                    chunk(text, i, end, sink);
                }
                i = end;
            }
        }
    }

    /**
     * Most chunks are a plain word: ASCII letters, lower case or capitalised, alone or before one
     * closing mark ({@code , . ! ? :}). This takes such a chunk at i in one pass, with the tokens
     * {@link #chunk} would give it (none of its other rules can apply), and returns its end; for any
     * other chunk it adds nothing and returns -1.
     */
    private static int simpleWord(String text, int i, Sink sink) {
        int n = text.length();
        int j = i + 1;
        char c = 0;
        while (j < n && (c = text.charAt(j)) >= 'a' && c <= 'z') {
            j++;
        }
        boolean marked = j < n && !isSpace(c);
        if (marked && (c != ',' && c != '.' && c != '!' && c != '?' && c != ':' || j + 1 < n && !isSpace(text.charAt(j + 1)))) {
            return -1;
        }
        // as word() and fold() make it: lower-cased when it starts with a capital
        String w = text.substring(i, j);
        if (text.charAt(i) <= 'Z') {
            w = w.toLowerCase(Locale.ROOT);
        }
        if (sink.lastIs(NUMBER) && CURRENCY_WORDS.contains(w)) {
            sink.replaceLast(PRICE, j);
        } else {
            sink.add(w, i, j);
        }
        if (!marked) {
            return j;
        }
        if (c == '.' || c == '!') {
            sink.boundary(j);
        } else if (c == '?') {
            sink.add(QUESTION, j, j + 1);
            sink.boundary(j + 1);
        }
        return j + 1;
    }

    /**
     * End of the whitespace-delimited chunk starting at i; a price written with a space between
     * amount and currency ("42 €", "€ 69", the usual European style) stays one chunk.
     */
    private static int chunkEnd(String text, int i) {
        int n = text.length();
        int j = nextWhitespace(text, i);
        if (j + 1 < n && text.charAt(j) == ' ') {
            int symbol = currencySymbolAt(text, i, j);
            if (symbol > 0 && symbol == j - i && Character.isDigit(text.charAt(j + 1))) {
                return nextWhitespace(text, j + 1);
            }
            if (Character.isDigit(text.charAt(j - 1)) && currencySymbolAt(text, j + 1, n) > 0) {
                return nextWhitespace(text, j + 1);
            }
        }
        return j;
    }

    private static int nextWhitespace(String text, int i) {
        int j = i;
        int n = text.length();
        while (j < n) {
            char c = text.charAt(j);
            if (isSpace(c)) {
                break;
            }
            j++;
        }
        return j;
    }

    private static boolean isSpace(char c) {
        return c == ' ' || (c < 128 ? c <= ' ' : c == '\u00A0' || Character.isWhitespace(c));
    }

    /** Splits the chunk [from, to) into tokens. */
    private static void chunk(String text, int from, int to, Sink sink) {
        boolean dotted = false;
        for (int k = from + 1; k < to - 1 && !dotted; k++) {
            char c = text.charAt(k);
            dotted = c == '.' || c == '@' || c == ':';
        }
        if (dotted && isUrl(text, from, to)) {
            int end = trimTrailingPunct(text, from, to);
            sink.add(URL, from, end);
            char last = text.charAt(to - 1);
            if (last == '.' || last == '!' || last == '?' || last == '…') {
                sink.boundary(to);
            }
            return;
        }
        if (dotted && isEmail(text, from, to)) {
            sink.add(EMAIL, from, trimTrailingPunct(text, from, to));
            return;
        }
        int i = from;
        while (i < to) {
            char c = text.charAt(i);
            int symbol;
            if (c == '@' && i + 1 < to && isWordChar(text.charAt(i + 1))) {
                int j = i + 1;
                while (j < to && (isWordChar(text.charAt(j))
                        || text.charAt(j) == '.' && j + 1 < to && isWordChar(text.charAt(j + 1)))) {
                    j++;
                }
                sink.add(MENTION, i, j);
                i = j;
            } else if (c == '#' && i + 1 < to && Character.isLetterOrDigit(text.charAt(i + 1))) {
                int j = i + 1;
                while (j < to && isWordChar(text.charAt(j))) {
                    j++;
                }
                sink.add("#".concat(fold(text, i + 1, j)), i, j);
                i = j;
            } else if ((symbol = currencySymbolAt(text, i, to)) > 0 && nextIsDigit(text, i + symbol, to)) {
                int j = numberEnd(text, i + symbol, to);
                sink.add(PRICE, i, j);
                i = j;
            } else if (c >= '0' && c <= '9' || Character.isDigit(c)) {
                i = number(text, i, to, sink);
            } else if (Character.isLetter(c)) {
                i = word(text, i, to, sink);
            } else if (c == '%' && sink.lastIs(NUMBER)) {
                sink.replaceLast(PERCENT, i + 1);
                i++;
            } else if (c == '?') {
                // a question is a different act from a statement; keep the mark as a word
                sink.add(QUESTION, i, i + 1);
                sink.boundary(i + 1);
                while (i + 1 < to && text.charAt(i + 1) == '?') {
                    i++;
                }
                i++;
            } else if (c == '.' || c == '!' || c == '…') {
                sink.boundary(i);
                i++;
            } else if (c == '→' || c == '➡' || c == '⬇' || c == '↓' || c == '⤵' || c == '>' || c == '»') {
                int j = skipModifiers(text, i + 1, to);
                sink.add(ARROW, i, j);
                i = j;
            } else {
                int cp = Character.isHighSurrogate(c) ? text.codePointAt(i) : c;
                int next = i + Character.charCount(cp);
                if (isEmoji(cp)) {
                    int j = skipModifiers(text, next, to);
                    // the pointing-right emoji is an arrow in all but drawing
                    sink.add(cp == 0x1F449 ? ARROW : text.substring(i, next), i, j);
                    next = j;
                } else if (Character.isLetter(cp)) {
                    next = word(text, i, to, sink);
                }
                i = next;
            }
        }
    }

    /** A number at i: a percentage, a price with its currency after, a 24h/3x-like word, a code, or a plain number. */
    private static int number(String text, int i, int to, Sink sink) {
        int j = numberEnd(text, i, to);
        if (j < to && text.charAt(j) == '%') {
            sink.add(PERCENT, i, j + 1);
            return j + 1;
        }
        int from = j + 1 < to && text.charAt(j) == ' ' ? j + 1 : j;
        int symbol = currencySymbolAt(text, from, to);
        if (symbol > 0) {
            sink.add(PRICE, i, from + symbol);
            return from + symbol;
        }
        if (j < to && Character.isLetter(text.charAt(j))) {
            // 24h, 3x, 2nd, 4K: keep as one word-like token
            int k = wordEnd(text, j, to);
            sink.add(isPromoCode(text, i, k) ? CODE : fold(text, i, k), i, k);
            return k;
        }
        sink.add(NUMBER, i, j);
        return j;
    }

    private static int word(String text, int i, int to, Sink sink) {
        // one pass finds the end, whether the word is plain lower-case ASCII (most words are, and
        // need no folding) and whether it has no lower-case letter (a promo code candidate)
        int j = i;
        boolean plain = true;
        boolean upper = true;
        while (j < to) {
            char c = text.charAt(j);
            if (c >= 'a' && c <= 'z') {
                upper = false;
            } else if (c >= 'A' && c <= 'Z') {
                plain = false;
            } else if (c >= '0' && c <= '9') {
                // digits keep both flags
            } else if (c == '\'' || c == '’' || c == '-') {
                if (j == i || j + 1 >= to || !Character.isLetter(text.charAt(j + 1))) {
                    break;
                }
                plain &= c != '’';
            } else if (c >= 128 && (Character.isLetterOrDigit(c) || Character.getType(c) == Character.NON_SPACING_MARK)) {
                plain = false;
                upper &= !Character.isLowerCase(c);
            } else if (Character.isHighSurrogate(c) && j + 1 < to && Character.isLowSurrogate(text.charAt(j + 1))
                    && Character.isLetter(text.codePointAt(j))) {
                // a letter outside the BMP (styled "𝐍𝐄𝐖"): without this, a word could start here and
                // end before its first character, and the scan would add empty words forever
                plain = false;
                upper &= !Character.isLowerCase(text.codePointAt(j));
                j++;
            } else {
                break;
            }
            j++;
        }
        // "-15" in SPRING-15 belongs to the code
        if (upper && j + 1 < to && text.charAt(j) == '-' && Character.isDigit(text.charAt(j + 1))) {
            int k = j + 1;
            while (k < to && Character.isLetterOrDigit(text.charAt(k))) {
                k++;
            }
            sink.add(CODE, i, k);
            return k;
        }
        if (upper && isPromoCode(text, i, j)) {
            sink.add(CODE, i, j);
            return j;
        }
        String w = plain ? text.substring(i, j) : fold(text, i, j);
        if (sink.lastIs(NUMBER) && CURRENCY_WORDS.contains(w)) {
            // "19.99 USD", "1.299 kr", "25 euros": the number before becomes the price
            sink.replaceLast(PRICE, j);
        } else {
            sink.add(w, i, j);
        }
        return j;
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    private static int wordEnd(String s, int i, int to) {
        int j = i;
        while (j < to) {
            char c = s.charAt(j);
            if (Character.isLetterOrDigit(c) || Character.getType(c) == Character.NON_SPACING_MARK) {
                j++;
            } else if ((c == '\'' || c == '’' || c == '-') && j + 1 < to && Character.isLetter(s.charAt(j + 1)) && j > i) {
                j++;
            } else {
                break;
            }
        }
        return j;
    }

    private static int skipModifiers(String s, int j, int to) {
        // variation selectors, skin tones, joiners and keycaps belong to the symbol before
        while (j < to) {
            int cp = s.codePointAt(j);
            if (cp == 0xFE0F || cp == 0xFE0E || cp == 0x200D || cp >= 0x1F3FB && cp <= 0x1F3FF || cp == 0x20E3) {
                j += Character.charCount(cp);
            } else {
                break;
            }
        }
        return j;
    }

    private static boolean nextIsDigit(String s, int i, int to) {
        if (i < to && s.charAt(i) == ' ') {
            i++;
        }
        return i < to && Character.isDigit(s.charAt(i));
    }

    /** End of a number such as 1.299,00 or 19.99 or 3,000 or 10k starting at i (a leading space is skipped). */
    private static int numberEnd(String s, int i, int to) {
        if (i < to && s.charAt(i) == ' ') {
            i++;
        }
        int j = i;
        while (j < to) {
            char c = s.charAt(j);
            if (Character.isDigit(c)) {
                j++;
            } else if ((c == '.' || c == ',' || c == ':' || c == '/') && j + 1 < to && Character.isDigit(s.charAt(j + 1))) {
                j++;
            } else {
                break;
            }
        }
        if (j < to && (s.charAt(j) == 'k' || s.charAt(j) == 'K') && (j + 1 == to || !Character.isLetter(s.charAt(j + 1)))) {
            j++;
        }
        return j;
    }

    /** Length of a currency symbol at i ($, €, R$, CA$...), or 0. */
    private static int currencySymbolAt(String s, int i, int to) {
        if (i >= to) {
            return 0;
        }
        char c = s.charAt(i);
        switch (c) {
            case '$', '€', '£', '¥', '₹', '₩', '₺', '₽', '¢', '₱' -> {
                return 1;
            }
            default -> {
                if (c < 'A' || c > 'Z') {
                    return 0;
                }
            }
        }
        // R$ 89, CA$40, US$5, A$12, MX$300
        int j = i;
        while (j < to && j - i < 3 && Character.isUpperCase(s.charAt(j))) {
            j++;
        }
        return j > i && j < to && s.charAt(j) == '$' ? j - i + 1 : 0;
    }

    private static boolean isUrl(String s, int from, int to) {
        char first = s.charAt(from);
        if ((first == 'h' || first == 'H' || first == 'w' || first == 'W')
                && (s.regionMatches(true, from, "http://", 0, 7) || s.regionMatches(true, from, "https://", 0, 8)
                || s.regionMatches(true, from, "www.", 0, 4))) {
            return true;
        }
        int dot = -1;
        int slash = -1;
        for (int k = from; k < to; k++) {
            char c = s.charAt(k);
            if (c == '.' && dot < 0 && k > from) {
                dot = k;
            } else if (c == '/' && slash < 0) {
                slash = k;
            } else if (c == '@') {
                return false;
            }
        }
        if (dot < 0 || slash >= 0 && slash < dot) {
            return false;
        }
        int hostEnd = slash > 0 ? slash : trimTrailingPunct(s, from, to);
        for (String suffix : URL_SUFFIXES) {
            int at = hostEnd - suffix.length();
            if (at > from && s.regionMatches(true, at, suffix, 0, suffix.length())
                    && Character.isLetterOrDigit(s.charAt(at - 1))) {
                return true;
            }
        }
        // bit.ly/xyz, t.co/abc: a dotted host made of URL characters, then a path
        if (slash < 0) {
            return false;
        }
        for (int k = from; k < slash; k++) {
            char c = s.charAt(k);
            if (!(Character.isLetterOrDigit(c) || c == '.' || c == '-')) {
                return false;
            }
        }
        return Character.isLetter(s.charAt(dot + 1 < slash ? dot + 1 : from));
    }

    private static boolean isEmail(String s, int from, int to) {
        int at = -1;
        for (int k = from + 1; k < to; k++) {
            char c = s.charAt(k);
            if (c == '@' && at < 0) {
                at = k;
            } else if (c == '.' && at > 0 && k > at + 1 && k < to - 1) {
                return Character.isLetterOrDigit(s.charAt(at - 1));
            }
        }
        return false;
    }

    private static int trimTrailingPunct(String s, int from, int to) {
        int j = to;
        while (j > from && ".,!?;:)…\"'".indexOf(s.charAt(j - 1)) >= 0) {
            j--;
        }
        return j;
    }

    private static boolean isUpper(String s, int from, int to) {
        for (int k = from; k < to; k++) {
            if (Character.isLowerCase(s.charAt(k))) {
                return false;
            }
        }
        return true;
    }

    /** WARM30, FALL2024, SAVE15NOW: upper-case letters with digits, 4 to 16 characters, at least 3 letters. */
    static boolean isPromoCode(String w) {
        return isPromoCode(w, 0, w.length());
    }

    private static boolean isPromoCode(String s, int from, int to) {
        int len = to - from;
        if (len < 4 || len > 16) {
            return false;
        }
        int letters = 0;
        int digits = 0;
        for (int k = from; k < to; k++) {
            char c = s.charAt(k);
            if (c >= 'A' && c <= 'Z') {
                letters++;
            } else if (c >= '0' && c <= '9') {
                digits++;
            } else {
                return false;
            }
        }
        return letters >= 3 && digits >= 1;
    }

    private static boolean isEmoji(int cp) {
        return cp >= 0x1F000 && cp <= 0x1FAFF || cp >= 0x2600 && cp <= 0x27BF || cp >= 0x2B00 && cp <= 0x2BFF
                || cp == 0x203C || cp == 0x2049 || cp >= 0x2190 && cp <= 0x21FF || cp >= 0x2300 && cp <= 0x23FF;
    }

    /** Lower-cases and removes the common Latin accents; other scripts pass through lower-cased. */
    static String fold(String w) {
        return fold(w, 0, w.length());
    }

    private static String fold(String s, int from, int to) {
        boolean upper = false;
        int k = from;
        for (; k < to; k++) {
            char c = s.charAt(k);
            if (c >= 128 || c == '\'') {
                break;
            }
            upper |= c >= 'A' && c <= 'Z';
        }
        if (k == to) {
            String w = s.substring(from, to);
            return upper ? w.toLowerCase(Locale.ROOT) : w;
        }
        char[] out = new char[to - from];
        int len = 0;
        for (int m = from; m < to; m++) {
            char f = foldChar(s.charAt(m));
            if (f != 0) {
                out[len++] = f;
            }
        }
        return new String(out, 0, len);
    }

    private static char foldChar(char c) {
        if (c < 128) {
            return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
        }
        switch (c) {
            case 'á', 'à', 'â', 'ä', 'ã', 'å', 'Á', 'À', 'Â', 'Ä', 'Ã', 'Å', 'ª' -> {
                return 'a';
            }
            case 'é', 'è', 'ê', 'ë', 'É', 'È', 'Ê', 'Ë' -> {
                return 'e';
            }
            case 'í', 'ì', 'î', 'ï', 'Í', 'Ì', 'Î', 'Ï' -> {
                return 'i';
            }
            case 'ó', 'ò', 'ô', 'ö', 'õ', 'Ó', 'Ò', 'Ô', 'Ö', 'Õ', 'º' -> {
                return 'o';
            }
            case 'ú', 'ù', 'û', 'ü', 'Ú', 'Ù', 'Û', 'Ü' -> {
                return 'u';
            }
            case 'ç', 'Ç' -> {
                return 'c';
            }
            case 'ñ', 'Ñ' -> {
                return 'n';
            }
            case '’' -> {
                return '\'';
            }
            case '\u0301', '\u0300', '\u0302', '\u0308', '\u0303', '\u0327' -> {
                return 0;
            }
            default -> {
                return Character.toLowerCase(c);
            }
        }
    }
}
