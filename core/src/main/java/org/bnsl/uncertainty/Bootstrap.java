package org.bnsl.uncertainty;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.bnsl.InputException;
import org.bnsl.data.Series;
import org.bnsl.fit.Fit;
import org.bnsl.fit.Objective;
import org.bnsl.fit.Parallel;

/**
 * Bootstrap refits of a fitted law, and the options that drive them. Immutable; every
 * {@code withX} validates its argument.
 *
 * <p>Method ({@link Resampling#RESIDUAL}, the default). Let T be the objective's transform
 * ({@code ln y}, {@code ln(1+y)} or {@code y}, see {@link Objective}) and ŷᵢ the fit at xᵢ. The
 * residuals rᵢ = T(yᵢ) − T(ŷᵢ) are centred and inflated for the p fitted parameters,
 *
 * <pre>
 *   eᵢ = (rᵢ − r̄) · sqrt(n / (n − p)),
 * </pre>
 *
 * because least-squares residuals are on average smaller than the errors by that factor (their sum
 * of squares has n − p degrees of freedom; Davison &amp; Hinkley 1997, §6.2.3, eq. 6.9 with the
 * leverages replaced by their mean p/n). Resample b draws e*ᵢ from {eⱼ} with replacement and sets
 * y*ᵢ = T⁻¹(T(ŷᵢ) + e*ᵢ) (so ŷᵢ·exp(e*ᵢ) in log space), at the same xᵢ; the law is then refitted to
 * (xᵢ, y*ᵢ) from the original fit (a warm start, see {@link Refit}).
 *
 * <p>Why residuals and not cases for a curve: the design (the x's) stays fixed, as it was in the
 * experiment, so every resample covers the same range of x. Case resampling of a 20-point curve
 * leaves out the largest x in about a third of the resamples (1 − (1 − 1/20)²⁰ ≈ 0.64 keep it);
 * those are fitted on a shorter range and extrapolate further, which widens the upper tail of every
 * prediction beyond the data far more than the data warrant. {@link Resampling#CASE} is offered for
 * data whose x's are themselves random runs (several variables).
 *
 * <p>Reproducibility: resample b draws from its own {@link SplittableRandom}, seeded by the b-th
 * value of a generator seeded with {@link #seed()}, so the results do not depend on the number of
 * threads or their scheduling. Weights: the refit sees the series' weights; the residuals are drawn
 * unweighted (the errors are assumed alike in the objective's space).
 */
public final class Bootstrap {
    private final int resamples;
    private final long seed;
    private final double level;
    private final int threads;
    private final Resampling resampling;

    private Bootstrap(int resamples, long seed, double level, int threads, Resampling resampling) {
        this.resamples = resamples;
        this.seed = seed;
        this.level = level;
        this.threads = threads;
        this.resampling = resampling;
    }

    /**
     * {@code b} resamples with the defaults: seed 0, level 0.9, residual resampling, all cores.
     *
     * @throws InputException when b &lt; 1
     */
    public static Bootstrap of(int b) {
        return new Bootstrap(1, 0, 0.9, Parallel.cores(), Resampling.RESIDUAL).withResamples(b);
    }

    public Bootstrap withResamples(int b) {
        if (b < 1) {
            throw new InputException("--bootstrap must be at least 1 resample, got " + b);
        }
        return new Bootstrap(b, seed, level, threads, resampling);
    }

    public Bootstrap withSeed(long s) {
        return new Bootstrap(resamples, s, level, threads, resampling);
    }

    /** @throws InputException unless 0 &lt; level &lt; 1 */
    public Bootstrap withLevel(double l) {
        if (!(l > 0 && l < 1)) {
            throw new InputException("the interval level must be between 0 and 1 (exclusive), got " + l);
        }
        return new Bootstrap(resamples, seed, l, threads, resampling);
    }

    /** @throws InputException when t &lt; 1 */
    public Bootstrap withThreads(int t) {
        if (t < 1) {
            throw new InputException("threads must be at least 1, got " + t);
        }
        return new Bootstrap(resamples, seed, level, t, resampling);
    }

    public Bootstrap withResampling(Resampling r) {
        if (r == null) {
            throw new IllegalArgumentException("resampling is required");
        }
        return new Bootstrap(resamples, seed, level, threads, r);
    }

    public int resamples() { return resamples; }

    public long seed() { return seed; }

    public double level() { return level; }

    public int threads() { return threads; }

    public Resampling resampling() { return resampling; }

    /**
     * Draws {@link #resamples()} resamples of {@code train}, refits each from {@code fit} in
     * parallel, and collects the results. A resample whose refit throws, or returns non-finite
     * parameters, is counted as failed and dropped.
     *
     * @param train the series {@code fit} was fitted to
     * @param fit   the fit to the whole of {@code train}
     * @param refit how to fit a resample, from {@code fit}
     * @throws InputException when a fitted value is outside the objective's domain, or every refit failed
     */
    public BootstrapResult run(Series train, Fit fit, Refit refit) {
        int n = train.size();
        Objective obj = fit.objective();
        double[] fitted = new double[n];
        double[] tFitted = new double[n];
        double[] e = new double[n];
        double mean = 0;
        for (int i = 0; i < n; i++) {
            fitted[i] = fit.predict(train.point(i));
            tFitted[i] = obj.transform(fitted[i]);
            e[i] = obj.transform(train.y(i)) - tFitted[i];
            if (!Double.isFinite(e[i])) {
                throw new InputException(train.where(i) + ": the fit gives " + fitted[i] + " for y = " + train.y(i)
                        + ", which has no residual in " + obj.id() + " space; cannot bootstrap");
            }
            mean += e[i];
        }
        mean /= n;
        int p = fit.law().parameterCount();
        double inflation = Math.sqrt(n / (double) Math.max(n - p, 1));
        for (int i = 0; i < n; i++) {
            e[i] = (e[i] - mean) * inflation;
        }

        SplittableRandom root = new SplittableRandom(seed);
        long[] seeds = new long[resamples];
        for (int b = 0; b < resamples; b++) {
            seeds[b] = root.nextLong();
        }
        long predictionSeed = root.nextLong();
        List<Integer> indices = new ArrayList<>(resamples);
        for (int b = 0; b < resamples; b++) {
            indices.add(b);
        }
        List<Outcome> outcomes = Parallel.map(indices, b -> {
            SplittableRandom rnd = new SplittableRandom(seeds[b]);
            Series resample = resampling == Resampling.RESIDUAL
                    ? withY(train, residualY(obj, tFitted, e, rnd))
                    : cases(train, rnd);
            try {
                Fit f = refit.refit(resample, fit);
                double[] q = f.parameters();
                for (double v : q) {
                    if (!Double.isFinite(v)) {
                        return new Outcome(null, "non-finite parameters");
                    }
                }
                return new Outcome(q, null);
            } catch (RuntimeException ex) {
                return new Outcome(null, String.valueOf(ex.getMessage()));
            }
        }, threads);

        List<double[]> ok = new ArrayList<>(resamples);
        String firstFailure = null;
        for (Outcome o : outcomes) {
            if (o.parameters != null) {
                ok.add(o.parameters);
            } else if (firstFailure == null) {
                firstFailure = o.failure;
            }
        }
        if (ok.isEmpty()) {
            throw new InputException(train.source() + ": series '" + train.name() + "': every one of the "
                    + resamples + " bootstrap refits failed; the first: " + firstFailure);
        }
        return new BootstrapResult(this, train, fit, ok.toArray(new double[0][]), resamples - ok.size(), e,
                predictionSeed);
    }

    private record Outcome(double[] parameters, String failure) {
    }

    /** y*ᵢ = T⁻¹(T(ŷᵢ) + e*ᵢ), e*ᵢ drawn from e with replacement. */
    static double[] residualY(Objective obj, double[] tFitted, double[] e, SplittableRandom rnd) {
        double[] y = new double[tFitted.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = obj.inverse(tFitted[i] + e[rnd.nextInt(e.length)]);
        }
        return y;
    }

    /** The same points with new y values. */
    static Series withY(Series s, double[] y) {
        Series.Builder b = Series.builder().name(s.name()).source(s.source());
        for (int j = 0; j < s.dimension(); j++) {
            b.variable(s.variables().get(j), s.columns().get(j), s.x(j));
        }
        int[] lines = new int[s.size()];
        for (int i = 0; i < lines.length; i++) {
            lines[i] = s.line(i);
        }
        return b.y(s.yColumn(), y).weights(s.weights()).lines(lines).build();
    }

    /**
     * A case (pairs) resample of n cases: n indices drawn uniformly with replacement from 0..n−1, in
     * the order drawn. The one draw of every case bootstrap (this class's, the densing and transfer laws').
     */
    public static int[] drawCases(int n, SplittableRandom rnd) {
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = rnd.nextInt(n);
        }
        return idx;
    }

    /** n points drawn with replacement ({@link #drawCases}), sorted by their original index. */
    static Series cases(Series s, SplittableRandom rnd) {
        int n = s.size();
        int[] count = new int[n];
        for (int i : drawCases(n, rnd)) {
            count[i]++;
        }
        double[][] x = new double[s.dimension()][n];
        double[] y = new double[n];
        double[] w = new double[n];
        int[] lines = new int[n];
        int m = 0;
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < count[i]; c++, m++) {
                for (int j = 0; j < x.length; j++) {
                    x[j][m] = s.x(j, i);
                }
                y[m] = s.y(i);
                w[m] = s.weight(i);
                lines[m] = s.line(i);
            }
        }
        Series.Builder b = Series.builder().name(s.name()).source(s.source());
        for (int j = 0; j < x.length; j++) {
            b.variable(s.variables().get(j), s.columns().get(j), x[j]);
        }
        return b.y(s.yColumn(), y).weights(w).lines(lines).build();
    }

    @Override
    public String toString() {
        return "Bootstrap[" + resamples + " " + resampling.name().toLowerCase(java.util.Locale.ROOT) + " resamples, seed "
                + seed + ", level " + level + ", " + threads + " threads]";
    }
}
