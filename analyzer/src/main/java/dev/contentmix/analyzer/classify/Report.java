package dev.contentmix.analyzer.classify;

import dev.contentmix.events.Label;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;

/** Plain-text figures, shared by {@code train} and {@code evaluate}. */
final class Report {

    private Report() {
    }

    static void summary(PrintWriter out, String title, Evaluation e) {
        out.printf(Locale.ROOT, "%s: %d posts, accuracy %.4f, macro-F1 %.4f, ECE %.4f%n",
                title, e.total(), e.accuracy(), e.macroF1(), e.expectedCalibrationError());
        breakdown(out, "  difficulty", e.byDifficulty());
        breakdown(out, "  language", e.byLanguage());
        e.byLanguage().forEach((lang, l) -> {
            if (l.byDifficulty().size() > 1) {
                breakdown(out, "  " + lang + " by difficulty", l.byDifficulty());
            }
        });
    }

    static void breakdown(PrintWriter out, String title, Map<String, Evaluation> groups) {
        if (groups.isEmpty()) {
            return;
        }
        StringBuilder sb = new StringBuilder(title).append(':');
        groups.forEach((k, v) -> sb.append(String.format(Locale.ROOT, " %s %.4f (%d)", k, v.macroF1(), v.total())));
        out.println(sb);
    }

    static void full(PrintWriter out, Evaluation e) {
        out.printf(Locale.ROOT, "posts: %d%n", e.total());
        out.printf(Locale.ROOT, "%-6s %9s %9s %9s %8s%n", "class", "precision", "recall", "f1", "support");
        for (Label l : Label.values()) {
            Evaluation.ClassFigures f = e.figures(l);
            out.printf(Locale.ROOT, "%-6s %9.4f %9.4f %9.4f %8d%n", l.name().toLowerCase(Locale.ROOT),
                    f.precision(), f.recall(), f.f1(), f.support());
        }
        out.printf(Locale.ROOT, "accuracy %.4f, macro-F1 %.4f, ECE (10 bins) %.4f%n",
                e.accuracy(), e.macroF1(), e.expectedCalibrationError());
        long[][] c = e.confusion();
        out.println("confusion (rows: actual, columns: predicted)");
        out.printf(Locale.ROOT, "%-8s %7s %7s%n", "", "sales", "value");
        out.printf(Locale.ROOT, "%-8s %7d %7d%n", "sales", c[0][0], c[0][1]);
        out.printf(Locale.ROOT, "%-8s %7d %7d%n", "value", c[1][0], c[1][1]);
        breakdown(out, "macro-F1 by difficulty", e.byDifficulty());
        breakdown(out, "macro-F1 by language", e.byLanguage());
    }
}
