package org.bnsl.testing;

import java.util.Arrays;
import java.util.Random;

import org.bnsl.data.Series;
import org.bnsl.law.Bnsl;

/**
 * A random BNSL curve with known truth under the conditions of issue 2, item 2 (the recovery test,
 * the refit and the calibration tests share it), with the number of points as a parameter: n log-spaced points over 4 decades, breaks at
 * least half a decade inside both ends and a decade apart, |cᵢ| ≥ 0.1, fᵢ log-uniform in
 * [0.02, 0.3], a = 0, multiplicative Gaussian noise.
 */
public record SyntheticCurve(Bnsl law, double[] params, Series series) {

    public double xMax() {
        double m = 0;
        for (double v : series.x()) m = Math.max(m, v);
        return m;
    }

    /** The loss of the true parameters on the noisy points: Σ (ln y_true − ln y)². */
    public double lossOfTruth() {
        double s = 0;
        for (int i = 0; i < series.size(); i++) {
            double d = Math.log(law.value(params, series.point(i))) - Math.log(series.y(i));
            s += d * d;
        }
        return s;
    }

    public double truth(double x) {
        return law.value(params, x);
    }

    public static SyntheticCurve random(Random rnd, int breaks, int points, double noise) {
        double start = rnd.nextDouble() * 3;
        double[] pos = new double[breaks];
        boolean spaced;
        do {
            for (int j = 0; j < breaks; j++) pos[j] = 0.5 + 3 * rnd.nextDouble();
            Arrays.sort(pos);
            spaced = true;
            for (int j = 1; j < breaks; j++) spaced &= pos[j] - pos[j - 1] >= 1;
        } while (!spaced);
        double[] p = new double[3 + 3 * breaks];
        p[1] = 1;
        p[2] = rnd.nextDouble() * 0.6;
        double slope = p[2];
        for (int j = 0; j < breaks; j++) {
            double c;
            do {
                c = (rnd.nextBoolean() ? 1 : -1) * (0.1 + 0.9 * rnd.nextDouble());
            } while (slope + c < -0.3 || slope + c > 2);
            slope += c;
            p[3 + 3 * j] = c;
            p[4 + 3 * j] = Math.pow(10, start + pos[j]);
            p[5 + 3 * j] = Math.exp(Math.log(0.02) + rnd.nextDouble() * Math.log(0.3 / 0.02));
        }
        Bnsl law = Bnsl.withBreaks(breaks);
        double[] x = new double[points];
        double[] y = new double[points];
        for (int i = 0; i < x.length; i++) x[i] = Math.pow(10, start + 4.0 * i / (x.length - 1));
        p[1] = (1 + 4 * rnd.nextDouble()) / law.value(p, x[0]);
        for (int i = 0; i < x.length; i++) y[i] = law.value(p, x[i]) * (1 + noise * rnd.nextGaussian());
        return new SyntheticCurve(law, p, Series.of("synthetic", x, y));
    }
}
