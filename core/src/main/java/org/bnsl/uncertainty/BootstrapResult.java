package org.bnsl.uncertainty;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.bnsl.data.Series;
import org.bnsl.fit.Fit;
import org.bnsl.fit.Objective;
import org.bnsl.law.Law;

/**
 * The outcome of a {@link Bootstrap}: the resampled parameter vectors, the residuals they were
 * drawn from, and percentile intervals. Immutable.
 *
 * <p>Prediction intervals cover a new observation, not only the curve: for each successful
 * resample b and each of k draws, the sample is T⁻¹(T(ŷ_b(x)) + e*), with ŷ_b the resample's fit
 * and e* drawn (seeded) from the centred, inflated residuals; the interval is the (1 − level)/2 and
 * (1 + level)/2 percentiles of those samples (type-7 linear interpolation, as numpy's default).
 * k = ⌈2000/B⌉ draws per resample (at least 1) smooth the residual part; the draws are made once,
 * so every prediction of a result uses the same ones and is reproducible. Resampled predictions
 * that are not finite are left out.
 */
public final class BootstrapResult {
    /** Predictive samples aimed for, over all resamples. */
    private static final int PREDICTIVE_SAMPLES = 2000;

    private final Bootstrap options;
    private final Fit fit;
    private final double[][] parameters;
    private final int failed;
    private final double[] residuals;
    private final int[][] draws;
    private final double[] xMax;
    private final long predictionSeed;
    private final List<ParameterInterval> parameterIntervals;

    BootstrapResult(Bootstrap options, Series train, Fit fit, double[][] parameters, int failed, double[] residuals,
            long predictionSeed) {
        this(options, largestX(train), fit, parameters, failed, residuals, predictionSeed);
    }

    /**
     * A result restored from what a model file keeps: the fit, the resampled parameters, the
     * residuals, the largest training x of each variable, the level and the seed.
     */
    public static BootstrapResult restore(Fit fit, double[][] parameters, double[] residuals, double[] xMax, double level,
            long seed) {
        Bootstrap options = Bootstrap.of(parameters.length).withLevel(level).withSeed(seed);
        return new BootstrapResult(options, xMax.clone(), fit, parameters, 0, residuals, seed);
    }

    private static double[] largestX(Series train) {
        double[] xMax = new double[train.dimension()];
        for (int j = 0; j < xMax.length; j++) {
            double m = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < train.size(); i++) {
                m = Math.max(m, train.x(j, i));
            }
            xMax[j] = m;
        }
        return xMax;
    }

    /** The seed of the residual draws of {@link #predict}; with it a restored result predicts the same. */
    public long predictionSeed() {
        return predictionSeed;
    }

    /** The largest training x of each variable; a copy. */
    public double[] xMax() {
        return xMax.clone();
    }

    private BootstrapResult(Bootstrap options, double[] xMax, Fit fit, double[][] parameters, int failed,
            double[] residuals, long predictionSeed) {
        this.options = options;
        this.fit = fit;
        this.parameters = parameters;
        this.failed = failed;
        this.residuals = residuals;
        int k = Math.max(1, (PREDICTIVE_SAMPLES + parameters.length - 1) / parameters.length);
        SplittableRandom rnd = new SplittableRandom(predictionSeed);
        this.draws = new int[parameters.length][k];
        for (int[] row : draws) {
            for (int j = 0; j < k; j++) {
                row[j] = rnd.nextInt(residuals.length);
            }
        }
        this.xMax = xMax;
        this.predictionSeed = predictionSeed;
        List<String> names = fit.law().parameters();
        double[] estimate = fit.parameters();
        List<ParameterInterval> list = new ArrayList<>(names.size());
        double[] column = new double[parameters.length];
        for (int q = 0; q < names.size(); q++) {
            for (int b = 0; b < parameters.length; b++) {
                column[b] = parameters[b][q];
            }
            Arrays.sort(column);
            double[] iv = Quantiles.interval(column, level());
            list.add(new ParameterInterval(names.get(q), estimate[q], iv[0], iv[1]));
        }
        this.parameterIntervals = List.copyOf(list);
    }

    /** The options this result was made with. */
    public Bootstrap options() { return options; }

    /** The original fit. */
    public Fit fit() { return fit; }

    public double level() { return options.level(); }

    /** Resamples asked for. */
    public int resamples() { return options.resamples(); }

    /** Resamples whose refit failed and were dropped. */
    public int failed() { return failed; }

    /** Resamples that were refitted and kept: {@code resamples() − failed()}. */
    public int succeeded() { return parameters.length; }

    /** One row per kept resample, the parameters in the law's order; a copy. */
    public double[][] parameters() {
        double[][] out = new double[parameters.length][];
        for (int b = 0; b < out.length; b++) {
            out[b] = parameters[b].clone();
        }
        return out;
    }

    /** The centred, inflated residuals the resamples (and the predictive draws) were drawn from; a copy. */
    public double[] residuals() { return residuals.clone(); }

    /** Percentile intervals for every parameter, in the law's order. */
    public List<ParameterInterval> parameterIntervals() { return parameterIntervals; }

    public ParameterInterval parameterInterval(String name) {
        for (ParameterInterval p : parameterIntervals) {
            if (p.name().equals(name)) return p;
        }
        throw new IllegalArgumentException("no parameter " + name + " in " + fit.law().name());
    }

    /** x over the largest training x; for several variables the largest such ratio. */
    public double extrapolation(double... x) {
        double r = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < xMax.length; j++) {
            r = Math.max(r, x[j] / xMax[j]);
        }
        return r;
    }

    /** The original fit's prediction at x with its bootstrap prediction interval (see the class comment). */
    public PredictionInterval predict(double... x) {
        Law law = fit.law();
        Objective obj = fit.objective();
        double[] at = x.clone();
        for (int j = 0; j < at.length; j++) {
            at[j] += fit.xOffset();
        }
        int k = draws.length == 0 ? 0 : draws[0].length;
        double[] sample = new double[parameters.length * k];
        int m = 0;
        for (int b = 0; b < parameters.length; b++) {
            double t = obj.transform(law.value(parameters[b], at));
            // A committee's draws go round its members (Committee: equal-weight model averaging as a
            // mixture), so the interval spans the members' disagreement as well as each one's
            // parameter and residual scatter; its centre stays the median.
            double[] members = law instanceof org.bnsl.law.Committee c ? c.memberLogs(parameters[b], at[0]) : null;
            if (!Double.isFinite(t) && members == null) continue;
            for (int j = 0; j < k; j++) {
                double tj = t;
                if (members != null) {
                    double l = members[(b + j) % members.length];
                    if (Double.isNaN(l)) continue;
                    tj = obj.transform(Math.exp(l));
                }
                double v = obj.inverse(tj + residuals[draws[b][j]]);
                if (Double.isFinite(v)) {
                    sample[m++] = v;
                }
            }
        }
        double lo = Double.NaN;
        double hi = Double.NaN;
        if (m > 0) {
            Arrays.sort(sample, 0, m);
            double[] s = m == sample.length ? sample : Arrays.copyOf(sample, m);
            double[] iv = Quantiles.interval(s, level());
            lo = iv[0];
            hi = iv[1];
        }
        return new PredictionInterval(fit.predict(x), lo, hi, level(), extrapolation(x));
    }

}
