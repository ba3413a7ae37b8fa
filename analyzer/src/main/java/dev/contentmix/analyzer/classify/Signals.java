package dev.contentmix.analyzer.classify;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import opennlp.tools.ml.model.AbstractModel;
import opennlp.tools.ml.model.Context;
import opennlp.tools.ml.model.MaxentModel;

/**
 * The words and phrases that pushed a decision most, read from the model's own parameters: for
 * each feature present in the post, its weight for the chosen outcome minus its weight for the
 * other one. The strongest positive ones are mapped back to the writer's text ({@code cue:buy} to
 * "Shop now", {@code <price>} to "$49", a word pair to the two words). Features that are not
 * words (length, emoji count) are never shown.
 */
final class Signals {

    static final int MAX = 5;

    private final Map<String, Context> parameters;

    @SuppressWarnings("unchecked")
    Signals(MaxentModel model) {
        // AbstractModel#getDataStructures: [Context[] params, Map<String, Context> pmap, String[] outcomes]
        this.parameters = model instanceof AbstractModel m ? (Map<String, Context>) m.getDataStructures()[1] : Map.of();
    }

    /** Up to {@link #MAX} readable signals, strongest first, no duplicates (case-insensitive). */
    List<String> top(String[] features, TextNormalizer.Normalized text, int chosen, int other) {
        int n = features.length;
        String[] names = new String[n];
        double[] weights = new double[n];
        int count = 0;
        Set<String> seen = new HashSet<>();
        for (String f : features) {
            Context c = parameters.get(f);
            if (c == null || !seen.add(f) || !readable(f)) {
                continue;
            }
            double w = weight(c, chosen) - weight(c, other);
            if (w > 0) {
                names[count] = f;
                weights[count] = w;
                count++;
            }
        }
        return pick(names, weights, count, text);
    }

    /**
     * The same from a {@link CompiledModel}'s look-up of the post's features: the same candidates
     * (the model's own predicate names and weights), so the same signals, without feature strings.
     */
    static List<String> top(CompiledModel model, CompiledModel.Hits hits, TextNormalizer.Normalized text, boolean sales) {
        int n = hits.count();
        int[] predicates = hits.predicates();
        String[] names = new String[n];
        double[] weights = new double[n];
        int count = 0;
        // predicates already seen, open addressing on index + 1 (0 = empty)
        int[] seen = new int[Integer.highestOneBit(Math.max(2, n)) * 4];
        int mask = seen.length - 1;
        for (int k = 0; k < n; k++) {
            int p = predicates[k];
            int slot = (p * 0x9E3779B1) >>> 7 & mask;
            boolean repeated = false;
            while (seen[slot] != 0) {
                if (seen[slot] == p + 1) {
                    repeated = true;
                    break;
                }
                slot = (slot + 1) & mask;
            }
            if (repeated) {
                continue;
            }
            seen[slot] = p + 1;
            String f = model.name(p);
            if (!readable(f)) {
                continue;
            }
            double w = sales ? model.salesMinusValue(p) : model.valueMinusSales(p);
            if (w > 0) {
                names[count] = f;
                weights[count] = w;
                count++;
            }
        }
        return pick(names, weights, count, text);
    }

    /** The strongest candidates, mapped back to the writer's text. */
    private static List<String> pick(String[] names, double[] weights, int count, TextNormalizer.Normalized text) {
        List<String> out = new ArrayList<>(MAX);
        List<Cues.Match> matches = null;
        // strongest first, ties broken by name so that the output is stable; a few are needed of dozens
        // of candidates, so each is found by a scan instead of sorting them all
        boolean[] taken = new boolean[count];
        for (int round = 0; round < count; round++) {
            int i = -1;
            for (int k = 0; k < count; k++) {
                if (!taken[k] && (i < 0 || weights[k] > weights[i]
                        || weights[k] == weights[i] && names[k].compareTo(names[i]) < 0)) {
                    i = k;
                }
            }
            taken[i] = true;
            String f = names[i];
            if (matches == null && (f.startsWith("cue:") || f.startsWith("end:") || f.startsWith("start:"))) {
                matches = Cues.find(text.tokens());
            }
            String phrase = describe(f, text, matches);
            if (phrase == null || phrase.isBlank() || isFunctionWord(phrase)) {
                continue;
            }
            // "sorry" after "So sorry" adds nothing; "30% off" after "30%" replaces it in place
            String lower = phrase.toLowerCase(Locale.ROOT);
            boolean covered = false;
            for (int k = 0; k < out.size(); k++) {
                String shown = out.get(k).toLowerCase(Locale.ROOT);
                if (shown.contains(lower)) {
                    covered = true;
                    break;
                }
                if (lower.contains(shown)) {
                    out.set(k, phrase);
                    covered = true;
                    break;
                }
            }
            if (!covered) {
                out.add(phrase);
                if (out.size() == MAX) {
                    break;
                }
            }
        }
        return dedupe(out);
    }

    /** Replacing in place can leave two entries that now contain each other; keep the first. */
    private static List<String> dedupe(List<String> phrases) {
        List<String> out = new ArrayList<>(phrases.size());
        for (String p : phrases) {
            String lower = p.toLowerCase(Locale.ROOT);
            if (out.stream().noneMatch(q -> q.toLowerCase(Locale.ROOT).contains(lower))) {
                out.add(p);
            }
        }
        return out;
    }

    private static boolean isFunctionWord(String phrase) {
        return Stopwords.isUninformative(TextNormalizer.fold(phrase.toLowerCase(Locale.ROOT)));
    }

    private static double weight(Context c, int outcome) {
        int[] outcomes = c.getOutcomes();
        for (int k = 0; k < outcomes.length; k++) {
            if (outcomes[k] == outcome) {
                return c.getParameters()[k];
            }
        }
        return 0;
    }

    private static boolean readable(String f) {
        return !f.startsWith("shape:len") && !f.equals("shape:emojis") && !f.equals("shape:hashtags")
                && !f.equals("?") && !f.equals("<s> ?");
    }

    /** The text behind a feature, or null when it does not occur as such (it always does in practice). */
    static String describe(String feature, TextNormalizer.Normalized text, List<Cues.Match> matches) {
        String[] t = text.tokens();
        String[] s = text.surface();
        int colon = feature.indexOf(':');
        if (colon > 0 && !feature.contains(" ")) {
            String kind = feature.substring(0, colon);
            String what = feature.substring(colon + 1);
            switch (kind) {
                case "cue", "start", "end" -> {
                    // the first phrase of the group (the last one for an ending); of overlapping
                    // phrases ("link in bio", "in bio") the longest
                    Cues.Match found = null;
                    for (Cues.Match m : matches) {
                        if (!m.group().equals(what)) {
                            continue;
                        }
                        if (found == null) {
                            found = m;
                        } else if (kind.equals("end") ? m.end() > found.end() || m.end() == found.end() && m.start() < found.start()
                                : m.start() == found.start() && m.end() > found.end()) {
                            found = m;
                        } else if (!kind.equals("end") && m.start() < found.end() && m.end() > found.end()) {
                            found = new Cues.Match(m.groupIndex(), m.group(), found.start(), m.end());
                        }
                    }
                    return found == null ? null : String.join(" ", Arrays.copyOfRange(s, found.start(), found.end()));
                }
                case "shape" -> {
                    return switch (what) {
                        case "price", "price@end" -> first(t, s, TextNormalizer.PRICE, what.endsWith("@end"));
                        case "pct" -> first(t, s, TextNormalizer.PERCENT, false);
                        case "code" -> first(t, s, TextNormalizer.CODE, false);
                        case "url", "url@end" -> first(t, s, TextNormalizer.URL, what.endsWith("@end"));
                        case "reply" -> s.length > 0 ? s[0] : null;
                        default -> null;
                    };
                }
                default -> {
                    return null;
                }
            }
        }
        int space = feature.indexOf(' ');
        if (space > 0) {
            String a = feature.substring(0, space);
            String b = feature.substring(space + 1);
            if (a.equals(TextNormalizer.BOUNDARY)) {
                return first(t, s, b, false);
            }
            for (int i = 0; i + 1 < t.length; i++) {
                if (t[i].equals(a) && t[i + 1].equals(b)) {
                    return s[i] + " " + s[i + 1];
                }
            }
            return null;
        }
        return first(t, s, feature, false);
    }

    private static String first(String[] tokens, String[] surface, String token, boolean last) {
        String found = null;
        for (int i = 0; i < tokens.length; i++) {
            if (tokens[i].equals(token)) {
                found = surface[i];
                if (!last) {
                    break;
                }
            }
        }
        return found;
    }
}
