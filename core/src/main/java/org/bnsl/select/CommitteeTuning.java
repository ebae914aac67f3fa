package org.bnsl.select;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How the members of {@code --law auto}'s committee are chosen from real curves, and how that choice
 * is checked honestly: leave one source out.
 *
 * <p>The committee's forecast on a curve is the median of its members' log predictions (see
 * {@link org.bnsl.law.Committee}); a member whose fit failed, or that has more parameters than the
 * curve has fit points, is left out. Members are chosen by greedy forward selection from a pool:
 * start empty, add the candidate that most lowers the geometric mean over the sources of the median
 * holdout RMSLE, stop when none lowers it. Greedy selection tries about pool² committees instead of
 * 2^pool, which keeps the choice from fitting the sources' noise. The score is computed from each
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
        return quantile(Arrays.copyOf(v, n), 0.5);
    }

    /** The q-quantile (linear interpolation) of values that may be +∞ (a failed prediction counts as +∞). */
    public static double quantile(double[] values, double q) {
        double[] s = values.clone();
        Arrays.sort(s);
        int n = s.length;
        if (n == 0) return Double.NaN;
        double h = (n - 1) * q;
        int i = (int) Math.floor(h);
        if (i >= n - 1 || h == i) return s[Math.min(i, n - 1)];
        if (Double.isInfinite(s[i + 1])) return Double.POSITIVE_INFINITY;
        return s[i] + (h - i) * (s[i + 1] - s[i]);
    }

    /** The geometric mean over the sources of the committee's median holdout RMSLE. */
    public static double score(List<Source> sources, List<String> members) {
        double s = 0;
        for (Source src : sources) s += Math.log(median(src, members));
        return Math.exp(s / sources.size());
    }

    /** Greedy forward selection of the committee from {@code pool} on these sources. */
    public static List<String> select(List<Source> sources, List<String> pool) {
        List<String> chosen = new ArrayList<>();
        double best = Double.POSITIVE_INFINITY;
        while (true) {
            String add = null;
            for (String c : pool) {
                if (chosen.contains(c)) continue;
                List<String> trial = new ArrayList<>(chosen);
                trial.add(c);
                double v = score(sources, trial);
                if (v < best * (1 - 1e-9)) {
                    best = v;
                    add = c;
                }
            }
            if (add == null) return chosen;
            chosen.add(add);
        }
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
