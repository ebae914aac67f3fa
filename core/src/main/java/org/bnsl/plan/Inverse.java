package org.bnsl.plan;

import java.util.Arrays;
import java.util.List;

import org.bnsl.InputException;
import org.bnsl.Numbers;
import org.bnsl.fit.Direction;
import org.bnsl.law.Law;
import org.bnsl.uncertainty.Quantiles;
import org.hipparchus.analysis.solvers.AllowedSolution;
import org.hipparchus.analysis.solvers.BracketingNthOrderBrentSolver;
import org.hipparchus.exception.MathIllegalStateException;

/**
 * Inverse prediction: the smallest scale at which a fitted law reaches a target value, "at what
 * dataset size does the test loss reach 0.3?". One variable of the law is solved for while the others
 * are held fixed; for a law in N and D the compute-optimal answer is {@link ComputeOptimal#budgetFor}.
 *
 * <p><b>Definition.</b> With f(s) the law at the point where the solved variable is s (every
 * variable shifted by the fit's x offset, as the fit saw it), a <em>falling</em> metric
 * ({@link Direction#DOWN}: loss, error) has reached y where f(s) &le; y, a <em>rising</em> one
 * ({@link Direction#UP}: accuracy) where f(s) &ge; y. The answer is the smallest s in [lo, hi] at
 * which f reaches y. It is found by scanning u = ln(s + offset) at {@value #SCAN_POINTS} evenly spaced
 * points for the first point where y is reached, and solving f(e^u − offset) = y inside that scan
 * interval with Hipparchus's {@link BracketingNthOrderBrentSolver} (order 5, relative accuracy 10⁻¹⁴
 * in u). A point where the law is NaN counts as not reached. So a law that crosses y more than once
 * (double descent) gives its first crossing, provided the crossings are more than one scan step
 * apart (a factor (hi/lo)^(1/{@value #SCAN_POINTS}), 1.26 for lo = 1 and hi = 10¹⁰⁰).
 *
 * <p><b>Outcomes.</b> {@link Outcome#REACHED} with the scale; {@link Outcome#AT_LOW_END} when y is
 * reached already at lo (the answer is then at or below lo, and lo is returned); and
 * {@link Outcome#NOT_REACHED} when no point of the scan reaches y, with the value of the scan that
 * came closest (the law's floor for a falling law that levels off, its ceiling for a rising one).
 *
 * <p>Immutable and thread-safe (static methods only).
 */
public final class Inverse {
    /** Points in the scan of ln s. */
    public static final int SCAN_POINTS = 2000;
    /** The largest scale searched by default, as {@link ComputeOptimal#MAX_BUDGET} for budgets. */
    public static final double MAX_SCALE = 1e100;

    private Inverse() {
    }

    /** How an inverse prediction ended. */
    public enum Outcome {
        /** The target is reached inside the range: {@link Answer#scale()} is where. */
        REACHED,
        /** The target is already reached at the lowest scale searched. */
        AT_LOW_END,
        /** No scale in the range reaches the target. */
        NOT_REACHED
    }

    /**
     * One inverse prediction.
     *
     * @param outcome see {@link Outcome}
     * @param scale   the smallest scale reaching the target (REACHED), lo (AT_LOW_END), or +∞
     *                (NOT_REACHED)
     * @param closest the law's value at {@code scale}, or, when NOT_REACHED, the scanned value nearest
     *                the target (the floor of a falling law, the ceiling of a rising one)
     * @param closestAt the scale where {@code closest} was found
     */
    public record Answer(Outcome outcome, double scale, double closest, double closestAt) {
        public boolean reached() {
            return outcome == Outcome.REACHED;
        }
    }

    /**
     * Percentile interval of the inverse prediction over many parameter vectors (bootstrap
     * resamples): the (1 − level)/2 and (1 + level)/2 quantiles (type 7) of their answers, where a
     * vector that never reaches the target counts as +∞ (so the upper end is +∞ when more than
     * (1 − level)/2 of them never do) and one that reaches it already at lo counts as lo.
     *
     * @param lo         lower end
     * @param hi         upper end, possibly +∞
     * @param level      the central probability, e.g. 0.9
     * @param reached    vectors that reached the target inside the range
     * @param atLowEnd   vectors that reached it already at lo
     * @param notReached vectors that never reached it
     */
    public record Interval(double lo, double hi, double level, int reached, int atLowEnd, int notReached) {
    }

    /**
     * Solves f(s) = target for variable {@code variable} of {@code law}, the others fixed at
     * {@code at} (its entry for {@code variable} is ignored), searching s in [lo, hi].
     *
     * @param offset the fit's x offset, added to every variable before the law sees it
     * @param direction {@link Direction#DOWN} or {@link Direction#UP} (see {@link #direction})
     * @throws IllegalArgumentException when the direction is AUTO, the variable index or the arity is
     *                                  wrong, or the range is not 0 &lt; lo + offset &lt; hi + offset
     *                                  with finite ends
     */
    public static Answer solve(Law law, double[] p, double[] at, int variable, double offset, double target, double lo,
            double hi, Direction direction) {
        if (direction == Direction.AUTO) {
            throw new IllegalArgumentException("give the direction (up or down); decide AUTO with Inverse.direction");
        }
        checkPoint(law, at, variable);
        if (!(lo + offset > 0) || !(hi > lo) || !Double.isFinite(hi)) {
            throw new IllegalArgumentException("search range must have 0 < lo + offset < hi + offset, finite; got ["
                    + lo + ", " + hi + "] with offset " + offset);
        }
        if (!Double.isFinite(target)) {
            throw new IllegalArgumentException("target must be finite, got " + target);
        }
        boolean down = direction == Direction.DOWN;
        double[] x = shifted(at, offset);
        double a = Math.log(lo + offset);
        double b = Math.log(hi + offset);
        double prevU = Double.NaN;
        double prevF = Double.NaN;
        double best = Double.NaN;
        double bestAt = Double.NaN;
        for (int i = 0; i < SCAN_POINTS; i++) {
            double u = i == SCAN_POINTS - 1 ? b : a + (b - a) * i / (SCAN_POINTS - 1);
            double f = at(law, p, x, variable, u);
            if (reaches(f, target, down)) {
                if (i == 0) {
                    return new Answer(Outcome.AT_LOW_END, lo, f, lo);
                }
                if (Double.isNaN(prevF)) {
                    // no finite value just below: the crossing is at the edge of the law's domain
                    double s = Math.exp(u) - offset;
                    return new Answer(Outcome.REACHED, s, f, s);
                }
                double root = root(law, p, x, variable, target, prevU, u);
                double s = Math.exp(root) - offset;
                return new Answer(Outcome.REACHED, s, at(law, p, x, variable, root), s);
            }
            if (!Double.isNaN(f) && (Double.isNaN(best) || (down ? f < best : f > best))) {
                best = f;
                bestAt = Math.exp(u) - offset;
            }
            prevU = u;
            prevF = f;
        }
        return new Answer(Outcome.NOT_REACHED, Double.POSITIVE_INFINITY, best, bestAt);
    }

    /**
     * Whether the law falls or rises along {@code variable} between two scales (the fitted range,
     * usually): DOWN when f(x2) &lt; f(x1), UP otherwise.
     */
    public static Direction direction(Law law, double[] p, double[] at, int variable, double offset, double x1, double x2) {
        checkPoint(law, at, variable);
        double[] x = shifted(at, offset);
        double f1 = at(law, p, x, variable, Math.log(x1 + offset));
        double f2 = at(law, p, x, variable, Math.log(x2 + offset));
        return f2 < f1 ? Direction.DOWN : Direction.UP;
    }

    /**
     * The interval of {@link #solve} over many parameter vectors (see {@link Interval}).
     *
     * @throws IllegalArgumentException when level is not in (0, 1) or there are no vectors
     */
    public static Interval interval(Law law, double[][] paramSets, double[] at, int variable, double offset, double target,
            double lo, double hi, Direction direction, double level) {
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("interval level must be in (0, 1), got " + level);
        }
        double[] v = new double[paramSets.length];
        int reached = 0;
        int low = 0;
        int never = 0;
        for (int b = 0; b < paramSets.length; b++) {
            Answer ans = solve(law, paramSets[b], at, variable, offset, target, lo, hi, direction);
            v[b] = ans.scale();
            switch (ans.outcome()) {
                case REACHED -> reached++;
                case AT_LOW_END -> low++;
                default -> never++;
            }
        }
        return percentiles(v, level, reached, low, never);
    }

    /**
     * The budget at which a law in N and D reaches {@code targetLoss} on the compute-optimal frontier
     * ({@link ComputeOptimal#budgetFor}), over many parameter vectors: percentile intervals of C, N*
     * and D* (index 0, 1, 2 of the result), a vector that never reaches the target counting as +∞.
     *
     * @throws InputException when level is not in (0, 1) or there are no vectors
     */
    public static Interval[] budgetIntervals(Law law, double[][] paramSets, CostModel cost, double targetLoss, double level) {
        if (!(level > 0 && level < 1) || paramSets.length == 0) {
            throw new InputException("interval level must be in (0, 1) and there must be parameter vectors");
        }
        int m = paramSets.length;
        double[][] v = new double[3][m];
        int reached = 0;
        int low = 0;
        int never = 0;
        for (int b = 0; b < m; b++) {
            ComputeOptimal planner = new ComputeOptimal(law, paramSets[b], cost);
            try {
                Plan pl = planner.budgetFor(targetLoss);
                v[0][b] = pl.budget();
                v[1][b] = pl.n();
                v[2][b] = pl.d();
                reached++;
            } catch (InputException e) {
                Plan pl = planner.plan(planner.minimumBudget());
                if (pl.loss() <= targetLoss) {
                    v[0][b] = pl.budget();
                    v[1][b] = pl.n();
                    v[2][b] = pl.d();
                    low++;
                } else {
                    v[0][b] = v[1][b] = v[2][b] = Double.POSITIVE_INFINITY;
                    never++;
                }
            }
        }
        return new Interval[] {percentiles(v[0], level, reached, low, never), percentiles(v[1], level, reached, low, never),
                percentiles(v[2], level, reached, low, never)};
    }

    /**
     * The inverse prediction as a user reads it: the answer when reached, else an {@link InputException}
     * saying why not ("target 0.3 is below the lowest value the law takes, 0.417 ...").
     *
     * @param what the solved variable as the user calls it, e.g. {@code dataset_size}
     */
    public static double require(Answer ans, double target, String what, double lo, double hi, Direction direction) {
        switch (ans.outcome()) {
            case REACHED:
                return ans.scale();
            case AT_LOW_END:
                throw new InputException("target " + Numbers.format(target) + " is reached already at the smallest " + what
                        + " searched, " + Numbers.format(lo) + " (the law gives " + Numbers.format(ans.closest()) + " there)");
            default:
                if (Double.isNaN(ans.closest())) {
                    throw new InputException("target " + Numbers.format(target) + " is not reached: the law is undefined for "
                            + what + " in [" + Numbers.format(lo) + ", " + Numbers.format(hi) + "]");
                }
                String side = direction == Direction.DOWN ? "below the lowest" : "above the highest";
                throw new InputException("target " + Numbers.format(target) + " is unreachable: it is " + side
                        + " value the law takes for " + what + " in [" + Numbers.format(lo) + ", " + Numbers.format(hi) + "], "
                        + Numbers.format(ans.closest(), 4) + " (its " + (direction == Direction.DOWN ? "floor" : "ceiling") + ")");
        }
    }

    private static Interval percentiles(double[] v, double level, int reached, int low, int never) {
        double[] s = v.clone();
        Arrays.sort(s);
        double[] iv = Quantiles.interval(s, level);
        return new Interval(iv[0], iv[1], level, reached, low, never);
    }

    private static double root(Law law, double[] p, double[] x, int variable, double target, double u0, double u1) {
        BracketingNthOrderBrentSolver solver = new BracketingNthOrderBrentSolver(1e-14, 1e-12, 0, 5);
        double[] work = x.clone();
        try {
            return solver.solve(10_000, u -> at(law, p, work, variable, u) - target, u0, u1, AllowedSolution.ANY_SIDE);
        } catch (MathIllegalStateException e) {
            throw new IllegalStateException("root finder did not converge for target " + target, e);
        }
    }

    private static boolean reaches(double f, double target, boolean down) {
        return down ? f <= target : f >= target;
    }

    /** The law with the solved variable at e^u (already shifted); writes into x. */
    private static double at(Law law, double[] p, double[] x, int variable, double u) {
        x[variable] = Math.exp(u);
        return law.value(p, x);
    }

    private static double[] shifted(double[] at, double offset) {
        double[] x = at.clone();
        for (int j = 0; j < x.length; j++) {
            x[j] += offset;
        }
        return x;
    }

    private static void checkPoint(Law law, double[] at, int variable) {
        List<String> vars = law.variables();
        if (at.length != vars.size()) {
            throw new IllegalArgumentException("law '" + law.name() + "' takes " + vars.size() + " variable(s) " + vars + ", got "
                    + at.length);
        }
        if (variable < 0 || variable >= vars.size()) {
            throw new IllegalArgumentException("no variable " + variable + " in " + vars);
        }
    }
}
