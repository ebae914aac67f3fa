package org.bnsl.select;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bnsl.uncertainty.Quantiles;

/**
 * How the members of {@code --law auto}'s committee are chosen from real curves, and how that choice
 * is checked honestly: leave one source out.
 *
 * <p>The committee's forecast on a curve is the median of its members' log predictions (see
 * {@link org.bnsl.law.Committee}); a member whose fit failed, or that has more parameters than the
 * curve has fit points, is left out. The committee is the one of 3 to 6 members of a pool with the
 * lowest geometric mean over the sources of the median holdout RMSLE (every such committee is tried;
 * a failed prediction counts as +∞). The score is computed from each
 * candidate's predictions at the held-out points, so no fit is repeated; the trimming of long curves
 * ({@link AutoFit}) is not tuned here.
 */
public final class CommitteeTuning {
    private CommitteeTuning() {
    }

    /** A source's curves, each with every pool candidate's result (from {@link Backtest#run}). */
    public record Source(String name, List<Backtest.CurveResult> curves) {
    }

    /** The committee chosen without one source, and how the committee median did on each source. */
    public record Fold(String leftOut, List<String> members, double trainScore) {
    }

    /**
     * The committee median's holdout RMSLE on one curve, from the candidates' held-out predictions;
     * NaN when no member has a prediction.
     */
    public static double rmsle(Backtest.CurveResult c, List<String> members) {
        if (c.task().error() != null) {
            return Double.NaN;
        }
        int points = c.task().train().size();
        List<double[]> logs = new ArrayList<>();
        for (Backtest.Scored s : c.candidates()) {
            if (!s.ok() || !members.contains(s.name()) || s.fit() == null || s.fit().law().parameterCount() > points) {
                continue;
            }
            double[] l = new double[s.predicted().length];
            for (int i = 0; i < l.length; i++) l[i] = Math.log(s.predicted()[i]);
            logs.add(l);
        }
        if (logs.isEmpty()) {
            return Double.NaN;
        }
        double[] y = c.task().split().holdout().y();
        double sum = 0;
        double[] at = new double[logs.size()];
        for (int i = 0; i < y.length; i++) {
            for (int k = 0; k < at.length; k++) at[k] = logs.get(k)[i];
            Arrays.sort(at);
            double m = 0.5 * (at[(at.length - 1) / 2] + at[at.length / 2]);
            double d = m - Math.log(y[i]);
            sum += d * d;
        }
        return Math.sqrt(sum / y.length);
    }

    /** The median over a source's curves of the committee's holdout RMSLE (a curve it cannot predict counts as +∞). */
    public static double median(Source s, List<String> members) {
        double[] v = new double[s.curves().size()];
        int n = 0;
        for (Backtest.CurveResult c : s.curves()) {
            if (c.task().error() != null) continue;
            double r = rmsle(c, members);
            v[n++] = Double.isNaN(r) ? Double.POSITIVE_INFINITY : r;
        }
        return Quantiles.median(Arrays.copyOf(v, n));
    }

    /** The geometric mean over the sources of the committee's median holdout RMSLE. */
    public static double score(List<Source> sources, List<String> members) {
        double s = 0;
        for (Source src : sources) s += Math.log(median(src, members));
        return Math.exp(s / sources.size());
    }

    /** The smallest and largest committees searched: a median needs 3 to be robust; 6 distinct shapes are plenty. */
    public static final int MIN_SIZE = 3;
    public static final int MAX_SIZE = 6;

    /**
     * The committee of {@link #MIN_SIZE} to {@link #MAX_SIZE} members of {@code pool} with the lowest
     * {@link #score} on these sources (every such committee is tried; ties go to the smaller one,
     * then to pool order).
     */
    public static List<String> select(List<Source> sources, List<String> pool) {
        List<String> best = null;
        double bestScore = Double.POSITIVE_INFINITY;
        int n = pool.size();
        for (int size = MIN_SIZE; size <= Math.min(MAX_SIZE, n); size++) {
            int[] idx = new int[size];
            for (int i = 0; i < size; i++) idx[i] = i;
            while (true) {
                List<String> trial = new ArrayList<>();
                for (int i : idx) trial.add(pool.get(i));
                double v = score(sources, trial);
                if (v < bestScore * (1 - 1e-9)) {
                    bestScore = v;
                    best = trial;
                }
                int k = size - 1;
                while (k >= 0 && idx[k] == n - size + k) k--;
                if (k < 0) break;
                idx[k]++;
                for (int i = k + 1; i < size; i++) idx[i] = idx[i - 1] + 1;
            }
        }
        return best == null ? List.copyOf(pool) : best;
    }

    /** For each source, the committee selected on all the others. */
    public static Map<String, Fold> leaveOneSourceOut(List<Source> sources, List<String> pool) {
        Map<String, Fold> folds = new LinkedHashMap<>();
        for (Source out : sources) {
            List<Source> rest = new ArrayList<>(sources);
            rest.remove(out);
            List<String> members = select(rest, pool);
            folds.put(out.name(), new Fold(out.name(), members, score(rest, members)));
        }
        return folds;
    }
}
