package org.bnsl.select;

import org.bnsl.data.Series;
import org.bnsl.fit.Fit;

/**
 * A fit scored where it matters: its error on the points it was fitted to, and its predictions and
 * error on the points held out beyond them. Immutable.
 */
public final class Extrapolation {
    private final Holdout split;
    private final Fit fit;
    private final double[] trainPredicted;
    private final double[] holdoutPredicted;

    private Extrapolation(Holdout split, Fit fit) {
        this.split = split;
        this.fit = fit;
        this.trainPredicted = predict(fit, split.train());
        this.holdoutPredicted = predict(fit, split.holdout());
    }

    public static Extrapolation of(Holdout split, Fit fit) {
        return new Extrapolation(split, fit);
    }

    private static double[] predict(Fit fit, Series s) {
        double[] p = new double[s.size()];
        for (int i = 0; i < p.length; i++) {
            p[i] = fit.predict(s.point(i));
        }
        return p;
    }

    public Holdout split() { return split; }

    public Fit fit() { return fit; }

    public Series train() { return split.train(); }

    public Series holdout() { return split.holdout(); }

    public double[] trainPredicted() { return trainPredicted.clone(); }

    public double[] holdoutPredicted() { return holdoutPredicted.clone(); }

    public double trainRmsle() {
        return Metrics.rmsle(trainPredicted, split.train().y());
    }

    /** RMSLE over the held-out points; NaN when there are none. */
    public double holdoutRmsle() {
        return Metrics.rmsle(holdoutPredicted, split.holdout().y());
    }
}
