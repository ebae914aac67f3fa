package org.bnsl.select;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Comparator;
import java.util.stream.IntStream;

import org.bnsl.InputException;
import org.bnsl.data.Series;
import org.bnsl.fit.Fit;

/**
 * Rolling-origin extrapolation error, computed on the training points only: fit the smallest-x
 * prefix, predict the points just beyond it, slide the cut forward, aggregate.
 *
 * <p>The scheme, for n training points sorted by x (first variable), and the extrapolation horizon H
 * the user asks for (the farthest held-out x over the largest training x; 2 without a holdout):
 * <ul>
 *   <li><b>Cuts.</b> The prefixes of the {@code n − 1}, {@code n − 2}, … smallest points, longest
 *       first, down to the shortest prefix whose largest x is still within a factor H of the
 *       largest training x: each cut then extrapolates about as far as the user will. At least
 *       {@link Options#minCuts()} cuts are made when the points allow, at most
 *       {@link Options#cuts()}, and no prefix is shorter than {@link Options#minPrefix()}. Every
 *       candidate is scored on the same cuts; one with as many parameters as the shortest prefix
 *       has points, or more, is not eligible (it would interpolate, not fit).</li>
 *   <li><b>Horizon.</b> At a cut whose largest x is x_k, the points with x_k &lt; x ≤ H·x_k are
 *       scored. When no point falls in that range the next point alone is scored.</li>
 *   <li><b>Weights.</b> Cut j (1 for the longest prefix) weighs {@code decay^(j−1)}: the long prefixes,
 *       closest to the real question, weigh most. Within a cut each scored point weighs alike.</li>
 *   <li><b>Score.</b> {@code sqrt(Σⱼ wⱼ·MSLEⱼ / Σⱼ wⱼ)}: a root mean squared log error, comparable
 *       with the holdout RMSLE. A candidate whose fit fails at any cut scores +∞.</li>
 * </ul>
 * Deterministic: every fit is.
 */
public final class RollingOrigin {
    private RollingOrigin() {
    }

    /**
     * @param cuts      the most cuts to make
     * @param minCuts   the fewest cuts to make when there are enough points
     * @param minPrefix the fewest points a prefix may have
     * @param horizon   H ≥ 1, how far beyond each cut to score (as a ratio of x), and how far back
     *                  from the largest x the cuts may go
     * @param decay     the weight ratio between successive cuts, in (0, 1]
     */
    public record Options(int cuts, int minCuts, int minPrefix, double horizon, double decay) {
        public Options {
            if (cuts < 1 || minCuts < 1 || minCuts > cuts) throw new IllegalArgumentException("need 1 ≤ minCuts ≤ cuts");
            if (!(horizon >= 1)) throw new IllegalArgumentException("horizon must be ≥ 1");
            if (!(decay > 0 && decay <= 1)) throw new IllegalArgumentException("decay must be in (0, 1]");
        }

        public static Options defaults(double horizon) {
            return new Options(6, 3, 3, horizon, 0.8);
        }
    }

    /** A candidate's rolling-origin score and the cuts it was computed on. */
    public record Score(double value, int[] prefixes, double[] msle) {
    }

    /** The prefix sizes of the cuts for points with these x values (sorted increasing), longest first. */
    public static int[] prefixes(double[] sortedX, Options o) {
        int n = sortedX.length;
        double reach = sortedX[n - 1] / o.horizon();
        int byHorizon = n - 1;
        while (byHorizon - 1 >= 1 && sortedX[byHorizon - 2] >= reach) byHorizon--;
        int last = Math.max(o.minPrefix(), Math.max(n - o.cuts(), Math.min(byHorizon, n - o.minCuts())));
        int first = n - 1;
        if (first < last) {
            return new int[0];
        }
        return IntStream.iterate(first, k -> k >= last, k -> k - 1).toArray();
    }

    /**
     * The fewest training points for which a candidate with p parameters can be scored at all: one
     * prefix of more than p points (and at least minPrefix), and one point beyond it.
     */
    public static int pointsNeeded(int parameters, Options o) {
        return Math.max(parameters + 1, o.minPrefix()) + 1;
    }

    /**
     * Scores {@code c} on {@code train}.
     *
     * @throws InputException when there are too few points for a single cut
     */
    public static Score score(Series train, Candidate c, Options o) {
        Series sorted = sortByX(train);
        int[] ks = eligibleCuts(train, sorted, c, o);
        double[] msle = new double[ks.length];
        for (int j = 0; j < ks.length; j++) {
            msle[j] = cut(sorted, c, ks[j], o);
        }
        return aggregate(ks, msle, o);
    }

    /**
     * Every candidate's score, as {@link #score} gives it, with the (candidate, cut) fits spread over
     * {@code threads} threads: the fits of a complex candidate take longest, so splitting by cut
     * balances the work better than splitting by candidate. Same result on any number of threads.
     * A candidate that cannot be scored gets its {@link InputException} message instead.
     */
    public static List<Object> scoreAll(Series train, List<Candidate> candidates, Options o, int threads) {
        Series sorted = sortByX(train);
        List<Object> out = new ArrayList<>();
        List<int[]> tasks = new ArrayList<>(); // {candidate, cut index}
        List<int[]> cuts = new ArrayList<>();
        for (int c = 0; c < candidates.size(); c++) {
            try {
                int[] ks = eligibleCuts(train, sorted, candidates.get(c), o);
                cuts.add(ks);
                for (int j = 0; j < ks.length; j++) tasks.add(new int[] {c, j});
                out.add(null);
            } catch (InputException e) {
                cuts.add(null);
                out.add(e.getMessage());
            }
        }
        List<Double> values = org.bnsl.fit.Parallel.map(tasks,
                t -> cut(sorted, candidates.get(t[0]), cuts.get(t[0])[t[1]], o), threads);
        double[][] msle = new double[candidates.size()][];
        for (int c = 0; c < candidates.size(); c++) {
            if (cuts.get(c) != null) msle[c] = new double[cuts.get(c).length];
        }
        for (int i = 0; i < tasks.size(); i++) {
            msle[tasks.get(i)[0]][tasks.get(i)[1]] = values.get(i);
        }
        for (int c = 0; c < candidates.size(); c++) {
            if (cuts.get(c) != null) out.set(c, aggregate(cuts.get(c), msle[c], o));
        }
        return out;
    }

    /**
     * The same score, with each cut's fit warm-started from the fit on the next longer prefix (the
     * longest from {@code full}, the fit on every training point): one local refit per cut instead
     * of a multi-start fit, which is what makes scoring the committee's members cheap. A refit that
     * fails falls back to the candidate's own fit from scratch.
     *
     * @throws InputException when there are too few points for a single cut
     */
    public static Score scoreWarm(Series train, Candidate c, Fit full, org.bnsl.uncertainty.Refit refit, Options o) {
        Series sorted = sortByX(train);
        int[] ks = eligibleCuts(train, sorted, c, o);
        double[] msle = new double[ks.length];
        Fit start = full;
        for (int j = 0; j < ks.length; j++) {
            boolean[] keep = new boolean[sorted.size()];
            for (int i = 0; i < ks[j]; i++) keep[i] = true;
            Series prefix = sorted.select(keep);
            Fit fit;
            try {
                fit = refit.refit(prefix, start);
            } catch (RuntimeException e) {
                try {
                    fit = c.fitter().apply(prefix);
                } catch (InputException | ArithmeticException | IllegalStateException e2) {
                    msle[j] = Double.POSITIVE_INFINITY;
                    continue;
                }
            }
            start = fit;
            msle[j] = error(sorted, fit, ks[j], o);
        }
        return aggregate(ks, msle, o);
    }

    private static int[] eligibleCuts(Series train, Series sorted, Candidate c, Options o) {
        int n = sorted.size();
        int[] ks = prefixes(sorted.x(), o);
        if (ks.length == 0 || ks[ks.length - 1] <= c.parameters()) {
            String where = train.source() + ": series '" + train.name() + "': rolling-origin validation of " + c.name();
            if (ks.length == 0) {
                throw new InputException(where + " needs at least " + pointsNeeded(c.parameters(), o) + " training points, got " + n);
            }
            throw new InputException(where + " needs prefixes of more than " + c.parameters() + " points; with " + n
                    + " training points the shortest cut has " + ks[ks.length - 1]);
        }
        return ks;
    }

    /** The mean squared log error of a fit to the first k points on the points just beyond; +∞ if the fit fails. */
    private static double cut(Series sorted, Candidate c, int k, Options o) {
        int n = sorted.size();
        boolean[] keep = new boolean[n];
        for (int i = 0; i < k; i++) keep[i] = true;
        Fit fit;
        try {
            fit = c.fitter().apply(sorted.select(keep));
        } catch (InputException | ArithmeticException | IllegalStateException e) {
            return Double.POSITIVE_INFINITY;
        }
        return error(sorted, fit, k, o);
    }

    /** The mean squared log error of {@code fit} on the points just beyond the first k (within the horizon). */
    private static double error(Series sorted, Fit fit, int k, Options o) {
        int n = sorted.size();
        double xk = sorted.x(0, k - 1);
        double s = 0;
        int m = 0;
        for (int i = k; i < n; i++) {
            double x = sorted.x(0, i);
            if (m > 0 && x > o.horizon() * xk) break;
            double p = fit.predict(sorted.point(i));
            double d = Math.log(p) - Math.log(sorted.y(i));
            s += d * d;
            m++;
        }
        double v = s / m;
        return Double.isFinite(v) ? v : Double.POSITIVE_INFINITY;
    }

    private static Score aggregate(int[] ks, double[] msle, Options o) {
        double num = 0;
        double den = 0;
        double w = 1;
        for (double v : msle) {
            if (!Double.isFinite(v)) {
                return new Score(Double.POSITIVE_INFINITY, ks, msle);
            }
            num += w * v;
            den += w;
            w *= o.decay();
        }
        return new Score(Math.sqrt(num / den), ks, msle);
    }

    /** The series with its points in increasing order of the first variable. */
    static Series sortByX(Series s) {
        Integer[] idx = new Integer[s.size()];
        for (int i = 0; i < idx.length; i++) idx[i] = i;
        Arrays.sort(idx, Comparator.comparingDouble(i -> s.x(0, i)));
        boolean sorted = true;
        for (int i = 0; i < idx.length; i++) sorted &= idx[i] == i;
        if (sorted) return s;
        Series.Builder b = Series.builder().name(s.name()).source(s.source());
        double[] y = new double[s.size()];
        double[] w = new double[s.size()];
        int[] lines = new int[s.size()];
        for (int i = 0; i < idx.length; i++) {
            y[i] = s.y(idx[i]);
            w[i] = s.weight(idx[i]);
            lines[i] = s.line(idx[i]);
        }
        for (int j = 0; j < s.dimension(); j++) {
            double[] x = new double[s.size()];
            for (int i = 0; i < idx.length; i++) x[i] = s.x(j, idx[i]);
            b.variable(s.variables().get(j), s.columns().get(j), x);
        }
        return b.y(s.yColumn(), y).weights(w).lines(lines).build();
    }
}
