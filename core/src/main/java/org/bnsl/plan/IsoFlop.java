package org.bnsl.plan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.bnsl.InputException;
import org.bnsl.Numbers;

/**
 * IsoFLOP analysis, Approach 2 of Hoffmann et al. 2022 (§3.2, Figure 3): group training runs into
 * FLOP budgets, find the loss-optimal model size in each budget from a parabola, and fit how the
 * optimal size grows with compute.
 *
 * <ol>
 *   <li><b>Budgets.</b> Single-linkage clustering of ln C with a bounded span: runs are sorted by
 *       FLOP and cut wherever consecutive runs differ by more than ln(1 + tolerance) in ln C
 *       (tolerance 0.1 by default); then a chain whose span ln(C_max/C_min) exceeds
 *       S = ln {@link Options#maxSpread()} (1.5 by default) is cut from its low end: each budget
 *       ends at the widest gap among the cuts that leave it spanning between S/2 and S. So every
 *       budget spans at most a factor maxSpread, and chaining cannot merge different budgets
 *       (Chinchilla's extracted runs chained across a factor of 9.4 in FLOP without the bound:
 *       109 of 245 runs were placed in 6 usable budgets; with it, 201 in 12). An explicit budget per run
 *       ({@link Options.Builder#budgets}) overrides this: runs with equal values share a budget. A
 *       budget's FLOP is the geometric mean of its runs' FLOP (or the explicit value).</li>
 *   <li><b>Optimal size per budget.</b> A budget is usable when it has &ge; 3 runs with &ge; 3 distinct
 *       N, its lowest loss is at an interior N (not the smallest or largest), its FLOP spread
 *       max/min is at most {@link Options#maxSpread()} (which only explicit budgets can break),
 *       and the least-squares parabola L = c₀ + c₁·ln N + c₂·(ln N)² opens upward
 *       (c₂ &gt; 0) with its vertex ln N_opt = −c₁/(2c₂) inside the sampled range of ln N. L_min is the
 *       parabola's value at the vertex. Runs in usable budgets are "placed"; all others are not.</li>
 *   <li><b>Exponents.</b> Ordinary least squares ln N_opt = a·ln C + const over usable budgets, and
 *       ln D_opt = b·ln C + const with D_opt = C/(k·N_opt) (k = 6), so b = 1 − a.</li>
 *   <li><b>Interval.</b> A seeded residual bootstrap within budgets (Davison and Hinkley 1997,
 *       Algorithm 6.3, modified residuals): each usable budget's N values are kept, its parabola's
 *       leverage-adjusted, centred residuals r_i/√(1 − h_i) are resampled onto the fitted values, the
 *       parabola is refitted and the exponents recomputed. A budget whose resampled parabola opens
 *       downward or has its vertex outside the sampled range is left out of that replicate; a
 *       replicate with fewer than 2 budgets is discarded. The interval is the pair of percentiles at
 *       (1 − level)/2 and (1 + level)/2 (level 0.9 by default).</li>
 * </ol>
 *
 * <p>The result is {@link Result#trustworthy() trustworthy} only with at least 3 usable budgets and at
 * least half the runs placed; the reason says which condition failed.
 */
public final class IsoFlop {
    private IsoFlop() {
    }

    /**
     * Options of {@link #analyse}; {@link Builder#build()} validates.
     *
     * @param tolerance relative FLOP gap between consecutive runs that starts a new budget, &gt; 0
     * @param maxSpread largest max/min FLOP ratio within a budget, &ge; 1
     * @param budgets   explicit budget per run, or null to group by tolerance
     * @param k         FLOP per parameter per token for D_opt = C/(k·N_opt)
     * @param resamples bootstrap replicates, &ge; 0 (0: no interval)
     * @param seed      bootstrap seed
     * @param level     central probability of the interval, in (0, 1)
     */
    public record Options(double tolerance, double maxSpread, double[] budgets, double k, int resamples, long seed,
            double level) {

        public static Options defaults() {
            return builder().build();
        }

        public static Builder builder() {
            return new Builder();
        }

        /** Builds {@link Options}; defaults: tolerance 0.1, max spread 1.5, k 6, 1000 resamples, seed 1, level 0.9. */
        public static final class Builder {
            private double tolerance = 0.1;
            private double maxSpread = 1.5;
            private double[] budgets;
            private double k = 6;
            private int resamples = 1000;
            private long seed = 1;
            private double level = 0.9;

            public Builder tolerance(double t) { this.tolerance = t; return this; }

            public Builder maxSpread(double s) { this.maxSpread = s; return this; }

            /** One budget value per run; runs with equal values share a budget. */
            public Builder budgets(double[] b) { this.budgets = b == null ? null : b.clone(); return this; }

            public Builder k(double k) { this.k = k; return this; }

            public Builder resamples(int r) { this.resamples = r; return this; }

            public Builder seed(long s) { this.seed = s; return this; }

            public Builder level(double l) { this.level = l; return this; }

            /** @throws InputException naming the offending option */
            public Options build() {
                if (!(tolerance > 0) || !Double.isFinite(tolerance)) {
                    throw new InputException("FLOP tolerance must be positive, got " + Numbers.format(tolerance));
                }
                if (!(maxSpread >= 1) || !Double.isFinite(maxSpread)) {
                    throw new InputException("largest FLOP spread within a budget must be at least 1, got " + Numbers.format(maxSpread));
                }
                if (!(k > 0) || !Double.isFinite(k)) {
                    throw new InputException("FLOP per parameter per token k must be positive, got " + Numbers.format(k));
                }
                if (resamples < 0) {
                    throw new InputException("bootstrap resamples must be zero or positive, got " + resamples);
                }
                if (!(level > 0 && level < 1)) {
                    throw new InputException("interval level must be between 0 and 1, got " + Numbers.format(level));
                }
                if (budgets != null) {
                    for (int i = 0; i < budgets.length; i++) {
                        if (!(budgets[i] > 0) || !Double.isFinite(budgets[i])) {
                            throw new InputException("run " + (i + 1) + ": budget must be positive, got " + Numbers.format(budgets[i]));
                        }
                    }
                }
                return new Options(tolerance, maxSpread, budgets == null ? null : budgets.clone(), k, resamples, seed, level);
            }
        }
    }

    /**
     * One budget.
     *
     * @param flops   the budget's FLOP (geometric mean of its runs', or the explicit budget)
     * @param runs    runs in the budget
     * @param nOpt    the parabola's vertex N_opt; NaN when not usable
     * @param dOpt    D_opt = C/(k·N_opt); NaN when not usable
     * @param lossMin the parabola's value at the vertex; NaN when not usable
     * @param usable  whether the budget entered the fit
     * @param note    why it is not usable; empty when usable
     */
    public record Budget(double flops, int runs, double nOpt, double dOpt, double lossMin, boolean usable, String note) {
    }

    /** An exponent with its bootstrap percentile interval (NaN bounds when there is no interval). */
    public record Exponent(double value, double lo, double hi) {
        public boolean contains(double v) {
            return v >= lo && v <= hi;
        }
    }

    /**
     * The analysis.
     *
     * @param budgets          every budget found, by increasing FLOP
     * @param a                exponent of N_opt ∝ C^a
     * @param b                exponent of D_opt ∝ C^b (= 1 − a)
     * @param placed           runs in usable budgets
     * @param notPlaced        runs in budgets that were not usable
     * @param resamplesUsed    bootstrap replicates that gave an exponent
     * @param trustworthy      at least 3 usable budgets and at least half the runs placed
     * @param reason           why (not) trustworthy, one line
     */
    public record Result(List<Budget> budgets, Exponent a, Exponent b, int placed, int notPlaced, int resamplesUsed,
            boolean trustworthy, String reason) {

        public int usableBudgets() {
            int u = 0;
            for (Budget bu : budgets) {
                if (bu.usable()) u++;
            }
            return u;
        }

        /**
         * The coefficient G of N_opt = G·C^e at a given exponent e (with {@code tokens}, of
         * D_opt = G·C^e): the least-squares intercept of ln N_opt − e·ln C over the usable budgets,
         * exp of their mean. With e = 0.5 this is the "direct fit" N*(C) ≈ 0.1·C^0.5,
         * D*(C) ≈ 1.7·C^0.5 that the field's reference text quotes for Hoffmann et al.'s Approaches 1
         * and 2. NaN without usable budgets.
         */
        public double coefficient(double exponent, boolean tokens) {
            double sum = 0;
            int n = 0;
            for (Budget bu : budgets) {
                if (!bu.usable()) continue;
                sum += Math.log(tokens ? bu.dOpt() : bu.nOpt()) - exponent * Math.log(bu.flops());
                n++;
            }
            return n == 0 ? Double.NaN : Math.exp(sum / n);
        }
    }

    /**
     * Runs the analysis.
     *
     * @param params N of each run, &gt; 0
     * @param flops  training FLOP of each run, &gt; 0
     * @param loss   final loss of each run, finite
     * @throws InputException when the arrays differ in length or a value is out of its domain
     */
    public static Result analyse(double[] params, double[] flops, double[] loss, Options options) {
        int m = params.length;
        if (flops.length != m || loss.length != m) {
            throw new InputException("params, flops and loss must have equal lengths, got " + m + ", " + flops.length
                    + ", " + loss.length);
        }
        if (options.budgets() != null && options.budgets().length != m) {
            throw new InputException("explicit budgets must have one value per run: " + m + " runs, "
                    + options.budgets().length + " budgets");
        }
        for (int i = 0; i < m; i++) {
            if (!(params[i] > 0) || !Double.isFinite(params[i])) {
                throw new InputException("run " + (i + 1) + ": params must be positive, got " + Numbers.format(params[i]));
            }
            if (!(flops[i] > 0) || !Double.isFinite(flops[i])) {
                throw new InputException("run " + (i + 1) + ": FLOP must be positive, got " + Numbers.format(flops[i]));
            }
            if (!Double.isFinite(loss[i])) {
                throw new InputException("run " + (i + 1) + ": loss must be finite, got " + Numbers.format(loss[i]));
            }
        }
        List<int[]> groups = group(flops, options);
        List<Budget> budgets = new ArrayList<>();
        List<Fitted> fitted = new ArrayList<>();
        int placed = 0;
        for (int[] g : groups) {
            double lnC = 0;
            double fMin = Double.POSITIVE_INFINITY;
            double fMax = 0;
            for (int i : g) {
                lnC += Math.log(flops[i]);
                fMin = Math.min(fMin, flops[i]);
                fMax = Math.max(fMax, flops[i]);
            }
            double c = options.budgets() != null ? options.budgets()[g[0]] : Math.exp(lnC / g.length);
            double[] u = new double[g.length];
            double[] y = new double[g.length];
            for (int j = 0; j < g.length; j++) {
                u[j] = Math.log(params[g[j]]);
                y[j] = loss[g[j]];
            }
            String note = checkDesign(u, y);
            if (note.isEmpty() && fMax / fMin > options.maxSpread()) {
                note = "runs span a factor " + Numbers.format(fMax / fMin, 3) + " in FLOP (more than "
                        + Numbers.format(options.maxSpread()) + ")";
            }
            Fitted f = null;
            if (note.isEmpty()) {
                f = Fitted.of(Math.log(c), u, y);
                note = f.note;
            }
            if (note.isEmpty()) {
                fitted.add(f);
                placed += g.length;
                budgets.add(new Budget(c, g.length, Math.exp(f.vertex), c / (options.k() * Math.exp(f.vertex)), f.vertexValue, true, ""));
            } else {
                budgets.add(new Budget(c, g.length, Double.NaN, Double.NaN, Double.NaN, false, note));
            }
        }
        double a = slope(fitted, null);
        Exponent ea;
        Exponent eb;
        int used = 0;
        if (fitted.size() >= 2 && options.resamples() > 0) {
            double[] boot = new double[options.resamples()];
            SplittableRandom rnd = new SplittableRandom(options.seed());
            Resample resample = new Resample(rnd);
            for (int r = 0; r < options.resamples(); r++) {
                double s = slope(fitted, resample);
                if (Double.isFinite(s)) boot[used++] = s;
            }
            if (used > 0) {
                double[] sorted = Arrays.copyOf(boot, used);
                Arrays.sort(sorted);
                double[] range = org.bnsl.uncertainty.Quantiles.interval(sorted, options.level());
                double lo = range[0];
                double hi = range[1];
                ea = new Exponent(a, lo, hi);
                eb = new Exponent(1 - a, 1 - hi, 1 - lo);
            } else {
                ea = new Exponent(a, Double.NaN, Double.NaN);
                eb = new Exponent(1 - a, Double.NaN, Double.NaN);
            }
        } else {
            ea = new Exponent(a, Double.NaN, Double.NaN);
            eb = new Exponent(1 - a, Double.NaN, Double.NaN);
        }
        int usable = fitted.size();
        int notPlaced = m - placed;
        String reason;
        boolean trust;
        if (usable < 3) {
            trust = false;
            reason = "only " + usable + " usable budget" + (usable == 1 ? "" : "s") + " of " + budgets.size()
                    + " (need at least 3)";
        } else if (2 * placed < m) {
            trust = false;
            reason = "only " + placed + " of " + m + " runs placed in usable budgets (need at least half)";
        } else {
            trust = true;
            reason = usable + " usable budgets of " + budgets.size() + ", " + placed + " of " + m + " runs placed";
        }
        return new Result(List.copyOf(budgets), ea, eb, placed, notPlaced, used, trust, reason);
    }

    /**
     * Budgets as lists of run indices, by increasing FLOP: equal explicit budgets, or the
     * single-linkage clusters of ln C with bounded span described in the class documentation.
     * Every run is in exactly one budget. {@code flops} must be positive and finite.
     */
    public static List<int[]> group(double[] flops, Options options) {
        int m = flops.length;
        Integer[] order = new Integer[m];
        for (int i = 0; i < m; i++) order[i] = i;
        List<int[]> out = new ArrayList<>();
        if (options.budgets() != null) {
            double[] b = options.budgets();
            Arrays.sort(order, Comparator.comparingDouble(i -> b[i]));
            Map<Double, List<Integer>> by = new LinkedHashMap<>();
            for (int i : order) by.computeIfAbsent(b[i], x -> new ArrayList<>()).add(i);
            for (List<Integer> l : by.values()) out.add(l.stream().mapToInt(Integer::intValue).toArray());
            return out;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> flops[i]));
        int[] sorted = new int[m];
        double[] lnC = new double[m];
        for (int j = 0; j < m; j++) {
            sorted[j] = order[j];
            lnC[j] = Math.log(flops[order[j]]);
        }
        double tol = Math.log1p(options.tolerance());
        double span = Math.log(options.maxSpread());
        int start = 0;
        for (int j = 1; j <= m; j++) {
            if (j == m || lnC[j] - lnC[j - 1] > tol) {
                if (j > start) split(sorted, lnC, start, j, span, out);
                start = j;
            }
        }
        return out;
    }

    /**
     * Adds the runs {@code from..to-1} (sorted by ln C, one chain) as budgets of span at most
     * {@code span}: one if the chain is that narrow; else, from its low end, each budget takes the
     * runs up to the widest gap among the cuts that leave it spanning between half of {@code span}
     * and {@code span} (the last such cut on ties). Linear in the chain's length.
     */
    private static void split(int[] sorted, double[] lnC, int from, int to, double span, List<int[]> out) {
        int a = from;
        while (a < to) {
            if (lnC[to - 1] - lnC[a] <= span) {
                out.add(Arrays.copyOfRange(sorted, a, to));
                return;
            }
            int cut = -1;
            double widest = -1;
            // a cut at j ends the budget with run j-1; j runs up to the first run beyond the span (< to)
            for (int j = a + 1; lnC[j - 1] - lnC[a] <= span; j++) {
                if (lnC[j - 1] - lnC[a] >= span / 2 || lnC[j] - lnC[a] > span) {
                    double gap = lnC[j] - lnC[j - 1];
                    if (gap >= widest) {
                        widest = gap;
                        cut = j;
                    }
                }
            }
            out.add(Arrays.copyOfRange(sorted, a, cut));
            a = cut;
        }
    }

    /** Empty when the runs can place a minimum: ≥ 3 runs, ≥ 3 distinct N, lowest loss at an interior N. */
    static String checkDesign(double[] u, double[] y) {
        if (u.length < 3) {
            return "fewer than 3 runs";
        }
        double[] distinct = Arrays.stream(u).distinct().toArray();
        if (distinct.length < 3) {
            return "fewer than 3 distinct model sizes";
        }
        double uMin = Double.POSITIVE_INFINITY;
        double uMax = Double.NEGATIVE_INFINITY;
        int best = 0;
        for (int i = 0; i < u.length; i++) {
            uMin = Math.min(uMin, u[i]);
            uMax = Math.max(uMax, u[i]);
            if (y[i] < y[best]) best = i;
        }
        if (u[best] == uMin || u[best] == uMax) {
            return "lowest loss at the " + (u[best] == uMin ? "smallest" : "largest") + " model: no interior minimum";
        }
        return "";
    }

    /** Slope of ln N_opt on ln C over the budgets, each optionally resampled; NaN with fewer than 2. */
    private static double slope(List<Fitted> fitted, Resample resample) {
        int n = 0;
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        for (int j = 0; j < fitted.size(); j++) {
            Fitted f = fitted.get(j);
            double v = resample == null ? f.vertex : resample.vertex(f, j);
            if (Double.isNaN(v)) continue;
            n++;
            sx += f.lnC;
            sy += v;
            sxx += f.lnC * f.lnC;
            sxy += f.lnC * v;
        }
        if (n < 2) return Double.NaN;
        double den = n * sxx - sx * sx;
        if (!(den > 0)) return Double.NaN;
        return (n * sxy - sx * sy) / den;
    }

    /** One budget's parabola fit, with what the residual bootstrap needs. */
    private static final class Fitted {
        final double lnC;
        final double[] u;
        final double mean;
        final double uMin;
        final double uMax;
        double[][] inv;
        double[] fittedValues;
        double[] modifiedResiduals;
        double vertex;
        double vertexValue;
        String note = "";

        private Fitted(double lnC, double[] u) {
            this.lnC = lnC;
            this.u = u;
            double s = 0;
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (double v : u) {
                s += v;
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
            this.mean = s / u.length;
            this.uMin = lo;
            this.uMax = hi;
        }

        static Fitted of(double lnC, double[] u, double[] y) {
            Fitted f = new Fitted(lnC, u);
            double[][] inv = f.inverseNormal();
            f.inv = inv;
            double[] c = f.solve(inv, y);
            if (!(c[2] > 0)) {
                f.note = "parabola opens downward";
                return f;
            }
            double v = -c[1] / (2 * c[2]);
            if (v + f.mean < f.uMin || v + f.mean > f.uMax) {
                f.note = "parabola vertex outside the sampled model sizes";
                return f;
            }
            f.vertex = v + f.mean;
            f.vertexValue = c[0] - c[1] * c[1] / (4 * c[2]);
            int n = u.length;
            f.fittedValues = new double[n];
            f.modifiedResiduals = new double[n];
            double rs = 0;
            for (int i = 0; i < n; i++) {
                double x = u[i] - f.mean;
                double[] row = {1, x, x * x};
                f.fittedValues[i] = c[0] + c[1] * x + c[2] * x * x;
                double h = 0;
                for (int p = 0; p < 3; p++) {
                    for (int q = 0; q < 3; q++) h += row[p] * inv[p][q] * row[q];
                }
                double r = (y[i] - f.fittedValues[i]) / Math.sqrt(Math.max(1 - h, 1e-12));
                f.modifiedResiduals[i] = r;
                rs += r;
            }
            for (int i = 0; i < n; i++) f.modifiedResiduals[i] -= rs / n;
            return f;
        }

        /** (XᵀX)⁻¹ for X = [1, x, x²], x = u − mean. */
        double[][] inverseNormal() {
            double[][] a = new double[3][3];
            for (double v : u) {
                double x = v - mean;
                double[] row = {1, x, x * x};
                for (int p = 0; p < 3; p++) {
                    for (int q = 0; q < 3; q++) a[p][q] += row[p] * row[q];
                }
            }
            return invert3(a);
        }

        double[] solve(double[][] inv, double[] y) {
            double[] xty = new double[3];
            for (int i = 0; i < u.length; i++) {
                double x = u[i] - mean;
                xty[0] += y[i];
                xty[1] += x * y[i];
                xty[2] += x * x * y[i];
            }
            double[] c = new double[3];
            for (int p = 0; p < 3; p++) {
                c[p] = inv[p][0] * xty[0] + inv[p][1] * xty[1] + inv[p][2] * xty[2];
            }
            return c;
        }
    }

    /** Draws one residual-bootstrap replicate of a budget and returns its vertex (NaN when unusable). */
    private static final class Resample {
        final SplittableRandom rnd;

        Resample(SplittableRandom rnd) {
            this.rnd = rnd;
        }

        double vertex(Fitted f, int j) {
            int n = f.u.length;
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                y[i] = f.fittedValues[i] + f.modifiedResiduals[rnd.nextInt(n)];
            }
            double[] c = f.solve(f.inv, y);
            if (!(c[2] > 0)) return Double.NaN;
            double v = -c[1] / (2 * c[2]) + f.mean;
            return v < f.uMin || v > f.uMax ? Double.NaN : v;
        }
    }

    static double[][] invert3(double[][] a) {
        double c00 = a[1][1] * a[2][2] - a[1][2] * a[2][1];
        double c01 = a[1][2] * a[2][0] - a[1][0] * a[2][2];
        double c02 = a[1][0] * a[2][1] - a[1][1] * a[2][0];
        double det = a[0][0] * c00 + a[0][1] * c01 + a[0][2] * c02;
        double[][] r = new double[3][3];
        r[0][0] = c00 / det;
        r[0][1] = (a[0][2] * a[2][1] - a[0][1] * a[2][2]) / det;
        r[0][2] = (a[0][1] * a[1][2] - a[0][2] * a[1][1]) / det;
        r[1][0] = c01 / det;
        r[1][1] = (a[0][0] * a[2][2] - a[0][2] * a[2][0]) / det;
        r[1][2] = (a[0][2] * a[1][0] - a[0][0] * a[1][2]) / det;
        r[2][0] = c02 / det;
        r[2][1] = (a[0][1] * a[2][0] - a[0][0] * a[2][1]) / det;
        r[2][2] = (a[0][0] * a[1][1] - a[0][1] * a[1][0]) / det;
        return r;
    }
}
