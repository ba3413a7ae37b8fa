package dev.contentmix.analyzer.classify;

import java.util.Map;
import opennlp.tools.ml.model.AbstractModel;
import opennlp.tools.ml.model.Context;
import opennlp.tools.ml.model.MaxentModel;

/**
 * OpenNLP's language detection model ({@code langdetect-183.bin}, a GIS model over character 1- to
 * 3-grams and 103 languages) evaluated without OpenNLP's per-call machinery. {@code LanguageDetectorME}
 * runs five regular-expression normalisers over the text, makes a {@code CharBuffer} and a string per
 * n-gram, hashes each into a map, sums the weights and then takes {@code exp} of and sorts all 103
 * languages: about 95 µs for a 130-character post, ten times the rest of the classification. This
 * class reads the same weights once, at load, into primitive arrays keyed by the n-gram packed into a
 * {@code long}, and scores a text in one pass with no per-n-gram allocation.
 *
 * <p>The scores are the model's own: for every n-gram the model knows, the same weights are summed
 * for the same languages, so the ranking is the detector's. What differs is the normalisation, which
 * is a single scan here instead of the regular expressions, with the same intent: links, hashtags,
 * mentions, digits and emojis are dropped, whitespace runs become one space, a character repeated more
 * than twice is kept twice, and the text is lower-cased. {@code NgramLanguageModelTest} measures
 * agreement with {@code LanguageDetectorME} on the corpus. Immutable and thread-safe.
 */
final class NgramLanguageModel {

    /** Scores of one text: the model's log-linear sums per language (index = outcome), before softmax. */
    record Scores(double[] sums, int grams) {
    }

    private final String[] outcomes;
    /**
     * Open-addressing table of packed n-grams: slot s holds the key at {@code 2s} (0 = empty) and, in
     * the same cache line, where its weights are at {@code 2s + 1} ({@code start << 8 | count}). The
     * table and the weights are megabytes, so a lookup is a cache miss: one per n-gram here, where
     * OpenNLP's map of strings costs several.
     */
    private final long[] table;
    private final int mask;
    /** Weights of the rarer n-grams one after another: {@code outcome << 32 | floatBits(weight)}. */
    private final long[] weights;
    /**
     * Weights of the common n-grams, one dense row of all outcomes each, in fixed point ({@link #step}
     * a unit): a typical post's 215 known n-grams carry 20,000 weights, nearly all in these rows, and a
     * dense row is summed with vector instructions instead of one scattered add per weight. Sixteen
     * bits instead of a float halve the megabytes read per post (most of them cache misses under load);
     * with langdetect-183's weights (at most 0.36 in size) a unit is 1.1e-5, so a post's sum moves by
     * less than 0.002 and the guesses on the corpus are unchanged (measured: 5,800 of 5,800).
     */
    private final short[] dense;
    /** The weight of one unit of {@link #dense}. */
    private final double step;
    /** Shorts in a 64-byte cache line. */
    private static final int LINE = 32;
    /** Marks a table entry whose weights are the dense row {@code entry & ~DENSE}. */
    private static final long DENSE = 1L << 62;
    /** N-grams with at least this many outcomes get a dense row (about 11,800 of 146,000 in langdetect-183). */
    static final int DENSE_FROM = 30;

    private NgramLanguageModel(String[] outcomes, long[] table, long[] weights, float[] dense) {
        this.outcomes = outcomes;
        this.table = table;
        this.mask = table.length / 2 - 1;
        this.weights = weights;
        float max = Float.MIN_NORMAL;
        for (float w : dense) {
            max = Math.max(max, Math.abs(w));
        }
        this.step = max / Short.MAX_VALUE;
        this.dense = new short[dense.length];
        for (int i = 0; i < dense.length; i++) {
            this.dense[i] = (short) Math.round(dense[i] / step);
        }
    }

    /** Reads the weights of an OpenNLP language detection model (a maxent model over character n-grams). */
    @SuppressWarnings("unchecked")
    static NgramLanguageModel of(MaxentModel model) {
        if (!(model instanceof AbstractModel m)) {
            throw new IllegalArgumentException("not an OpenNLP maxent model: " + model.getClass().getName());
        }
        // AbstractModel#getDataStructures: [Context[] params, Map<String, Context> pmap, String[] outcomes]
        Object[] data = m.getDataStructures();
        Map<String, Context> pmap = (Map<String, Context>) data[1];
        String[] outcomes = (String[]) data[2];
        if (outcomes.length > 255) {
            throw new IllegalArgumentException("too many outcomes: " + outcomes.length);
        }
        int n = 0;
        int params = 0;
        int rows = 0;
        for (Map.Entry<String, Context> e : pmap.entrySet()) {
            if (packable(e.getKey())) {
                n++;
                int count = e.getValue().getOutcomes().length;
                if (count >= DENSE_FROM) {
                    rows++;
                } else {
                    params += count;
                }
            }
        }
        float[] dense = new float[rows * outcomes.length];
        int row = 0;
        // load factor about 0.56: half the megabytes of 0.28, and a miss still ends within a cache line or two
        int capacity = Integer.highestOneBit(Math.max(2, n)) * 2;
        long[] table = new long[2 * capacity];
        long[] weights = new long[params];
        int at = 0;
        for (Map.Entry<String, Context> e : pmap.entrySet()) {
            String gram = e.getKey();
            if (!packable(gram)) {
                continue;
            }
            long key = pack(gram, 0, gram.length());
            int slot = slot(key, capacity - 1);
            while (table[2 * slot] != 0) {
                slot = (slot + 1) & (capacity - 1);
            }
            int[] ids = e.getValue().getOutcomes();
            double[] values = e.getValue().getParameters();
            table[2 * slot] = key;
            if (ids.length >= DENSE_FROM) {
                table[2 * slot + 1] = DENSE | row;
                for (int k = 0; k < ids.length; k++) {
                    dense[row * outcomes.length + ids[k]] = (float) values[k];
                }
                row++;
            } else {
                table[2 * slot + 1] = ((long) at << 8) | ids.length;
                for (int k = 0; k < ids.length; k++) {
                    weights[at++] = ((long) ids[k] << 32) | (Float.floatToRawIntBits((float) values[k]) & 0xFFFFFFFFL);
                }
            }
        }
        return new NgramLanguageModel(outcomes, table, weights, dense);
    }

    int outcomeCount() {
        return outcomes.length;
    }

    /** The model's code (ISO 639-3) of outcome i. */
    String outcome(int i) {
        return outcomes[i];
    }

    /** Index of an outcome code, or -1. */
    int indexOf(String code) {
        for (int i = 0; i < outcomes.length; i++) {
            if (outcomes[i].equals(code)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Scores the first {@code maxChars} characters of a text: the sum of the weights of every distinct
     * 1-, 2- and 3-gram of the normalised text, per language, as the detector's maxent model sums them
     * (every n-gram counts once, as in {@code LanguageDetectorME}).
     */
    Scores score(CharSequence text, int maxChars) {
        return score(text, maxChars, Double.POSITIVE_INFINITY);
    }

    /** Characters read before the first look at the scores, and between looks. */
    static final int FIRST_LOOK = 40;
    static final int NEXT_LOOK = 20;

    /**
     * The same, but reading stops at a look ({@link #FIRST_LOOK} characters, then every
     * {@link #NEXT_LOOK}) where the first language leads the second by at least {@code clearMargin}
     * (a softmax share of 1 / (1 + e^-margin) of the top two): the rest of the text would rarely
     * change the first choice, and reading it is most of the cost. The scores are then those of the
     * text read so far; {@code grams} counts the n-grams read.
     */
    Scores score(CharSequence text, int maxChars, double clearMargin) {
        char[] chars = normalize(text, maxChars);
        int n = chars.length;
        int m = outcomes.length;
        double[] sums = new double[m];
        if (n == 0) {
            return new Scores(sums, 0);
        }
        // 1. the distinct n-grams of this text in order of first occurrence, by an open-addressing set
        // sized for all of them; looks[k]: how many start before the k-th look
        long[] seen = new long[Integer.highestOneBit(3 * n) * 4];
        int seenMask = seen.length - 1;
        long[] distinct = new long[3 * n];
        int[] looks = new int[n / NEXT_LOOK + 2];
        int lookCount = 0;
        int nextLook = clearMargin == Double.POSITIVE_INFINITY ? Integer.MAX_VALUE : FIRST_LOOK;
        int count = 0;
        for (int i = 0; i < n; i++) {
            if (i == nextLook) {
                looks[lookCount++] = count;
                nextLook += NEXT_LOOK;
            }
            long key = 0;
            for (int len = 1; len <= 3 && i + len <= n; len++) {
                key = (key << 16) | chars[i + len - 1];
                long packed = key | ((long) len << 48);
                int s = slot(packed, seenMask);
                long k;
                while ((k = seen[s]) != 0 && k != packed) {
                    s = (s + 1) & seenMask;
                }
                if (k == 0) {
                    seen[s] = packed;
                    distinct[count++] = packed;
                }
            }
        }
        looks[lookCount++] = count;
        int[] denseSums = new int[m];
        int found = 0;
        int from = 0;
        for (int look = 0; look < lookCount; look++) {
            int to = looks[look];
            found += sum(distinct, from, to, sums, denseSums);
            from = to;
            if (to < count && clear(sums, denseSums, clearMargin)) {
                break;
            }
        }
        for (int o = 0; o < m; o++) {
            sums[o] += denseSums[o] * step;
        }
        return new Scores(sums, found);
    }

    /** Adds the weights of distinct[from, to) to the sums; returns how many of them the model knows. */
    private int sum(long[] distinct, int from, int to, double[] sums, int[] denseSums) {
        int m = outcomes.length;
        // 2. where their weights are: independent lookups in a table of megabytes, so the CPU
        // overlaps the cache misses (in the summing loop below, each would wait for the one before)
        for (int g = from; g < to; g++) {
            distinct[g] = weightsOf(distinct[g]);
        }
        // 3. the dense rows' cache lines, again as independent loads: summing row after row, the CPU
        // waits for each row's misses in turn (measured with caches flushed: 90 -> 65 us a post)
        int touched = 0;
        for (int g = from; g < to; g++) {
            long where = distinct[g];
            if (where >= DENSE) {
                int base = (int) (where & ~DENSE) * m;
                for (int o = 0; o < m; o += LINE) {
                    touched |= dense[base + o];
                }
            }
        }
        // shorts OR-ed into an int have the top half all zeros or all ones: this never adds, yet the JIT
        // cannot know it, so it keeps the loads
        denseSums[0] += touched == 0x12345678 ? 1 : 0;
        // 4. the sums
        int found = 0;
        for (int g = from; g < to; g++) {
            long where = distinct[g];
            if (where >= DENSE) {
                found++;
                int base = (int) (where & ~DENSE) * m;
                for (int o = 0; o < m; o++) {
                    denseSums[o] += dense[base + o];
                }
            } else if (where >= 0) {
                found++;
                for (int k = (int) (where >>> 8), end = k + (int) (where & 0xFF); k < end; k++) {
                    long w = weights[k];
                    sums[(int) (w >>> 32)] += Float.intBitsToFloat((int) w);
                }
            }
        }
        return found;
    }

    /** Whether the first language leads the second by at least the margin. */
    private boolean clear(double[] sums, int[] denseSums, double margin) {
        double first = Double.NEGATIVE_INFINITY;
        double second = Double.NEGATIVE_INFINITY;
        for (int o = 0; o < sums.length; o++) {
            double v = sums[o] + denseSums[o] * step;
            if (v > first) {
                second = first;
                first = v;
            } else if (v > second) {
                second = v;
            }
        }
        return first - second >= margin;
    }

    /** {@code DENSE | row}, or {@code start << 8 | count}, of an n-gram's weights; -1 when the model does not know it. */
    private long weightsOf(long packed) {
        int s = slot(packed, mask);
        long k;
        while ((k = table[2 * s]) != 0) {
            if (k == packed) {
                return table[2 * s + 1];
            }
            s = (s + 1) & mask;
        }
        return -1;
    }

    /**
     * The text as the detector reads it, in one scan: links ({@code http(s)://...}), hashtags and
     * mentions (from {@code #} or {@code @} to the next space) dropped; digits and characters outside
     * the basic plane (emojis) become spaces; runs of spaces become one, a character repeated more than
     * twice is kept twice; lower case; trimmed. Only the first {@code maxChars} input characters are read.
     */
    static char[] normalize(CharSequence text, int maxChars) {
        int n = Math.min(text.length(), maxChars);
        char[] out = new char[n];
        int size = 0;
        char last = ' ';
        int run = 0;
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            boolean tagOrMention = (c == '#' || c == '@') && i + 1 < n && !Character.isWhitespace(text.charAt(i + 1));
            if (tagOrMention || (c == 'h' || c == 'H') && startsLink(text, i, n)) {
                while (i < n && !Character.isWhitespace(text.charAt(i))) {
                    i++;
                }
                c = ' ';
            } else {
                i++;
                if (c >= '0' && c <= '9' || Character.isSurrogate(c) || Character.isWhitespace(c)) {
                    c = ' ';
                } else {
                    c = Character.toLowerCase(c);
                }
            }
            if (c == ' ') {
                if (size == 0 || last == ' ') {
                    continue;
                }
                run = 1;
            } else if (c == last) {
                if (++run > 2) {
                    continue;
                }
            } else {
                run = 1;
            }
            out[size++] = c;
            last = c;
        }
        if (size > 0 && out[size - 1] == ' ') {
            size--;
        }
        return size == out.length ? out : java.util.Arrays.copyOf(out, size);
    }

    private static boolean startsLink(CharSequence s, int i, int n) {
        return regionIs(s, i, n, "http://") || regionIs(s, i, n, "https://");
    }

    private static boolean regionIs(CharSequence s, int i, int n, String prefix) {
        if (i + prefix.length() > n) {
            return false;
        }
        for (int k = 0; k < prefix.length(); k++) {
            if (Character.toLowerCase(s.charAt(i + k)) != prefix.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /** N-grams of one to three characters pack into a long: length in bits 48-49, characters in order below. */
    private static boolean packable(String gram) {
        return !gram.isEmpty() && gram.length() <= 3;
    }

    static long pack(CharSequence s, int from, int to) {
        long key = 0;
        for (int k = from; k < to; k++) {
            key = (key << 16) | s.charAt(k);
        }
        return key | ((long) (to - from) << 48);
    }

    private static int slot(long key, int mask) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }
}
