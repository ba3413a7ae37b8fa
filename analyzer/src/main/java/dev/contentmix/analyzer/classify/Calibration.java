package dev.contentmix.analyzer.classify;

import java.util.List;

/**
 * Platt scaling of the model's raw sales probability: {@code p = sigmoid(a * logit(raw) + b)}.
 * Maximum-entropy models trained to near-separation are over-confident; {@code a < 1} softens
 * them, {@code b} moves the boundary. Fitted by Newton's method on out-of-fold predictions (never
 * on the posts the model was trained on) and stored in the model's manifest.
 */
public record Calibration(double a, double b) {

    public static final Calibration IDENTITY = new Calibration(1, 0);

    /** One out-of-fold prediction: raw sales probability and whether the post is sales. */
    public record Point(double raw, boolean sales) {
    }

    public Calibration {
        if (!Double.isFinite(a) || !Double.isFinite(b)) {
            throw new IllegalArgumentException("calibration parameters must be finite");
        }
    }

    /** Calibrated probability of sales. */
    public double apply(double raw) {
        return sigmoid(a * logit(raw) + b);
    }

    /** Fits a and b by maximum likelihood (Newton, with Platt's smoothed targets against overfitting). */
    public static Calibration fit(List<Point> points) {
        if (points.isEmpty()) {
            return IDENTITY;
        }
        long positives = points.stream().filter(Point::sales).count();
        long negatives = points.size() - positives;
        double hi = (positives + 1.0) / (positives + 2.0);
        double lo = 1.0 / (negatives + 2.0);
        double a = 1;
        double b = 0;
        for (int iter = 0; iter < 100; iter++) {
            double ga = 0;
            double gb = 0;
            double haa = 1e-9;
            double hab = 0;
            double hbb = 1e-9;
            for (Point pt : points) {
                double x = logit(pt.raw());
                double p = sigmoid(a * x + b);
                double t = pt.sales() ? hi : lo;
                double d = p - t;
                double w = p * (1 - p);
                ga += d * x;
                gb += d;
                haa += w * x * x;
                hab += w * x;
                hbb += w;
            }
            double det = haa * hbb - hab * hab;
            if (Math.abs(det) < 1e-12) {
                break;
            }
            double da = (hbb * ga - hab * gb) / det;
            double db = (haa * gb - hab * ga) / det;
            a -= da;
            b -= db;
            if (Math.abs(da) < 1e-10 && Math.abs(db) < 1e-10) {
                break;
            }
        }
        return new Calibration(a, b);
    }

    static double logit(double p) {
        double q = Math.min(1 - 1e-12, Math.max(1e-12, p));
        return Math.log(q / (1 - q));
    }

    static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }
}
