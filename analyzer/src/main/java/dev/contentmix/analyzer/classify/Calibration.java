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

    /**
     * Fits a and b by maximum likelihood: Newton's method with a backtracking line search (Lin,
     * Lin and Weng's fix of Platt's algorithm; without it an over-confident scorer makes the plain
     * Newton step overshoot and diverge), on Platt's smoothed targets against overfitting.
     */
    public static Calibration fit(List<Point> points) {
        if (points.isEmpty()) {
            return IDENTITY;
        }
        long positives = points.stream().filter(Point::sales).count();
        long negatives = points.size() - positives;
        double hi = (positives + 1.0) / (positives + 2.0);
        double lo = 1.0 / (negatives + 2.0);
        int n = points.size();
        double[] x = new double[n];
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = logit(points.get(i).raw());
            t[i] = points.get(i).sales() ? hi : lo;
        }
        double a = 1;
        double b = 0;
        double loss = loss(x, t, a, b);
        for (int iter = 0; iter < 100; iter++) {
            double ga = 0;
            double gb = 0;
            double haa = 1e-12;
            double hab = 0;
            double hbb = 1e-12;
            for (int i = 0; i < n; i++) {
                double p = sigmoid(a * x[i] + b);
                double d = p - t[i];
                double w = p * (1 - p);
                ga += d * x[i];
                gb += d;
                haa += w * x[i] * x[i];
                hab += w * x[i];
                hbb += w;
            }
            if (Math.abs(ga) < 1e-9 && Math.abs(gb) < 1e-9) {
                break;
            }
            double det = haa * hbb - hab * hab;
            double da = -(hbb * ga - hab * gb) / det;
            double db = -(haa * gb - hab * ga) / det;
            double gd = ga * da + gb * db;
            double step = 1;
            boolean improved = false;
            while (step >= 1e-10) {
                double na = a + step * da;
                double nb = b + step * db;
                double nl = loss(x, t, na, nb);
                if (nl < loss + 1e-4 * step * gd) {
                    a = na;
                    b = nb;
                    loss = nl;
                    improved = true;
                    break;
                }
                step /= 2;
            }
            if (!improved) {
                break;
            }
        }
        return new Calibration(a, b);
    }

    /** Cross-entropy of the targets under sigmoid(a x + b), computed without overflow. */
    private static double loss(double[] x, double[] t, double a, double b) {
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            double f = a * x[i] + b;
            // -[t log p + (1 - t) log(1 - p)] with p = sigmoid(f)
            sum += f >= 0 ? (1 - t[i]) * f + Math.log1p(Math.exp(-f)) : -t[i] * f + Math.log1p(Math.exp(f));
        }
        return sum;
    }

    static double logit(double p) {
        double q = Math.min(1 - 1e-12, Math.max(1e-12, p));
        return Math.log(q / (1 - q));
    }

    static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }
}
