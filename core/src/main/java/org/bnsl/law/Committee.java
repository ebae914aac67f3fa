package org.bnsl.law;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The committee median of several fitted laws of one variable: y = exp(median over members i of
 * ln fᵢ(x + Sᵢ; pᵢ)), what {@code --law auto} predicts with.
 *
 * <p>Why a median: laws of different shapes err in different directions when they extrapolate (a
 * floor under-predicts further gains, a pure power law over-predicts them), so the median of
 * distinct shapes is a robust central forecast; one wild member cannot move it. This is the
 * "median of the candidates" forecast combination of the forecasting literature (e.g. Stock and
 * Watson 2004, "Combination forecasts of output growth", J. Forecasting 23), measured for scaling
 * curves in docs/BENCHMARKS.md ("Development corpus").
 *
 * <p>The parameters are the members' parameters, concatenated in member order and named
 * {@code label.parameter} (e.g. {@code bnsl:1.d1}). Each member keeps its own fixed shift Sᵢ of x
 * (the user's {@code --x-offset}) and lowest x (see {@link #of}). With an even number of members
 * the median is the mean of the two middle logs. A member that is undefined (NaN, or ≤ 0) at some x
 * is left out there; NaN when every member is. Immutable and thread-safe; {@link #value} allocates
 * (a committee is evaluated, never fitted as a whole).
 */
public final class Committee implements Law {
    private final List<String> labels;
    private final List<Law> members;
    private final double[] shifts;
    private final double[] lowest;
    private final int[] offsets;
    private final List<String> parameters;

    private Committee(List<String> labels, List<Law> members, double[] shifts, double[] lowest) {
        if (members.isEmpty() || labels.size() != members.size() || shifts.length != members.size()
                || lowest.length != members.size()) {
            throw new IllegalArgumentException("a committee needs one label and one shift per member, and a member");
        }
        this.labels = List.copyOf(labels);
        this.members = List.copyOf(members);
        this.shifts = shifts.clone();
        this.lowest = lowest.clone();
        this.offsets = new int[members.size() + 1];
        List<String> names = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            Law m = members.get(i);
            if (m.variables().size() != 1) {
                throw new IllegalArgumentException("committee members are laws of one variable; " + m.name() + " is not");
            }
            if (!(shifts[i] >= 0) || !Double.isFinite(shifts[i]) || !(lowest[i] >= 0) || !Double.isFinite(lowest[i])) {
                throw new IllegalArgumentException("a member's shift and lowest x must be finite and >= 0, got "
                        + shifts[i] + " and " + lowest[i]);
            }
            offsets[i + 1] = offsets[i] + m.parameterCount();
            for (String p : m.parameters()) names.add(labels.get(i) + "." + p);
        }
        this.parameters = List.copyOf(names);
    }

    /**
     * @param labels  each member's name as a candidate ({@code power}, {@code bnsl:1})
     * @param members the member laws, all of one variable
     * @param shifts  each member's shift S of x (0 for none)
     * @param lowest  each member's lowest x: below it the member is held at its value there (0 for
     *                none). Members that need x &gt; 0 are fitted to the points with x &gt; 0 only, and
     *                held at the smallest of those below it, so that a committee is finite at x = 0
     *                (a curve's "before fine-tuning" point) without bending any member's shape.
     */
    public static Committee of(List<String> labels, List<Law> members, double[] shifts, double[] lowest) {
        return new Committee(labels, members, shifts, lowest);
    }

    public List<String> labels() { return labels; }

    public List<Law> members() { return members; }

    public double shift(int member) { return shifts[member]; }

    public double lowest(int member) { return lowest[member]; }

    /** The slice of a committee parameter vector that belongs to member {@code i}. */
    public double[] memberParameters(double[] p, int i) {
        return Arrays.copyOfRange(p, offsets[i], offsets[i + 1]);
    }

    @Override
    public String name() { return "committee"; }

    @Override
    public String formula() {
        return "y = exp(median of ln f(x) over " + String.join(", ", labels) + ")";
    }

    @Override
    public List<String> variables() { return List.of("x"); }

    @Override
    public List<String> parameters() { return parameters; }

    /** Each member's ln fᵢ at x, NaN where it is undefined. */
    public double[] memberLogs(double[] p, double x) {
        double[] l = new double[members.size()];
        for (int i = 0; i < l.length; i++) {
            double v = members.get(i).value(memberParameters(p, i), new double[] {Math.max(x + shifts[i], lowest[i])});
            l[i] = v > 0 && Double.isFinite(v) ? Math.log(v) : Double.NaN;
        }
        return l;
    }

    @Override
    public double value(double[] p, double[] x) {
        return Math.exp(median(memberLogs(p, x[0]), null));
    }

    /** The gradient is that of the middle member (the mean of the two middle ones for an even count). */
    @Override
    public double valueAndGradient(double[] p, double[] x, double[] grad) {
        double[] logs = memberLogs(p, x[0]);
        int[] middle = new int[2];
        double y = Math.exp(median(logs, middle));
        Arrays.fill(grad, 0);
        if (middle[0] < 0) {
            return y;
        }
        double share = middle[0] == middle[1] ? 1 : 0.5;
        for (int k : middle[0] == middle[1] ? new int[] {middle[0]} : middle) {
            Law m = members.get(k);
            double[] g = new double[m.parameterCount()];
            double v = m.valueAndGradient(memberParameters(p, k), new double[] {Math.max(x[0] + shifts[k], lowest[k])}, g);
            // d/dp exp(mean of ln fₖ) = y·share·(∂fₖ/∂p)/fₖ
            for (int j = 0; j < g.length; j++) grad[offsets[k] + j] += y * share * g[j] / v;
        }
        return y;
    }

    /** The median of the finite values; {@code middle} (if given) receives the member(s) it came from, or -1. */
    static double median(double[] v, int[] middle) {
        Integer[] idx = new Integer[v.length];
        int n = 0;
        for (int i = 0; i < v.length; i++) if (!Double.isNaN(v[i])) idx[n++] = i;
        if (n == 0) {
            if (middle != null) middle[0] = middle[1] = -1;
            return Double.NaN;
        }
        Integer[] live = Arrays.copyOf(idx, n);
        Arrays.sort(live, (a, b) -> Double.compare(v[a], v[b]));
        int lo = live[(n - 1) / 2];
        int hi = live[n / 2];
        if (middle != null) {
            middle[0] = lo;
            middle[1] = hi;
        }
        return 0.5 * (v[lo] + v[hi]);
    }
}
