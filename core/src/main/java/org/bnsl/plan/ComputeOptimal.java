package org.bnsl.plan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bnsl.InputException;
import org.bnsl.uncertainty.Quantiles;
import org.bnsl.Numbers;
import org.bnsl.law.Chinchilla;
import org.bnsl.law.Law;
import org.hipparchus.analysis.solvers.BrentSolver;
import org.hipparchus.exception.MathIllegalStateException;
import org.hipparchus.optim.MaxEval;
import org.hipparchus.optim.nonlinear.scalar.GoalType;
import org.hipparchus.optim.univariate.BrentOptimizer;
import org.hipparchus.optim.univariate.SearchInterval;
import org.hipparchus.optim.univariate.UnivariateObjectiveFunction;
import org.hipparchus.optim.univariate.UnivariatePointValuePair;

/**
 * Compute-optimal allocation for any fitted law L(N, D) in parameters N and training tokens D: at a
 * FLOP budget C, the N*, D* minimising L subject to {@link CostModel#cost cost}(N, D) = C, and the
 * smallest budget whose optimum reaches a target loss. This is Approach 3 of Hoffmann et al. 2022
 * (§3.3: minimise the fitted L(N, D) under C = 6ND), done numerically so it works for every law and
 * for the inference-aware cost of Sardana et al. 2023. For the Chinchilla form with training cost
 * only, {@link ClosedForm} gives the same answer in closed form (Hoffmann et al. 2022 eq. 4).
 *
 * <p><b>Search.</b> Along the iso-cost curve D = D(C, N), L is a function of u = ln N alone. The
 * search range is derived from C only, never from the data: N from one parameter up to the N at
 * which D falls to one token, N = C/(k + 2·D_inf). The range is scanned at {@value #SCAN_POINTS} points evenly
 * spaced in ln N to find the best basin, Brent's method (Hipparchus {@link BrentOptimizer}) minimises
 * within the two scan intervals around the best scan point, and one Newton step on central
 * differences (h = 10⁻⁴ in ln N) polishes the minimum past the rounding floor of L, where L is flat
 * (accepted only when the curvature is positive and the step stays inside the Brent bracket). Points
 * where the law is NaN or D &le; 0 count as +∞. An optimum outside [1, C/(k + 2·D_inf)] (fewer than
 * one parameter or one token) is not found: the answer is then the end of the range.
 *
 * <p>Immutable and thread-safe.
 */
public final class ComputeOptimal {
    /** Points in the coarse scan of ln N. */
    public static final int SCAN_POINTS = 200;
    /** The largest budget {@link #budgetFor} searches, and where {@link #floor()} is estimated for laws without a known floor. */
    public static final double MAX_BUDGET = 1e100;
    private static final double NEWTON_STEP = 1e-4;

    private final Law law;
    private final double[] p;
    private final CostModel cost;

    /** Plans with the training cost C = 6·N·D. */
    public ComputeOptimal(Law law, double[] params) {
        this(law, params, CostModel.TRAINING);
    }

    /**
     * @throws InputException when the law's variables are not exactly [N, D] or the parameter
     *                        array's length does not match the law's parameters
     */
    public ComputeOptimal(Law law, double[] params, CostModel cost) {
        if (!law.variables().equals(List.of("N", "D"))) {
            throw new InputException("law '" + law.name() + "' is not a law in N and D (its variables are "
                    + law.variables() + ")");
        }
        if (params.length != law.parameterCount()) {
            throw new InputException("law '" + law.name() + "' takes " + law.parameterCount() + " parameters "
                    + law.parameters() + ", got " + params.length);
        }
        for (int i = 0; i < params.length; i++) {
            if (!Double.isFinite(params[i])) {
                throw new InputException("parameter " + law.parameters().get(i) + " must be finite, got "
                        + Numbers.format(params[i]));
            }
        }
        this.law = law;
        this.p = params.clone();
        this.cost = java.util.Objects.requireNonNull(cost, "cost");
    }

    public Law law() {
        return law;
    }

    /** The parameters, a copy. */
    public double[] params() {
        return p.clone();
    }

    public CostModel cost() {
        return cost;
    }

    /**
     * The smallest budget this planner searches: the one whose range of N, [1, C/(k + 2·D_inf)], spans
     * a decade: C = 10·(k + 2·D_inf), 60 FLOP for k = 6 and no inference.
     */
    public double minimumBudget() {
        return 10 * (cost.k() + 2 * cost.inferenceTokens());
    }

    /**
     * The compute-optimal N*, D* and L* at budget C.
     *
     * @throws InputException when C is not positive and finite, is below {@link #minimumBudget()}, or
     *                        the law is NaN all along the iso-cost curve
     */
    public Plan plan(double budget) {
        checkBudget(budget, "budget");
        double min = minimumBudget();
        if (budget < min * (1 - 1e-9)) {
            throw new InputException("budget " + Numbers.format(budget) + " FLOP is too small to plan: the search over N"
                    + " needs at least " + Numbers.format(min));
        }
        double lo = 0;
        double hi = Math.log(cost.maxParams(budget));
        double[] x = new double[2];
        double[] u = new double[SCAN_POINTS];
        int best = -1;
        double bestF = Double.POSITIVE_INFINITY;
        for (int i = 0; i < SCAN_POINTS; i++) {
            u[i] = lo + (hi - lo) * i / (SCAN_POINTS - 1);
            double f = lossAt(budget, u[i], x);
            if (f < bestF) {
                bestF = f;
                best = i;
            }
        }
        if (best < 0) {
            throw new InputException("law '" + law.name() + "' is undefined (NaN) all along the iso-cost curve at C = "
                    + Numbers.format(budget) + " with parameters " + Arrays.toString(p));
        }
        double a = u[Math.max(best - 1, 0)];
        double b = u[Math.min(best + 1, SCAN_POINTS - 1)];
        double uBest = u[best];
        double fBest = bestF;
        BrentOptimizer brent = new BrentOptimizer(1e-12, 1e-14);
        UnivariatePointValuePair r = brent.optimize(new MaxEval(10_000),
                new UnivariateObjectiveFunction(v -> lossAt(budget, v, new double[2])), GoalType.MINIMIZE,
                new SearchInterval(a, b, uBest));
        if (r.getValue() <= fBest) {
            uBest = r.getPoint();
            fBest = r.getValue();
        }
        uBest = polish(budget, uBest, a, b, x);
        double n = Math.exp(uBest);
        double d = cost.tokens(budget, n);
        x[0] = n;
        x[1] = d;
        return Plan.of(budget, n, d, law.value(p, x));
    }

    /** One guarded Newton step on central differences; returns u unchanged when the step is not trustworthy. */
    private double polish(double budget, double u, double a, double b, double[] x) {
        double h = NEWTON_STEP;
        double fm = lossAt(budget, u - h, x);
        double f0 = lossAt(budget, u, x);
        double fp = lossAt(budget, u + h, x);
        double curvature = (fp - 2 * f0 + fm) / (h * h);
        if (!(curvature > 0) || !Double.isFinite(fm) || !Double.isFinite(fp) || f0 == Double.MAX_VALUE) {
            return u;
        }
        double step = -((fp - fm) / (2 * h)) / curvature;
        double v = u + step;
        if (!(Math.abs(step) <= 10 * h) || v < a || v > b) {
            return u;
        }
        return v;
    }

    /** L(N = e^u, D = D(C, N)); +∞ (as MAX_VALUE, which Brent compares safely) when D ≤ 0 or L is NaN. */
    private double lossAt(double budget, double u, double[] x) {
        double n = Math.exp(u);
        double d = cost.tokens(budget, n);
        if (!(d > 0) || !(n > 0) || Double.isInfinite(n)) {
            return Double.MAX_VALUE;
        }
        x[0] = n;
        x[1] = d;
        double f = law.value(p, x);
        return Double.isFinite(f) ? f : Double.MAX_VALUE;
    }

    /**
     * Plans at {@code points} budgets spaced evenly in ln C from {@code lo} to {@code hi} inclusive.
     *
     * @throws InputException when lo or hi is not a positive finite budget, lo &ge; hi, or points &lt; 2
     */
    public List<Plan> planRange(double lo, double hi, int points) {
        checkBudget(lo, "lowest budget");
        checkBudget(hi, "highest budget");
        if (!(lo < hi)) {
            throw new InputException("budget range must have lowest < highest, got " + Numbers.format(lo) + " to "
                    + Numbers.format(hi));
        }
        if (points < 2) {
            throw new InputException("a budget range needs at least 2 points, got " + points);
        }
        List<Plan> out = new ArrayList<>(points);
        double a = Math.log(lo);
        double b = Math.log(hi);
        for (int i = 0; i < points; i++) {
            double c = i == 0 ? lo : i == points - 1 ? hi : Math.exp(a + (b - a) * i / (points - 1));
            out.add(plan(c));
        }
        return out;
    }

    /**
     * The law's floor, the infimum of L*(C) as C → ∞: E for the Chinchilla law (its A/N^α and B/D^β
     * terms vanish); for any other law an estimate, L*({@value #MAX_BUDGET}) — the planned loss at the
     * largest budget searched, which is an upper bound on the true infimum.
     */
    public double floor() {
        if (law instanceof Chinchilla) {
            return p[0];
        }
        return plan(MAX_BUDGET).loss();
    }

    /**
     * The plan at the smallest budget C whose planned loss reaches {@code targetLoss}: solves
     * L*(C) = target for ln C by Brent's method (Hipparchus {@link BrentSolver}, accuracy 10⁻¹² in
     * ln C) on [ln({@link #minimumBudget()}), ln {@value #MAX_BUDGET}]. L*(C) is non-increasing in C
     * whenever L is non-increasing in D (a bigger budget buys more tokens at every N), so the root is
     * the smallest such budget.
     *
     * @throws InputException when the target is at or below the law's floor (E for the Chinchilla law;
     *                        for other laws, L* at {@value #MAX_BUDGET} FLOP, see {@link #floor()}), needs
     *                        more than {@value #MAX_BUDGET} FLOP, is already reached at the smallest
     *                        budget searched, or is not finite
     */
    public Plan budgetFor(double targetLoss) {
        if (!Double.isFinite(targetLoss)) {
            throw new InputException("target loss must be finite, got " + Numbers.format(targetLoss));
        }
        boolean chinchilla = law instanceof Chinchilla;
        if (chinchilla && targetLoss <= p[0]) {
            throw new InputException("target loss " + Numbers.format(targetLoss) + " is at or below the law's floor E = "
                    + Numbers.format(p[0]) + ": no budget reaches it");
        }
        double cLo = minimumBudget();
        Plan atLo = plan(cLo);
        if (atLo.loss() <= targetLoss) {
            throw new InputException("target loss " + Numbers.format(targetLoss) + " is reached already at the smallest budget"
                    + " searched, C = " + Numbers.format(cLo) + " (L* = " + Numbers.format(atLo.loss()) + ")");
        }
        Plan atHi = plan(MAX_BUDGET);
        if (atHi.loss() > targetLoss) {
            if (chinchilla) {
                throw new InputException("target loss " + Numbers.format(targetLoss) + " needs more than "
                        + Numbers.format(MAX_BUDGET) + " FLOP (L* there is " + Numbers.format(atHi.loss())
                        + ", the floor E = " + Numbers.format(p[0]) + ")");
            }
            throw new InputException("target loss " + Numbers.format(targetLoss) + " is at or below the law's floor "
                    + Numbers.format(atHi.loss()) + " (estimated as L* at " + Numbers.format(MAX_BUDGET)
                    + " FLOP): no budget reaches it");
        }
        BrentSolver solver = new BrentSolver(1e-15, 1e-12, 0);
        double lnC;
        try {
            lnC = solver.solve(10_000, v -> plan(Math.exp(v)).loss() - targetLoss, Math.log(cLo), Math.log(MAX_BUDGET));
        } catch (MathIllegalStateException e) {
            throw new IllegalStateException("Brent solver did not converge for target loss " + targetLoss, e);
        }
        return plan(Math.exp(lnC));
    }

    /**
     * Percentile intervals for N*, D*, L* at one budget over many parameter vectors of one law (for
     * example bootstrap refits): each vector is planned separately and the interval at {@code level}
     * is the pair of (1 − level)/2 and (1 + level)/2 quantiles, linearly interpolated between order
     * statistics (Hyndman and Fan 1996, definition 7). Vectors whose plan fails (parameters for which
     * the law is undefined on the iso-cost curve) are skipped and counted.
     *
     * @throws InputException when level is not in (0, 1), the budget is invalid, or no vector plans
     */
    public static PlanIntervals intervals(Law law, double[][] paramSets, CostModel cost, double budget, double level) {
        if (!(level > 0 && level < 1)) {
            throw new InputException("interval level must be between 0 and 1, got " + Numbers.format(level));
        }
        checkBudget(budget, "budget");
        int m = paramSets.length;
        double[] n = new double[m];
        double[] d = new double[m];
        double[] l = new double[m];
        int used = 0;
        for (double[] ps : paramSets) {
            Plan pl;
            try {
                pl = new ComputeOptimal(law, ps, cost).plan(budget);
            } catch (InputException e) {
                continue;
            }
            if (!Double.isFinite(pl.loss())) {
                continue;
            }
            n[used] = pl.n();
            d[used] = pl.d();
            l[used] = pl.loss();
            used++;
        }
        if (used == 0) {
            throw new InputException("none of the " + m + " parameter vectors could be planned at C = " + Numbers.format(budget));
        }
        n = Arrays.copyOf(n, used);
        d = Arrays.copyOf(d, used);
        l = Arrays.copyOf(l, used);
        Arrays.sort(n);
        Arrays.sort(d);
        Arrays.sort(l);
        return new PlanIntervals(budget, level,
                range(n, level), range(d, level), range(l, level),
                used, m - used);
    }

    private static PlanIntervals.Range range(double[] sorted, double level) {
        double[] iv = Quantiles.interval(sorted, level);
        return new PlanIntervals.Range(iv[0], iv[1]);
    }

    static void checkBudget(double budget, String what) {
        if (!(budget > 0) || !Double.isFinite(budget)) {
            throw new InputException(what + " must be positive, got " + Numbers.format(budget));
        }
    }
}
