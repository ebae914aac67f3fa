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
    private final AutoFit.Outcome choice;
    private final org.bnsl.uncertainty.BootstrapResult uncertainty;

    private Extrapolation(Holdout split, Fit fit, AutoFit.Outcome choice, org.bnsl.uncertainty.BootstrapResult uncertainty) {
        this.split = split;
        this.fit = fit;
        this.choice = choice;
        this.uncertainty = uncertainty;
        this.trainPredicted = predict(fit, split.train());
        this.holdoutPredicted = predict(fit, split.holdout());
    }

    public static Extrapolation of(Holdout split, Fit fit) {
        return new Extrapolation(split, fit, null, null);
    }

    /** A fit that model choice made: the outcome says which candidates were scored and which won. */
    public static Extrapolation of(Holdout split, AutoFit.Outcome choice) {
        return new Extrapolation(split, choice.fit(), choice, null);
    }

    /** The same, with bootstrap intervals for its parameters and predictions. */
    public Extrapolation withUncertainty(org.bnsl.uncertainty.BootstrapResult b) {
        return new Extrapolation(split, fit, choice, b);
    }

    /** Bootstrap intervals, or null when none were asked for. */
    public org.bnsl.uncertainty.BootstrapResult uncertainty() { return uncertainty; }

    /** How far x reaches beyond the training data: x over the largest training x (largest ratio over the variables). */
    public double extrapolation(double... x) {
        double r = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < x.length; j++) {
            double m = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < split.train().size(); i++) m = Math.max(m, split.train().x(j, i));
            r = Math.max(r, x[j] / m);
        }
        return r;
    }

    /** How the law was chosen, or null when the user named it. */
    public AutoFit.Outcome choice() { return choice; }

    /**
     * The extrapolation horizon the holdout asks for: the largest held-out x over the largest
     * training x (for several variables, the largest such ratio), or {@code fallback} without a
     * holdout beyond the data.
     */
    public static double horizon(Holdout split, double fallback) {
        double h = 0;
        for (int j = 0; j < split.train().dimension(); j++) {
            double tm = 0;
            for (double v : split.train().x(j)) tm = Math.max(tm, v);
            for (double v : split.holdout().x(j)) h = Math.max(h, v / tm);
        }
        return h > 1 ? h : fallback;
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
