package dev.contentmix.analyzer.mix;

import dev.contentmix.events.BrandPolicy;
import dev.contentmix.events.Decision;
import dev.contentmix.events.GoalCheck;
import dev.contentmix.events.Label;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** Turns a draft's classification and projection into a decision and one sentence a person can act on. */
public final class Advice {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private Advice() {
    }

    public record Verdict(Decision decision, String advice) {
    }

    public static Verdict of(String brand, Label label, GoalCheck goals, List<String> draftGoals, BrandPolicy policy,
                             BrandWindows.Projection p) {
        String limit = MixMath.percent(policy.maxSalesShare());
        boolean sales = label == Label.SALES;
        if (sales && p.wouldBeOver()) {
            StringBuilder s = new StringBuilder("This reads as an ad: publishing it takes ").append(brand).append(" to ")
                    .append(MixMath.percent(p.projectedShare())).append(" sales over ").append(p.window())
                    .append(" (limit ").append(limit).append(").");
            int first = p.valuePostsFirst();
            if (first == MixMath.NEVER) {
                s.append(p.fitsAt() != null ? " Hold it until " + DAY.format(p.fitsAt()) + "."
                        : " Rework it as value content.");
            } else {
                s.append(" Publish ").append(words(first)).append(" value post").append(first == 1 ? "" : "s")
                        .append(" first");
                s.append(p.fitsAt() != null ? ", or hold it until " + DAY.format(p.fitsAt()) + "." : ".");
            }
            return new Verdict(Decision.OVER_GUIDELINE, s.toString());
        }
        if (goals == GoalCheck.OFF_GOAL) {
            String tags = String.join(", ", draftGoals);
            String declared = String.join(", ", policy.goals());
            String why = sales
                    ? "This reads as an ad but is tagged only with " + tags + ", none of them a sales goal " + brand
                        + " declared (" + declared + ")."
                    : "It is tagged with " + tags + ", which " + brand + " has not declared (" + declared + ").";
            return new Verdict(Decision.OFF_GOAL, why + " Tag it with a goal it serves, or rework it.");
        }
        if (!p.judged()) {
            return new Verdict(Decision.OK, (sales ? "Reads as an ad; " : "Reads as value content; ") + brand
                    + " has too few posts to judge the mix yet (" + policy.minPosts() + " needed).");
        }
        if (sales) {
            return new Verdict(Decision.OK, "Reads as an ad, and it fits: " + brand + " goes from "
                    + MixMath.percent(p.currentShare()) + " to " + MixMath.percent(p.projectedShare())
                    + " sales over " + p.window() + " (limit " + limit + ").");
        }
        return new Verdict(Decision.OK, "Reads as value content: " + brand + " goes from "
                + MixMath.percent(p.currentShare()) + " to " + MixMath.percent(p.projectedShare()) + " sales over "
                + p.window() + " (limit " + limit + ").");
    }

    private static String words(int n) {
        return switch (n) {
            case 1 -> "one";
            case 2 -> "two";
            case 3 -> "three";
            case 4 -> "four";
            case 5 -> "five";
            default -> Integer.toString(n);
        };
    }
}
