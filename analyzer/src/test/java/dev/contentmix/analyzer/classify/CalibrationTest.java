package dev.contentmix.analyzer.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.contentmix.events.Label;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CalibrationTest {

    /** An over-confident scorer: says 0.99 or 0.01, and is right only 80% of the time. */
    private static List<Calibration.Point> overConfident() {
        Random random = new Random(42);
        List<Calibration.Point> points = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            boolean sales = random.nextBoolean();
            boolean right = random.nextDouble() < 0.8;
            double raw = (sales == right) ? 0.99 : 0.01;
            points.add(new Calibration.Point(raw, sales));
        }
        return points;
    }

    private static double ece(List<Calibration.Point> points, Calibration c) {
        List<Scored> scored = new ArrayList<>();
        int i = 0;
        for (Calibration.Point p : points) {
            LabeledPost post = new LabeledPost("p" + i++, "x", p.sales() ? Label.SALES : Label.VALUE, null, null, null, null);
            scored.add(new Scored(post, c.apply(p.raw())));
        }
        return Evaluation.of(scored).expectedCalibrationError();
    }

    @Test
    void plattScalingFixesAnOverConfidentScorer() {
        List<Calibration.Point> points = overConfident();
        Calibration fitted = Calibration.fit(points);
        assertTrue(fitted.a() < 0.5, "must soften: a=" + fitted.a());
        assertTrue(ece(points, Calibration.IDENTITY) > 0.15);
        assertTrue(ece(points, fitted) < 0.02, "ECE after calibration " + ece(points, fitted));
        assertEquals(0.8, fitted.apply(0.99), 0.02);
    }

    @Test
    void identityLeavesProbabilitiesAlone() {
        assertEquals(0.73, Calibration.IDENTITY.apply(0.73), 1e-9);
        assertEquals(Calibration.IDENTITY, Calibration.fit(List.of()));
    }

    @Test
    void eceIsZeroForPerfectlyCalibratedScores() {
        List<Scored> scored = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            // 0.7 confident, right 7 times out of 10
            Label label = i < 7 ? Label.SALES : Label.VALUE;
            scored.add(new Scored(new LabeledPost("x" + i, "t", label, null, null, null, null), 0.7));
        }
        assertEquals(0.0, Evaluation.of(scored).expectedCalibrationError(), 1e-9);
    }
}
