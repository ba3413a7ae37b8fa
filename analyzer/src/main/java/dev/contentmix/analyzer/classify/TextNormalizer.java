package dev.contentmix.analyzer.classify;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns a post's raw text into the token sequence the feature generators read. Things whose exact
 * spelling carries no meaning but whose presence does are replaced by a placeholder: prices
 * ({@code <price>}), percentages ({@code <pct>}), promo codes ({@code <code>}), links ({@code <url>}),
 * mentions ({@code <mention>}), e-mail addresses ({@code <email>}) and other numbers ({@code <num>}).
 * Hashtags keep their word with the {@code #}, emojis stay as themselves, words are lower-cased
 * and stripped of accents (writers drop them in posts), and sentence or line ends become {@link #BOUNDARY}.
 *
 * <p>A hand-written scanner rather than one big regular expression: it runs on every post, and it
 * is what keeps the whole pipeline as fast as OpenNLP's stock whitespace tokenizer plus bag of words.
 * Stateless and thread-safe.
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

    /** Tokens and, index for index, the text each came from (for showing signals in the writer's words). */
    public record Normalized(String[] tokens, String[] surface) {
        public Normalized {
            if (tokens.length != surface.length) {
                throw new IllegalArgumentException("tokens and surface differ in length");
            }
        }
    }

    private static final String[] CURRENCY_WORDS = {
        "usd", "eur", "gbp", "cad", "aud", "mxn", "brl", "chf", "sek", "nok", "dkk", "inr", "jpy",
        "kr", "euro", "euros", "dollars", "dollar", "reais", "real", "pesos", "zl", "yen", "rupees"
    };

    private static final String[] URL_SUFFIXES = {
        ".com", ".net", ".org", ".io", ".co", ".shop", ".store", ".app", ".ly", ".me", ".es", ".fr",
        ".de", ".pt", ".br", ".uk", ".eu", ".info", ".biz", ".gg", ".tv", ".link", ".ai", ".mx", ".ar",
        ".at", ".ch", ".be", ".it", ".nl", ".us", ".ca", ".au", ".dev", ".page", ".site", ".online"
    };

    private TextNormalizer() {
    }

    /** Normalises one text; never null. */
    public static Normalized normalize(String text) {
        List<String> tokens = new ArrayList<>(48);
        List<String> surface = new ArrayList<>(48);
        int n = text.length();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (c == '\n') {
                boundary(tokens, surface);
                i++;
                continue;
            }
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            int end = tokenEnd(text, i);
            String raw = text.substring(i, end);
            classify(raw, tokens, surface);
            i = end;
        }
        // drop a trailing boundary: the end of the text is a boundary anyway
        int last = tokens.size() - 1;
        if (last >= 0 && tokens.get(last) == BOUNDARY) {
            tokens.remove(last);
            surface.remove(last);
        }
        return new Normalized(tokens.toArray(new String[0]), surface.toArray(new String[0]));
    }

    /** The normalised tokens only. */
    public static String[] tokens(String text) {
        return normalize(text).tokens();
    }

    private static void boundary(List<String> tokens, List<String> surface) {
        if (!tokens.isEmpty() && tokens.get(tokens.size() - 1) != BOUNDARY) {
            tokens.add(BOUNDARY);
            surface.add(".");
        }
    }

    /**
     * End of the whitespace-delimited chunk starting at i; a price written with a space between
     * amount and currency ("42 €", "€ 69", the usual European style) stays one chunk.
     */
    private static int tokenEnd(String text, int i) {
        int n = text.length();
        int j = i;
        while (j < n && !Character.isWhitespace(text.charAt(j))) {
            j++;
        }
        if (j + 1 < n && text.charAt(j) == ' ') {
            int symbol = isCurrencySymbolAt(text, i);
            if (symbol > 0 && symbol == j - i && Character.isDigit(text.charAt(j + 1))) {
                return chunkEnd(text, j + 1);
            }
            if (Character.isDigit(text.charAt(j - 1)) && isCurrencySymbolAt(text, j + 1) > 0) {
                return chunkEnd(text, j + 1);
            }
        }
        return j;
    }

    private static int chunkEnd(String text, int i) {
        int j = i;
        while (j < text.length() && !Character.isWhitespace(text.charAt(j))) {
            j++;
        }
        return j;
    }

    /** Splits a whitespace-free chunk into tokens and adds them. */
    private static void classify(String raw, List<String> tokens, List<String> surface) {
        String lower = raw.toLowerCase(Locale.ROOT);
        if (isUrl(lower)) {
            add(tokens, surface, URL, trimTrailingPunct(raw));
            if (endsWithSentencePunct(raw)) {
                boundary(tokens, surface);
            }
            return;
        }
        int at = raw.indexOf('@');
        if (at > 0 && raw.indexOf('.', at) > at && Character.isLetterOrDigit(raw.charAt(at - 1))) {
            add(tokens, surface, EMAIL, trimTrailingPunct(raw));
            return;
        }
        int n = raw.length();
        int i = 0;
        while (i < n) {
            char c = raw.charAt(i);
            int cp = raw.codePointAt(i);
            if (c == '@' && i + 1 < n && isWordChar(raw.charAt(i + 1))) {
                int j = i + 1;
                while (j < n && (isWordChar(raw.charAt(j)) || raw.charAt(j) == '.' && j + 1 < n && isWordChar(raw.charAt(j + 1)))) {
                    j++;
                }
                add(tokens, surface, MENTION, raw.substring(i, j));
                i = j;
            } else if (c == '#' && i + 1 < n && Character.isLetterOrDigit(raw.codePointAt(i + 1))) {
                int j = i + 1;
                while (j < n && isWordChar(raw.charAt(j))) {
                    j++;
                }
                add(tokens, surface, "#" + fold(raw.substring(i + 1, j)), raw.substring(i, j));
                i = j;
            } else if (isCurrencySymbolAt(raw, i) > 0 && nextIsDigit(raw, i + isCurrencySymbolAt(raw, i))) {
                int j = numberEnd(raw, i + isCurrencySymbolAt(raw, i));
                add(tokens, surface, PRICE, raw.substring(i, j));
                i = j;
            } else if (Character.isDigit(c)) {
                int j = numberEnd(raw, i);
                if (j < n && raw.charAt(j) == '%') {
                    add(tokens, surface, PERCENT, raw.substring(i, j + 1));
                    i = j + 1;
                } else if (isCurrencySymbolAt(raw, j) > 0 || j + 1 < n && raw.charAt(j) == ' ' && isCurrencySymbolAt(raw, j + 1) > 0) {
                    int from = raw.charAt(j) == ' ' ? j + 1 : j;
                    int k = from + isCurrencySymbolAt(raw, from);
                    add(tokens, surface, PRICE, raw.substring(i, k));
                    i = k;
                } else if (j < n && Character.isLetter(raw.charAt(j))) {
                    // 24h, 3x, 2nd, 4K, B2B-like mixes: keep as one word-ish token
                    int k = wordEnd(raw, j);
                    String w = raw.substring(i, k);
                    add(tokens, surface, isPromoCode(w) ? CODE : fold(w), w);
                    i = k;
                } else {
                    add(tokens, surface, NUMBER, raw.substring(i, j));
                    i = j;
                }
            } else if (Character.isLetter(cp)) {
                int j = wordEnd(raw, i);
                String w = raw.substring(i, j);
                // "-15" in SPRING-15 belongs to the code
                if (j + 1 < n && raw.charAt(j) == '-' && Character.isDigit(raw.charAt(j + 1)) && isUpper(w)) {
                    int k = j + 1;
                    while (k < n && Character.isLetterOrDigit(raw.charAt(k))) {
                        k++;
                    }
                    add(tokens, surface, CODE, raw.substring(i, k));
                    i = k;
                    continue;
                }
                if (isPromoCode(w)) {
                    add(tokens, surface, CODE, w);
                } else if (isCurrencyWord(w.toLowerCase(Locale.ROOT)) && precededByNumber(tokens)) {
                    // "19.99 USD", "1.299 kr", "25 euros": the number before becomes the price
                    tokens.set(tokens.size() - 1, PRICE);
                    surface.set(surface.size() - 1, surface.get(surface.size() - 1) + " " + w);
                } else {
                    add(tokens, surface, fold(w), w);
                }
                i = j;
            } else if (c == '%' && precededByNumber(tokens)) {
                tokens.set(tokens.size() - 1, PERCENT);
                surface.set(surface.size() - 1, surface.get(surface.size() - 1) + " %");
                i++;
            } else if (c == '?') {
                // a question is a different act from a statement; keep the mark as a word
                add(tokens, surface, "?", "?");
                boundary(tokens, surface);
                while (i + 1 < n && raw.charAt(i + 1) == '?') {
                    i++;
                }
                i++;
            } else if (c == '.' || c == '!' || c == '…') {
                boundary(tokens, surface);
                i++;
            } else if (isEmoji(cp)) {
                int j = i + Character.charCount(cp);
                // skin tones, variation selectors and joiners belong to the emoji before
                while (j < n && isEmojiModifier(raw.codePointAt(j))) {
                    j += Character.charCount(raw.codePointAt(j));
                }
                add(tokens, surface, new String(Character.toChars(cp)), raw.substring(i, j));
                i = j;
            } else if (c == '→' || c == '➡' || c == '⬇' || c == '↓' || c == '>') {
                add(tokens, surface, "→", String.valueOf(c));
                i++;
            } else {
                i += Character.charCount(cp);
            }
        }
    }

    private static void add(List<String> tokens, List<String> surface, String token, String text) {
        tokens.add(token);
        surface.add(text);
    }

    private static boolean precededByNumber(List<String> tokens) {
        return !tokens.isEmpty() && tokens.get(tokens.size() - 1) == NUMBER;
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    private static int wordEnd(String s, int i) {
        int n = s.length();
        int j = i;
        while (j < n) {
            char c = s.charAt(j);
            if (Character.isLetterOrDigit(c) || Character.getType(c) == Character.NON_SPACING_MARK) {
                j++;
            } else if ((c == '\'' || c == '’' || c == '-') && j + 1 < n && Character.isLetter(s.charAt(j + 1)) && j > i) {
                j++;
            } else {
                break;
            }
        }
        return j;
    }

    private static boolean nextIsDigit(String s, int i) {
        if (i < s.length() && s.charAt(i) == ' ') {
            i++;
        }
        return i < s.length() && Character.isDigit(s.charAt(i));
    }

    /** End of a number such as 1.299,00 or 19.99 or 3,000 or 10k starting at i (a leading space is skipped). */
    private static int numberEnd(String s, int i) {
        int n = s.length();
        if (i < n && s.charAt(i) == ' ') {
            i++;
        }
        int j = i;
        while (j < n) {
            char c = s.charAt(j);
            if (Character.isDigit(c)) {
                j++;
            } else if ((c == '.' || c == ',' || c == ':' || c == '/') && j + 1 < n && Character.isDigit(s.charAt(j + 1))) {
                j++;
            } else {
                break;
            }
        }
        if (j < n && (s.charAt(j) == 'k' || s.charAt(j) == 'K') && (j + 1 == n || !Character.isLetter(s.charAt(j + 1)))) {
            j++;
        }
        return j;
    }

    /** Length of a currency symbol at i, or 0. */
    private static int isCurrencySymbolAt(String s, int i) {
        if (i >= s.length()) {
            return 0;
        }
        char c = s.charAt(i);
        switch (c) {
            case '$', '€', '£', '¥', '₹', '₩', '₺', '₽', '¢', '₱' -> {
                return 1;
            }
            default -> {
            }
        }
        // R$ 89, CA$40, US$5, A$12, MX$300, C$9
        int j = i;
        while (j < s.length() && j - i < 3 && Character.isUpperCase(s.charAt(j))) {
            j++;
        }
        if (j > i && j < s.length() && s.charAt(j) == '$') {
            return j - i + 1;
        }
        return 0;
    }

    private static boolean isCurrencyWord(String lower) {
        for (String w : CURRENCY_WORDS) {
            if (w.equals(lower)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isUrl(String lower) {
        if (lower.startsWith("http://") || lower.startsWith("https://") || lower.startsWith("www.")) {
            return true;
        }
        int slash = lower.indexOf('/');
        String host = slash > 0 ? lower.substring(0, slash) : trimTrailingPunct(lower);
        if (host.indexOf('.') <= 0 || host.indexOf('@') >= 0) {
            return false;
        }
        for (String suffix : URL_SUFFIXES) {
            if (host.endsWith(suffix) && host.length() > suffix.length()) {
                return true;
            }
        }
        // bit.ly/xyz, t.co/abc: anything with a dot before a slash and a path
        return slash > 0 && host.chars().allMatch(ch -> Character.isLetterOrDigit(ch) || ch == '.' || ch == '-');
    }

    private static String trimTrailingPunct(String s) {
        int j = s.length();
        while (j > 0 && ".,!?;:)…\"'".indexOf(s.charAt(j - 1)) >= 0) {
            j--;
        }
        return s.substring(0, j);
    }

    private static boolean endsWithSentencePunct(String s) {
        char c = s.charAt(s.length() - 1);
        return c == '.' || c == '!' || c == '?' || c == '…';
    }

    private static boolean isUpper(String w) {
        for (int k = 0; k < w.length(); k++) {
            if (Character.isLowerCase(w.charAt(k))) {
                return false;
            }
        }
        return true;
    }

    /** WARM30, FALL2024, SAVE15NOW: upper-case letters with digits, 4 to 16 characters, at least 3 letters. */
    static boolean isPromoCode(String w) {
        int len = w.length();
        if (len < 4 || len > 16) {
            return false;
        }
        int letters = 0;
        int digits = 0;
        for (int k = 0; k < len; k++) {
            char c = w.charAt(k);
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
                || cp == 0x2764 || cp == 0x203C || cp == 0x2049 || cp >= 0x2190 && cp <= 0x21FF;
    }

    private static boolean isEmojiModifier(int cp) {
        return cp == 0xFE0F || cp == 0x200D || cp >= 0x1F3FB && cp <= 0x1F3FF || cp == 0x20E3;
    }

    /** Lower-cases and removes the common Latin accents; other scripts pass through lower-cased. */
    static String fold(String w) {
        StringBuilder sb = null;
        int n = w.length();
        for (int k = 0; k < n; k++) {
            char c = w.charAt(k);
            char f = foldChar(c);
            if (f != c) {
                if (sb == null) {
                    sb = new StringBuilder(n);
                    sb.append(w, 0, k);
                }
                if (f != 0) {
                    sb.append(f);
                }
            } else if (sb != null) {
                sb.append(c);
            }
        }
        return sb == null ? w : sb.toString();
    }

    private static char foldChar(char c) {
        if (c < 128) {
            return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c == '\u2019' ? '\'' : c;
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
            case '\u0301', '\u0300', '\u0302', '\u0308', '\u0303' -> {
                return 0;
            }
            default -> {
                return Character.toLowerCase(c);
            }
        }
    }
}
