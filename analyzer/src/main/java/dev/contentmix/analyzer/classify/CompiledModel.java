package dev.contentmix.analyzer.classify;

import dev.contentmix.events.Label;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import opennlp.tools.doccat.DoccatModel;
import opennlp.tools.doccat.FeatureGenerator;
import opennlp.tools.ml.maxent.quasinewton.QNModel;
import opennlp.tools.ml.model.AbstractModel;
import opennlp.tools.ml.model.Context;
import opennlp.tools.ml.model.MaxentModel;

/**
 * The trained maxent model, read once into flat arrays, and the five feature generators replayed
 * over the tokens without building a feature string. Through OpenNLP, every post allocates one
 * string per pair ({@code "shop now"}) and per ending word ({@code "end=now"}) only for the model to
 * hash it and look it up in a {@code HashMap}, and the generators ask the stop-word table and the
 * cue lexicon about every token again; that was most of the cost of classifying.
 *
 * <p>Here each token is looked up once, by the hash the string caches and an exact comparison, in a
 * vocabulary of every string a known feature can be made of: the model's predicate names, both
 * sides of every pair, the word of every {@code end=} name, and the words of the {@link Cues}
 * lexicon. Its entry answers what the generators ask: the predicate of the word and of
 * {@code end=word}, whether it is a grammar word, its shape, and which cue phrases can start at it.
 * Pairs are then found by the two word ids, and cue phrases matched by ids. A token outside the
 * vocabulary takes part in no feature the model knows (except a cue stem such as {@code refund*},
 * which is checked on its characters), so nothing is lost by not naming it.
 *
 * <p>The result is bit for bit {@code maxent.eval(features)[sales]}: the features are visited in the
 * generators' order (the model file's), duplicates count as often as they occur, the two sums are
 * added in the same order, and the normalisation is {@code QNModel}'s, {@code StrictMath} included.
 * It has to be: {@code train} fits the calibration on these probabilities, and the shipped model
 * must stay a byte-for-byte rebuild. {@code CompiledModelTest} holds it to that on the whole corpus.
 *
 * <p>Only a QN model with sales and value outcomes and this project's generators compiles
 * ({@link #of} returns null otherwise, and the caller keeps OpenNLP's path). Immutable and thread-safe.
 */
public final class CompiledModel {

    private static final int WORD = 0;
    private static final int BIGRAM = 1;
    private static final int CUE = 2;
    private static final int SHAPE = 3;
    private static final int TAIL = 4;

    private static final String TAIL_PREFIX = "end=";
    /** Id of {@link TextNormalizer#BOUNDARY} in the vocabulary. */
    private static final int BOUNDARY = 0;

    /**
     * Per vocabulary word, {@code INFO} ints side by side (two words to a cache line): the predicate of
     * the word and of {@code end=word} (or -1), grammar (1 or 0), its {@code IS_*} shape, the cue phrases
     * that can start at it (a list or -1; 1 in {@code INFO_CUES_BY_NEXT} when the next word narrows them
     * down further, through {@code cuesByNext}), and the phrases starting with a stem of it (a list or -1).
     */
    private static final int INFO = 8;
    private static final int INFO_WORD = 0;
    private static final int INFO_END = 1;
    private static final int INFO_GRAMMAR = 2;
    private static final int INFO_SHAPE = 3;
    private static final int INFO_CUES = 4;
    private static final int INFO_CUES_BY_NEXT = 5;
    private static final int INFO_STEMS = 6;

    /** What {@link ShapeFeatureGenerator} counts a token as. */
    private static final int IS_OTHER = 0;
    private static final int IS_PRICE = 1;
    private static final int IS_PCT = 2;
    private static final int IS_CODE = 3;
    private static final int IS_URL = 4;
    private static final int IS_HASHTAG = 5;
    private static final int IS_WORD = 6;
    private static final int IS_EMOJI = 7;

    /** The names {@link ShapeFeatureGenerator} emits, by the {@code SHAPE_*} indexes below. */
    private static final String[] SHAPE_FEATURES = {
        "shape:price", "shape:price@end", "shape:pct", "shape:code", "shape:url", "shape:url@end", "shape:reply",
        "shape:len=short", "shape:len=mid", "shape:len=long", "shape:emojis", "shape:hashtags"
    };
    private static final int SHAPE_PRICE = 0;
    private static final int SHAPE_PRICE_END = 1;
    private static final int SHAPE_PCT = 2;
    private static final int SHAPE_CODE = 3;
    private static final int SHAPE_URL = 4;
    private static final int SHAPE_URL_END = 5;
    private static final int SHAPE_REPLY = 6;
    private static final int SHAPE_LEN_SHORT = 7;
    private static final int SHAPE_LEN_MID = 8;
    private static final int SHAPE_LEN_LONG = 9;
    private static final int SHAPE_EMOJIS = 10;
    private static final int SHAPE_HASHTAGS = 11;

    /** In a compiled cue phrase: any word, or a stem (see {@link Cues}). */
    private static final int ANY = -1;
    private static final int STEM = -2;

    /**
     * Cue phrases in {@link Cues#find}'s order, flat: per phrase its group, its length, then per word a
     * word id, {@link #ANY} or {@link #STEM} (the stem is then in {@code stems} at the same index).
     */
    private record CueList(int[] program, String[] stems) {
    }

    /** The generators as stages, in the model's order. */
    private final int[] stages;

    /** Per predicate: name, weight for sales, weight for value (0 where the model has none: adding 0 changes no sum). */
    private final String[] names;
    private final double[] sales;
    private final double[] value;

    /** Vocabulary: words by id; open addressing, two ints a slot: the word's hash, then id + 1 (0 = empty). */
    private final String[] words;
    private final int[] vocabulary;
    private final int vocabularyMask;
    private final int[] info;

    /** Predicate of the pair {@code "left right"} by the two word ids. */
    private final PairTable pairs;

    /** Cue phrase lists; by first word and next word; by a token's first two (ASCII) characters, or -1. */
    private final CueList[] cueLists;
    private final PairTable cuesByNext;
    private final int[] cuesByStem;

    /** Predicate of each constant feature, or -1 when the model does not know it. */
    private final int[] cue;
    private final int[] end;
    private final int[] start;
    private final int[] shape;

    private CompiledModel(int[] stages, Map<String, Context> pmap, int salesIndex, int valueIndex) {
        this.stages = stages;
        int n = pmap.size();
        this.names = new String[n];
        this.sales = new double[n];
        this.value = new double[n];
        int p = 0;
        for (Map.Entry<String, Context> e : pmap.entrySet()) {
            names[p] = e.getKey();
            int[] outcomes = e.getValue().getOutcomes();
            double[] parameters = e.getValue().getParameters();
            for (int k = 0; k < outcomes.length; k++) {
                if (outcomes[k] == salesIndex) {
                    sales[p] = parameters[k];
                } else if (outcomes[k] == valueIndex) {
                    value[p] = parameters[k];
                }
            }
            p++;
        }

        // the vocabulary: every string a known feature can be made of
        Map<String, Integer> ids = new HashMap<>();
        List<String> list = new ArrayList<>();
        idOf(TextNormalizer.BOUNDARY, ids, list);
        int pairCount = 0;
        for (String name : names) {
            idOf(name, ids, list);
            if (name.startsWith(TAIL_PREFIX)) {
                idOf(name.substring(TAIL_PREFIX.length()), ids, list);
            }
            // any space could be the one between the two tokens of a pair
            for (int k = name.indexOf(' '); k >= 0; k = name.indexOf(' ', k + 1)) {
                idOf(name.substring(0, k), ids, list);
                idOf(name.substring(k + 1), ids, list);
                pairCount++;
            }
        }
        for (Cues.Pattern c : Cues.patterns()) {
            for (int k = 0; k < c.words().length; k++) {
                if (c.words()[k] != null && !c.prefix()[k]) {
                    idOf(c.words()[k], ids, list);
                }
            }
        }
        int v = list.size();
        this.words = list.toArray(new String[0]);
        int capacity = Integer.highestOneBit(Math.max(2, v)) * 4;
        this.vocabulary = new int[2 * capacity];
        this.vocabularyMask = capacity - 1;
        for (int id = 0; id < v; id++) {
            int h = words[id].hashCode();
            int slot = h & vocabularyMask;
            while (vocabulary[2 * slot + 1] != 0) {
                slot = (slot + 1) & vocabularyMask;
            }
            vocabulary[2 * slot] = h;
            vocabulary[2 * slot + 1] = id + 1;
        }

        this.info = new int[INFO * v];
        for (int id = 0; id < v; id++) {
            info[INFO * id + INFO_WORD] = -1;
            info[INFO * id + INFO_END] = -1;
            info[INFO * id + INFO_GRAMMAR] = Stopwords.isGrammar(words[id]) ? 1 : 0;
            info[INFO * id + INFO_SHAPE] = shapeOf(words[id]);
        }
        this.pairs = new PairTable(pairCount);
        for (p = 0; p < n; p++) {
            String name = names[p];
            info[INFO * ids.get(name) + INFO_WORD] = p;
            if (name.startsWith(TAIL_PREFIX)) {
                info[INFO * ids.get(name.substring(TAIL_PREFIX.length())) + INFO_END] = p;
            }
            for (int k = name.indexOf(' '); k >= 0; k = name.indexOf(' ', k + 1)) {
                pairs.put(ids.get(name.substring(0, k)), ids.get(name.substring(k + 1)), p);
            }
        }

        // cue phrases: Cues.find tries, at each token, the phrases whose first word it is, then those
        // whose first stem starts it; the lists here are the same lists without the phrases that cannot
        // match (another second word, another stem), in the same order
        List<CueList> lists = new ArrayList<>();
        this.cuesByStem = new int[128 * 128];
        for (char a = 0; a < 128; a++) {
            for (char b = 0; b < 128; b++) {
                Cues.Pattern[] stemmed = Cues.byPrefix(a, b);
                cuesByStem[a * 128 + b] = stemmed == null ? -1 : add(lists, compile(List.of(stemmed), ids));
            }
        }
        List<long[]> byNext = new ArrayList<>();
        for (int id = 0; id < v; id++) {
            String w = words[id];
            Cues.Pattern[] first = Cues.byFirstWord(w);
            info[INFO * id + INFO_CUES] = -1;
            if (first != null) {
                Set<String> seconds = new LinkedHashSet<>();
                for (Cues.Pattern c : first) {
                    if (exactSecond(c) != null) {
                        seconds.add(exactSecond(c));
                    }
                }
                List<Cues.Pattern> any = matching(first, null);
                info[INFO * id + INFO_CUES] = any.isEmpty() ? -1 : add(lists, compile(any, ids));
                info[INFO * id + INFO_CUES_BY_NEXT] = seconds.isEmpty() ? 0 : 1;
                for (String second : seconds) {
                    byNext.add(new long[]{id, ids.get(second), add(lists, compile(matching(first, second), ids))});
                }
            }
            List<Cues.Pattern> stemmed = new ArrayList<>();
            int all = w.length() >= 2 && w.charAt(0) < 128 && w.charAt(1) < 128 ? cuesByStem[w.charAt(0) * 128 + w.charAt(1)] : -1;
            if (all >= 0) {
                for (Cues.Pattern c : Cues.byPrefix(w.charAt(0), w.charAt(1))) {
                    if (w.startsWith(c.words()[0])) {
                        stemmed.add(c);
                    }
                }
            }
            info[INFO * id + INFO_STEMS] = stemmed.isEmpty() ? -1 : add(lists, compile(stemmed, ids));
        }
        this.cuesByNext = new PairTable(byNext.size());
        for (long[] e : byNext) {
            cuesByNext.put((int) e[0], (int) e[1], (int) e[2]);
        }
        this.cueLists = lists.toArray(new CueList[0]);

        int groups = Cues.GROUPS.length;
        this.cue = new int[groups];
        this.end = new int[groups];
        this.start = new int[groups];
        for (int g = 0; g < groups; g++) {
            cue[g] = predicate(Cues.CUE_FEATURES[g], ids);
            end[g] = predicate(Cues.END_FEATURES[g], ids);
            start[g] = predicate(Cues.START_FEATURES[g], ids);
        }
        this.shape = new int[SHAPE_FEATURES.length];
        for (int k = 0; k < SHAPE_FEATURES.length; k++) {
            shape[k] = predicate(SHAPE_FEATURES[k], ids);
        }
    }

    private static void idOf(String word, Map<String, Integer> ids, List<String> list) {
        if (ids.putIfAbsent(word, list.size()) == null) {
            list.add(word);
        }
    }

    private int predicate(String name, Map<String, Integer> ids) {
        Integer id = ids.get(name);
        return id == null ? -1 : info[INFO * id + INFO_WORD];
    }

    private static int add(List<CueList> lists, CueList list) {
        lists.add(list);
        return lists.size() - 1;
    }

    /** The second word of a phrase when it must be exactly that word, else null. */
    private static String exactSecond(Cues.Pattern c) {
        return c.words().length >= 2 && c.words()[1] != null && !c.prefix()[1] ? c.words()[1] : null;
    }

    /** The phrases that can match when the next token is {@code second} (null: a token none of them names). */
    private static List<Cues.Pattern> matching(Cues.Pattern[] phrases, String second) {
        List<Cues.Pattern> out = new ArrayList<>();
        for (Cues.Pattern c : phrases) {
            String s = exactSecond(c);
            if (s == null || s.equals(second)) {
                out.add(c);
            }
        }
        return out;
    }

    private static CueList compile(List<Cues.Pattern> phrases, Map<String, Integer> ids) {
        int size = 0;
        for (Cues.Pattern c : phrases) {
            size += 2 + c.words().length;
        }
        int[] program = new int[size];
        String[] stems = new String[size];
        int at = 0;
        for (Cues.Pattern c : phrases) {
            program[at++] = c.group();
            program[at++] = c.words().length;
            for (int k = 0; k < c.words().length; k++) {
                String w = c.words()[k];
                if (w == null) {
                    program[at] = ANY;
                } else if (c.prefix()[k]) {
                    program[at] = STEM;
                    stems[at] = w;
                } else {
                    program[at] = ids.get(w);
                }
                at++;
            }
        }
        return new CueList(program, stems);
    }

    /**
     * The model compiled, or null when it cannot be: not a QN model, other outcomes than sales and
     * value, or a feature generator this class does not replay.
     */
    public static CompiledModel of(DoccatModel model) {
        MaxentModel maxent = model.getMaxentModel();
        if (maxent.getClass() != QNModel.class || maxent.getNumOutcomes() != 2) {
            return null;
        }
        int salesIndex = maxent.getIndex(Trainer.outcome(Label.SALES));
        int valueIndex = maxent.getIndex(Trainer.outcome(Label.VALUE));
        if (salesIndex < 0 || valueIndex < 0) {
            return null;
        }
        FeatureGenerator[] generators = model.getFactory().getFeatureGenerators();
        int[] stages = new int[generators.length];
        for (int k = 0; k < generators.length; k++) {
            Class<?> c = generators[k].getClass();
            if (c == WordFeatureGenerator.class) {
                stages[k] = WORD;
            } else if (c == BigramFeatureGenerator.class) {
                stages[k] = BIGRAM;
            } else if (c == CueFeatureGenerator.class) {
                stages[k] = CUE;
            } else if (c == ShapeFeatureGenerator.class) {
                stages[k] = SHAPE;
            } else if (c == TailFeatureGenerator.class) {
                stages[k] = TAIL;
            } else {
                return null;
            }
        }
        @SuppressWarnings("unchecked")
        Map<String, Context> pmap = (Map<String, Context>) ((AbstractModel) maxent).getDataStructures()[1];
        return new CompiledModel(stages, pmap, salesIndex, valueIndex);
    }

    /** The features of a post that the model knows, as predicate indexes, in OpenNLP's order. */
    record Hits(int[] predicates, int count) {
    }

    /** The model's own probability of sales for the tokens: {@code maxent.eval(features)[sales]}. */
    public double rawSalesProbability(String[] tokens) {
        return rawSalesProbability(hits(tokens));
    }

    /** The same for features already looked up. */
    double rawSalesProbability(Hits hits) {
        // QNModel.eval: probs[o] += parameter, feature by feature, from 0
        double s = 0;
        double v = 0;
        int[] ps = hits.predicates();
        for (int k = 0, n = hits.count(); k < n; k++) {
            int p = ps[k];
            s += sales[p];
            v += value[p];
        }
        // then ArrayMath.logSumOfExps: max + log(exp(x0 - max) + exp(x1 - max)); the term of the max is
        // exp(0), exactly 1 (and two terms add the same in either order)
        double max = s > v ? s : v;
        double min = s > v ? v : s;
        double sum = 1.0 + StrictMath.exp(min - max);
        double logSumExp = max + StrictMath.log(sum);
        return StrictMath.exp(s - logSumExp);
    }

    /** The model's predicates present in the tokens, duplicates included, in the order OpenNLP adds them. */
    Hits hits(String[] tokens) {
        int n = tokens.length;
        int[] ids = new int[n];
        int lastSentence = 0;
        for (int i = 0; i < n; i++) {
            int id = id(tokens[i]);
            ids[i] = id;
            if (id == BOUNDARY) {
                lastSentence = i + 1;
            }
        }
        int[] out = new int[3 * n + 3 * cue.length + SHAPE_FEATURES.length];
        int count = 0;
        for (int stage : stages) {
            count = switch (stage) {
                case WORD -> words(ids, out, count);
                case BIGRAM -> bigrams(ids, out, count);
                case CUE -> cues(tokens, ids, lastSentence, out, count);
                case SHAPE -> shape(tokens, ids, lastSentence, out, count);
                default -> tail(ids, lastSentence, out, count);
            };
        }
        return new Hits(out, count);
    }

    String name(int predicate) {
        return names[predicate];
    }

    /** The predicate's weight for sales minus its weight for value. */
    double salesMinusValue(int predicate) {
        return sales[predicate] - value[predicate];
    }

    /** The predicate's weight for value minus its weight for sales. */
    double valueMinusSales(int predicate) {
        return value[predicate] - sales[predicate];
    }

    // ---- the generators, replayed over word ids (keep in step with their classes) ----

    /** {@link WordFeatureGenerator}: a word that is neither a boundary nor grammar. */
    private int words(int[] ids, int[] out, int n) {
        for (int id : ids) {
            // an unknown token (-1) and the boundary (0) are no word feature the model knows
            if (id > BOUNDARY && info[INFO * id + INFO_GRAMMAR] == 0) {
                int p = info[INFO * id + INFO_WORD];
                if (p >= 0) {
                    out[n++] = p;
                }
            }
        }
        return n;
    }

    /** {@link BigramFeatureGenerator}: the previous token (first the boundary) and a word, neither grammar. */
    private int bigrams(int[] ids, int[] out, int n) {
        int previous = BOUNDARY;
        boolean previousGrammar = false;
        for (int id : ids) {
            boolean grammar = id >= 0 && info[INFO * id + INFO_GRAMMAR] != 0;
            // not a boundary (0); an unknown token (-1) on either side makes no pair the model knows
            if (!grammar && !previousGrammar && id > BOUNDARY && previous >= 0) {
                int p = pairs.get(previous, id);
                if (p >= 0) {
                    out[n++] = p;
                }
            }
            previous = id;
            previousGrammar = grammar;
        }
        return n;
    }

    /** {@link TailFeatureGenerator}: the words of the last sentence, or of the last two when the last is short. */
    private int tail(int[] ids, int lastSentence, int[] out, int n) {
        int from = lastSentence;
        if (ids.length - from < 4 && from > 0) {
            int before = from - 1;
            while (before > 0 && ids[before - 1] != BOUNDARY) {
                before--;
            }
            from = before;
        }
        for (int i = from; i < ids.length; i++) {
            int id = ids[i];
            if (id > BOUNDARY && info[INFO * id + INFO_GRAMMAR] == 0) {
                int p = info[INFO * id + INFO_END];
                if (p >= 0) {
                    out[n++] = p;
                }
            }
        }
        return n;
    }

    /** {@link CueFeatureGenerator}, over the matches {@link Cues#find} would list, in its order. */
    private int cues(String[] tokens, int[] ids, int lastSentence, int[] out, int n) {
        int length = ids.length;
        long cueSeen = 0;
        long endSeen = 0;
        long startSeen = 0;
        for (int i = 0; i < length; i++) {
            int id = ids[i];
            int first = -1;
            int stemmed;
            if (id >= 0) {
                first = info[INFO * id + INFO_CUES];
                if (info[INFO * id + INFO_CUES_BY_NEXT] != 0 && i + 1 < length && ids[i + 1] >= 0) {
                    int narrowed = cuesByNext.get(id, ids[i + 1]);
                    first = narrowed >= 0 ? narrowed : first;
                }
                stemmed = info[INFO * id + INFO_STEMS];
            } else {
                String t = tokens[i];
                stemmed = t.length() >= 2 && t.charAt(0) < 128 && t.charAt(1) < 128 ? cuesByStem[t.charAt(0) * 128 + t.charAt(1)] : -1;
            }
            // the phrases by first word, then those by stem; a group matches once per start and list
            for (int list = first >= 0 ? first : stemmed; list >= 0; list = list == first ? stemmed : -1) {
                int[] program = cueLists[list].program();
                String[] stems = cueLists[list].stems();
                int lastGroup = -1;
                int pc = 0;
                while (pc < program.length) {
                    int g = program[pc];
                    int size = program[pc + 1];
                    int at = pc + 2;
                    pc = at + size;
                    if (g == lastGroup || i + size > length) {
                        continue;
                    }
                    boolean match = true;
                    for (int k = 0; k < size && match; k++) {
                        int t = ids[i + k];
                        int want = program[at + k];
                        match = t != BOUNDARY && (want >= 0 ? want == t : want == ANY || tokens[i + k].startsWith(stems[at + k]));
                    }
                    if (!match) {
                        continue;
                    }
                    lastGroup = g;
                    long bit = 1L << g;
                    if ((cueSeen & bit) == 0) {
                        cueSeen |= bit;
                        n = add(cue[g], out, n);
                    }
                    if ((endSeen & bit) == 0 && (i >= lastSentence || i + size >= length - 2)) {
                        endSeen |= bit;
                        n = add(end[g], out, n);
                    }
                    if ((startSeen & bit) == 0 && i <= 1) {
                        startSeen |= bit;
                        n = add(start[g], out, n);
                    }
                }
            }
        }
        return n;
    }

    /** {@link ShapeFeatureGenerator}. */
    private int shape(String[] tokens, int[] ids, int lastSentence, int[] out, int n) {
        int words = 0;
        int emojis = 0;
        int hashtags = 0;
        boolean price = false;
        boolean pct = false;
        boolean code = false;
        boolean url = false;
        boolean priceEnd = false;
        boolean urlEnd = false;
        for (int i = 0; i < tokens.length; i++) {
            int id = ids[i];
            boolean atEnd = i >= lastSentence;
            switch (id >= 0 ? info[INFO * id + INFO_SHAPE] : shapeOf(tokens[i])) {
                case IS_PRICE -> {
                    price = true;
                    priceEnd |= atEnd;
                }
                case IS_PCT -> pct = true;
                case IS_CODE -> code = true;
                case IS_URL -> {
                    url = true;
                    urlEnd |= atEnd;
                }
                case IS_HASHTAG -> hashtags++;
                case IS_WORD -> words++;
                case IS_EMOJI -> emojis++;
                default -> {
                }
            }
        }
        if (price) {
            n = add(shape[SHAPE_PRICE], out, n);
        }
        if (priceEnd) {
            n = add(shape[SHAPE_PRICE_END], out, n);
        }
        if (pct) {
            n = add(shape[SHAPE_PCT], out, n);
        }
        if (code) {
            n = add(shape[SHAPE_CODE], out, n);
        }
        if (url) {
            n = add(shape[SHAPE_URL], out, n);
        }
        if (urlEnd) {
            n = add(shape[SHAPE_URL_END], out, n);
        }
        if (tokens.length > 0 && tokens[0].equals(TextNormalizer.MENTION)) {
            n = add(shape[SHAPE_REPLY], out, n);
        }
        n = add(shape[words <= 6 ? SHAPE_LEN_SHORT : words <= 30 ? SHAPE_LEN_MID : SHAPE_LEN_LONG], out, n);
        if (emojis >= 3) {
            n = add(shape[SHAPE_EMOJIS], out, n);
        }
        if (hashtags >= 3) {
            n = add(shape[SHAPE_HASHTAGS], out, n);
        }
        return n;
    }

    /** What {@link ShapeFeatureGenerator} counts the token as, by its first character. */
    private static int shapeOf(String t) {
        char c = t.isEmpty() ? ' ' : t.charAt(0);
        if (c == '<') {
            // placeholders are the only tokens that start with '<'
            return switch (t) {
                case TextNormalizer.PRICE -> IS_PRICE;
                case TextNormalizer.PERCENT -> IS_PCT;
                case TextNormalizer.CODE -> IS_CODE;
                case TextNormalizer.URL -> IS_URL;
                default -> IS_OTHER;
            };
        } else if (c == '#') {
            return IS_HASHTAG;
        } else if (Character.isLetter(c)) {
            return IS_WORD;
        } else if (Character.isSurrogate(c) || c >= 0x2190 && c <= 0x2BFF) {
            return IS_EMOJI;
        }
        return IS_OTHER;
    }

    private static int add(int predicate, int[] out, int n) {
        if (predicate >= 0) {
            out[n++] = predicate;
        }
        return n;
    }

    /** Vocabulary id of a token, or -1. */
    private int id(String token) {
        int h = token.hashCode();
        int[] table = vocabulary;
        for (int slot = h & vocabularyMask; ; slot = (slot + 1) & vocabularyMask) {
            int id = table[2 * slot + 1] - 1;
            if (id < 0) {
                return -1;
            }
            if (table[2 * slot] == h && words[id].equals(token)) {
                return id;
            }
        }
    }

    /** Open addressing from a pair of vocabulary ids to a non-negative int. */
    private static final class PairTable {
        private final long[] keys;
        private final int[] values;
        private final int shift;

        PairTable(int size) {
            int capacity = Integer.highestOneBit(Math.max(2, size)) * 4;
            this.keys = new long[capacity];
            Arrays.fill(keys, -1L);
            this.values = new int[capacity];
            this.shift = 64 - Integer.numberOfTrailingZeros(capacity);
        }

        void put(int left, int right, int value) {
            long key = (long) left << 32 | right;
            int slot = slot(key);
            while (keys[slot] != -1L && keys[slot] != key) {
                slot = (slot + 1) & (keys.length - 1);
            }
            keys[slot] = key;
            values[slot] = value;
        }

        /** The value of the pair, or -1. */
        int get(int left, int right) {
            long key = (long) left << 32 | right;
            for (int slot = slot(key); ; slot = (slot + 1) & (keys.length - 1)) {
                long k = keys[slot];
                if (k == key) {
                    return values[slot];
                }
                if (k == -1L) {
                    return -1;
                }
            }
        }

        private int slot(long key) {
            return (int) ((key * 0x9E3779B97F4A7C15L) >>> shift);
        }
    }
}
