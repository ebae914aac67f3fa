package org.bnsl.fit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import org.bnsl.InputException;
import org.bnsl.data.Series;
import org.bnsl.law.Bnsl;
import org.hipparchus.exception.MathIllegalStateException;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.RealVector;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresBuilder;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresOptimizer;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LevenbergMarquardtOptimizer;
import org.hipparchus.optim.nonlinear.vector.leastsquares.MultivariateJacobianFunction;
import org.hipparchus.util.Pair;

/**
 * Fits a {@link Bnsl} with a given number of breaks, automatically: no grid from the user.
 *
 * <p>The method, in three steps:
 *
 * <ol>
 *   <li><b>Starts from the data.</b> On a log-log plot of {@code y − a} a BNSL is a chain of straight
 *       segments. For a few trial floors {@code a₀} (and ceilings, for rising metrics) we fit
 *       continuous piecewise-linear functions of {@code u = ln x} to {@code ln|y − a₀|} with knots
 *       between data points, over every admissible set of knot positions (a cheap linear least
 *       squares each). The best few knot sets give the break locations {@code ln dᵢ} and the
 *       segment slopes give {@code c0, cᵢ}; each is tried with a sharp and a smooth {@code fᵢ}.</li>
 *   <li><b>Variable projection.</b> {@code a} and {@code b} enter linearly, so for the nonlinear
 *       parameters θ = (c0, cᵢ, ln dᵢ, ln fᵢ) they are solved in closed form by weighted least
 *       squares (with {@code a} clamped to its range) and Levenberg–Marquardt runs on θ alone, with
 *       Kaufman's approximation of the projected Jacobian (Golub &amp; Pereyra 2003, §3; Kaufman 1975).
 *       Residuals here are first-order versions of the objective's: {@code (ŷ − y)·∂T/∂y}.</li>
 *   <li><b>Polish.</b> The best few projected solutions are refined by Levenberg–Marquardt (Moré 1978)
 *       on the exact objective over all parameters, with {@code b}, {@code dᵢ}, {@code fᵢ} kept
 *       positive through their logs and {@code a} kept in its range through a logistic map. The
 *       lowest objective wins.</li>
 * </ol>
 *
 * <p>Large series. Above {@link #BINNED_ABOVE} points, steps 1 and 2 run on the data averaged in
 * {@link #BINS} bins of ln x (their cost no longer grows with n), and step 3 polishes the best of
 * each family on every point with Levenberg–Marquardt on normal equations accumulated point by
 * point, so the whole fit is linear in n in time and memory (1,000,000 points: about 7 s).
 *
 * <p>Guarantees. Every break lies inside the training x range ({@code x_min ≤ dᵢ ≤ x_max}), since
 * the data cannot locate a break beyond them. A returned fit has a finite, nonzero {@code b} and
 * finite predictions at every training x (candidates that reach a finite objective only through
 * {@code b → 0} against a steep rising first segment are dropped). A flat curve (every y equal) is
 * fitted as its constant, and the termination says so. With the options every law takes (loss,
 * penalty, fixes, bounds, inits) the fit is {@link BnslOptionsFit}'s.
 *
 * <p>Range of {@code a}: for a falling metric, {@code 0 ≤ a < min y} and {@code b > 0}. For a rising
 * metric the curve may also approach a ceiling from below: {@code a > max y} and {@code b < 0}; both
 * families are tried and the better kept. Everything is deterministic: the same series and options
 * always give the same fit.
 */
public final class BnslFitter {
    /** Sharpest break allowed, in units of ln x (the bar: fᵢ down to 1e−3). */
    static final double F_MIN = 1e-3;
    static final double F_MAX = 10;
    static final double C_MAX = 100;
    /** How many knot sets from the piecewise-linear search become starts. */
    private static final int KNOT_SETS = 3;
    /** How many projected solutions are polished on the exact objective. */
    private static final int POLISHED = 3;
    /** At most this many candidate knot positions are scanned. */
    private static final int MAX_KNOT_CANDIDATES = 14;
    private static final int MAX_EVALUATIONS = 1000;
    /** Projected runs only rank the starts; the winners are polished with the full budget. */
    private static final int PROJECTED_EVALUATIONS = 80;
    /**
     * A refit moves off its start only for a relative gain above this, Levenberg–Marquardt's default
     * cost tolerance: smaller gains are steps along flat directions that change parameters by
     * ~1e−6 and the objective by nothing measurable.
     */
    private static final double REFIT_MIN_GAIN = 1e-10;
    /**
     * Above this many points the starts (steps 1 and 2) run on the data averaged in
     * {@link #BINS} bins of ln x, and only the polish sees every point: the search costs the same
     * for any n and the whole fit grows linearly in n.
     */
    static final int BINNED_ABOVE = 5000;
    /** Bins of equal width in ln x for the start search of large series. */
    static final int BINS = 400;
    /**
     * Above this many points the polish accumulates the normal equations point by point instead
     * of handing Hipparchus an n × p Jacobian (memory O(n) and no copies of it).
     */
    static final int STREAMING_ABOVE = 5000;
    /** Evidence a free floor must show over a = 0: the 95% point of χ² with one degree of freedom. */
    static final double FLOOR_EVIDENCE = 3.84;

    private BnslFitter() {
    }

    /**
     * Fits the law with {@code options.breaks()} breaks to every point of {@code series}.
     *
     * @throws InputException when a point has x ≤ 0 (after the offset), y ≤ 0 (or subnormal) in
     *                        log space, all x are equal, there are fewer points than parameters,
     *                        or no start reaches a fit with finite predictions
     */
    public static Fit fit(Series series, FitOptions options) {
        return fit(series, options, FitProgress.NONE);
    }

    /**
     * As {@link #fit(Series, FitOptions)}, telling {@code progress} after each step: the start
     * search of each family of the floor, and for large series each polish on all points.
     */
    public static Fit fit(Series series, FitOptions options, FitProgress progress) {
        if (options.hasLawOptions()) {
            return BnslOptionsFit.fit(series, options);
        }
        Problem p = Problem.of(series, options);
        if (p.flat()) {
            return flat(p, series, options);
        }
        boolean up = switch (options.direction()) {
            case UP -> true;
            case DOWN -> false;
            case AUTO -> p.risingSlope() > 0;
        };
        Problem coarse = p.n > BINNED_ABOVE ? p.binned(BINS) : p;
        Search search = new Search(coarse);
        int steps = (up ? 3 : 2) * (coarse == p ? 1 : 2);
        int[] done = {0};
        java.util.function.BiFunction<Family, String, Candidate> run = (fam, name) -> {
            progress.update(done[0], steps, "starts of the " + name + " (" + coarse.n + " points)");
            Candidate c = search.best(fam);
            done[0]++;
            if (coarse != p) {
                progress.update(done[0], steps, "polish of the " + name + " on all " + p.n + " points");
                c = search.refine(p, c);
                done[0]++;
            }
            progress.update(done[0], steps, name + " done");
            return c;
        };
        Candidate floor = run.apply(Family.FLOOR, "free floor");
        Candidate best = guardFloor(p, floor, run.apply(Family.ZERO, "zero floor"));
        if (up) {
            Candidate ceiling = run.apply(Family.CEILING, "ceiling");
            if (best == null || (ceiling != null && ceiling.cost < best.cost)) {
                best = ceiling;
            }
        }
        if (best == null) {
            throw new InputException(series.source() + ": " + describe(series)
                    + ": no BNSL with " + p.nb + " breaks could be fitted (every start failed)");
        }
        int starts = search.starts;
        int evaluations = search.evaluations;
        Bnsl law = Bnsl.withBreaks(p.nb);
        return new Fit(law, best.natural, options.objective(), best.cost, p.n, starts, evaluations,
                best.termination, options.xOffset());
    }

    /**
     * The checks of the data that no law of x can pass, with the messages {@link #fit} gives: at
     * least two distinct x, and in log space no y too small to take logs of. For callers that fit
     * many candidates on parts of the data (the automatic choices), so that they fail with the
     * reason instead of "every candidate failed".
     *
     * @throws InputException naming the reason
     */
    public static void checkFittable(Series s, Objective objective) {
        if (s.size() == 0 || s.dimension() != 1) {
            return;
        }
        for (int i = 0; i < s.size(); i++) {
            if (objective == Objective.LOG && s.y(i) > 0 && s.y(i) < Double.MIN_NORMAL) {
                throw tooSmallForLogs(s, i);
            }
        }
        double[] u = new double[s.size()];
        for (int i = 0; i < u.length; i++) {
            u[i] = s.x(0, i);
        }
        Problem.checkDistinctX(s, u);
    }

    private static InputException tooSmallForLogs(Series s, int i) {
        return new InputException(s.where(i) + ": column '" + s.yColumn() + "': y = " + fmt(s.y(i))
                + " is too small to take logs of (the log objective needs y ≥ " + fmt(Double.MIN_NORMAL)
                + "; rescale y or use --space linear)");
    }

    /**
     * The fit of a flat curve: y = b with a = 0 and every slope 0 (each break at the geometric
     * middle of the data, f = 1, where it changes nothing). On a flat curve every break location
     * fits equally well, so a search would place one arbitrarily (often outside the data) and
     * report it as if the data had chosen it; the constant is the one prediction the data support,
     * and the termination says so.
     */
    static Fit flat(Problem p, Series series, FitOptions options) {
        double[] q = new double[3 + 3 * p.nb];
        q[1] = p.y[0];
        for (int j = 0; j < p.nb; j++) {
            q[4 + 3 * j] = Math.exp(0.5 * (p.uMin + p.uMax));
            q[5 + 3 * j] = 1;
        }
        double t0 = p.objective.transform(p.y[0]);
        double cost = 0;
        for (int i = 0; i < p.n; i++) {
            cost += p.w[i] * (p.t[i] - t0) * (p.t[i] - t0);
        }
        return new Fit(Bnsl.withBreaks(p.nb), q, options.objective(), cost, p.n, 0, 0,
                "flat curve: all " + p.n + " values of " + series.yColumn() + " equal " + fmt(p.y[0])
                        + ", so the fit is that constant (no break can be located)", options.xOffset());
    }

    /**
     * Refits from {@code start} without searching for starts: only the polish (step 3) runs, from
     * the start's parameters, on the exact objective over all parameters. The family is the start's:
     * a ceiling when {@code b < 0}, the pure (broken) power law when {@code a = 0} (which stays at
     * 0), a free floor otherwise; {@code a} is moved into the family's range for {@code series} if
     * the new data put it outside. Meant for bootstrap resamples of the data the start was fitted
     * to, where the optimum moves little; deterministic, and on the start's own data it returns the
     * start's optimum.
     *
     * @param start a fit of {@code Bnsl.withBreaks(options.breaks())}
     * @throws InputException           as {@link #fit}, and when the polish ends at a non-finite objective
     * @throws IllegalArgumentException when {@code start} is not a BNSL with {@code options.breaks()}
     *                                  breaks, or its {@code b} is zero or not finite
     */
    public static Fit refit(Series series, FitOptions options, Fit start) {
        if (!(start.law() instanceof Bnsl law) || law.breaks() != options.breaks()) {
            throw new IllegalArgumentException("refit needs a start fitted with a " + options.breaks()
                    + "-break BNSL, got " + start.law().name() + " with " + start.law().parameterCount()
                    + " parameters");
        }
        if (options.hasLawOptions()) {
            return BnslOptionsFit.refit(series, options, start);
        }
        double[] q = start.parameters();
        if (!(q[1] != 0 && Double.isFinite(q[1]) && Double.isFinite(q[0]))) {
            throw new IllegalArgumentException("refit start has a = " + q[0] + ", b = " + q[1]);
        }
        Problem p = Problem.of(series, options);
        Candidate c = new Candidate();
        c.family = q[1] < 0 ? Family.CEILING : q[0] == 0 ? Family.ZERO : Family.FLOOR;
        c.a = q[0];
        c.lnB = Math.log(Math.abs(q[1]));
        c.theta = new double[p.m];
        c.theta[0] = q[2];
        for (int j = 0; j < p.nb; j++) {
            int k = 1 + 3 * j;
            c.theta[k] = q[3 + 3 * j];
            c.theta[k + 1] = Math.log(q[4 + 3 * j]);
            c.theta[k + 2] = Math.log(q[5 + 3 * j]);
        }
        p.validate(new ArrayRealVector(c.theta, false), 0);
        Candidate fine = p.polish(c, REFIT_MIN_GAIN);
        if (!fine.valid) {
            throw new InputException(series.source() + ": " + describe(series) + ": the refit of a BNSL with "
                    + p.nb + " breaks ended at a non-finite objective");
        }
        return new Fit(law, fine.natural, options.objective(), fine.cost, p.n, 1, fine.evaluations,
                fine.termination, options.xOffset());
    }

    /**
     * The floor {@code a} must earn its place, as a break must: {@code a > 0} is kept only when it
     * lowers the objective enough that {@code n·ln(L₀/L₁) > }{@link #FLOOR_EVIDENCE}, the Gaussian
     * likelihood-ratio statistic for one extra parameter. A free floor trades off against the last
     * break's slope, and when the data cannot tell them apart the pure power-law tail extrapolates
     * more safely.
     */
    static Candidate guardFloor(Problem p, Candidate free, Candidate zero) {
        if (zero == null) return free;
        if (free == null) return zero;
        if (!(free.cost < zero.cost)) return zero;
        double evidence = p.n * Math.log(zero.cost / Math.max(free.cost, 1e-300));
        return evidence > FLOOR_EVIDENCE ? free : zero;
    }

    /** Runs the starts of each family and polishes the best few; counts the work done. */
    static final class Search {
        final Problem p;
        int starts;
        int evaluations;

        Search(Problem p) {
            this.p = p;
        }

        Candidate best(Family family) {
            List<Candidate> projected = new ArrayList<>();
            for (double[] theta : p.starts(family)) {
                starts++;
                Candidate c = p.project(family, theta);
                evaluations += c.evaluations;
                if (c.valid) {
                    projected.add(c);
                }
            }
            projected.sort(Comparator.comparingDouble(c -> c.cost));
            Candidate best = null;
            int polished = 0;
            for (int i = 0; i < projected.size() && polished < POLISHED; i++) {
                Candidate c = projected.get(i);
                if (i > 0 && Math.abs(projected.get(i - 1).cost - c.cost) <= 1e-9 * c.cost) {
                    continue; // the same optimum reached from another start
                }
                polished++;
                Candidate fine = p.polish(c);
                evaluations += fine.evaluations;
                if (fine.valid && (best == null || fine.cost < best.cost)) {
                    best = fine;
                }
            }
            return best;
        }

        /**
         * The candidate polished on {@code full}, the whole data, when this search ran on binned
         * data; the candidate itself otherwise.
         */
        Candidate refine(Problem full, Candidate c) {
            if (c == null || full == p) {
                return c;
            }
            Candidate fine = full.polish(c);
            evaluations += fine.evaluations;
            return fine.valid ? fine : null;
        }
    }

    static String describe(Series s) {
        return "series '" + s.name() + "'";
    }

    /** Floor below the data (falling metrics) or ceiling above it (rising ones). */
    enum Family {
        FLOOR(1),
        /** A floor fixed at zero: y = b·g(x), the pure (broken) power law. */
        ZERO(1),
        CEILING(-1);

        final int sign;

        Family(int sign) {
            this.sign = sign;
        }
    }

    /** A solution: nonlinear θ, the linear a and B, its cost, and the natural parameters. */
    static final class Candidate {
        Family family;
        double[] theta;
        double a;
        /** ŷ = a + s·exp(lnB + ln g). */
        double lnB;
        double cost;
        double[] natural;
        boolean valid;
        int evaluations;
        String termination = "";
    }

    /** The data of one fit, prepared once: ln x, transformed targets and weights. */
    static final class Problem {
        final int n;
        final int nb;
        final int m;
        final double[] u;
        final double[] y;
        final double[] w;
        final double[] t;
        final double[] omega;
        final Objective objective;
        final double yMin;
        final double yMax;
        final double uMin;
        final double uMax;

        private Problem(double[] u, double[] y, double[] w, int nb, Objective objective) {
            this.n = y.length;
            this.nb = nb;
            this.m = 1 + 3 * nb;
            this.u = u;
            this.y = y;
            this.w = w;
            this.objective = objective;
            this.t = new double[n];
            this.omega = new double[n];
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            double ulo = Double.POSITIVE_INFINITY;
            double uhi = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                t[i] = objective.transform(y[i]);
                omega[i] = Math.sqrt(w[i]) * objective.slope(y[i]);
                lo = Math.min(lo, y[i]);
                hi = Math.max(hi, y[i]);
                ulo = Math.min(ulo, u[i]);
                uhi = Math.max(uhi, u[i]);
            }
            this.yMin = lo;
            this.yMax = hi;
            this.uMin = ulo;
            this.uMax = uhi;
        }

        static Problem of(Series s, FitOptions o) {
            int nb = o.breaks();
            int params = 3 + 3 * nb;
            if (s.size() < params) {
                throw new InputException(s.source() + ": " + describe(s) + " has " + s.size()
                        + " points to fit, fewer than the " + params + " parameters of a BNSL with " + nb
                        + " break" + (nb == 1 ? "" : "s"));
            }
            double[] u = new double[s.size()];
            double[] y = new double[s.size()];
            double[] w = new double[s.size()];
            String xcol = s.columns().get(0);
            for (int i = 0; i < s.size(); i++) {
                double x = s.x(0, i) + o.xOffset();
                if (!(x > 0)) {
                    String shown = o.xOffset() == 0 ? fmt(s.x(0, i)) : fmt(s.x(0, i)) + " + offset " + fmt(o.xOffset());
                    throw new InputException(s.where(i) + ": column '" + xcol + "': " + shown
                            + " is not positive; a power law needs x > 0 (use --x-offset S to fit in x + S)");
                }
                if (o.objective() == Objective.LOG && !(s.y(i) > 0)) {
                    throw new InputException(s.where(i) + ": column '" + s.yColumn() + "': " + fmt(s.y(i))
                            + " is not positive; the log objective needs y > 0 (use --space linear)");
                }
                if (o.objective() == Objective.LOG1P && !(s.y(i) > -1)) {
                    throw new InputException(s.where(i) + ": column '" + s.yColumn() + "': " + fmt(s.y(i))
                            + " must be above -1 for the log1p objective");
                }
                if (o.objective() == Objective.LOG && s.y(i) < Double.MIN_NORMAL) {
                    throw tooSmallForLogs(s, i);
                }
                u[i] = Math.log(x);
                y[i] = s.y(i);
                w[i] = s.weight(i);
            }
            checkDistinctX(s, u);
            return new Problem(u, y, w, nb, o.objective());
        }

        /**
         * The data averaged in {@code bins} bins of equal width in ln x: per non-empty bin, the
         * weighted mean of ln x, the inverse transform of the weighted mean of T(y), and the summed
         * weight. Σ wᵢ·(T(ŷ(uᵢ)) − T(yᵢ))² equals the binned objective plus the within-bin scatter
         * (a constant) up to the curvature of T∘ŷ across a bin, so its minimisers are good starts.
         */
        Problem binned(int bins) {
            double span = uMax - uMin;
            double[] sw = new double[bins];
            double[] su = new double[bins];
            double[] st = new double[bins];
            for (int i = 0; i < n; i++) {
                int k = span > 0 ? (int) Math.min(bins - 1, (u[i] - uMin) / span * bins) : 0;
                sw[k] += w[i];
                su[k] += w[i] * u[i];
                st[k] += w[i] * t[i];
            }
            int used = 0;
            for (int k = 0; k < bins; k++) {
                if (sw[k] > 0) used++;
            }
            double[] bu = new double[used];
            double[] by = new double[used];
            double[] bw = new double[used];
            int j = 0;
            for (int k = 0; k < bins; k++) {
                if (sw[k] > 0) {
                    bu[j] = su[k] / sw[k];
                    by[j] = objective.inverse(st[k] / sw[k]);
                    bw[j] = sw[k];
                    j++;
                }
            }
            return new Problem(bu, by, bw, nb, objective);
        }

        /** A law of x needs at least two distinct x. */
        static void checkDistinctX(Series s, double[] u) {
            int n = u.length;
            double ulo = Double.POSITIVE_INFINITY, uhi = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                ulo = Math.min(ulo, u[i]);
                uhi = Math.max(uhi, u[i]);
            }
            String xcol = s.columns().get(0);
            if (!(uhi > ulo)) {
                throw new InputException(s.source() + ": " + describe(s) + ": all " + n + " points share "
                        + xcol + " = " + fmt(s.x(0, 0)) + ": a law of " + xcol + " needs at least 2 distinct "
                        + xcol + " values");
            }
        }

        /** Whether every y is the same (to 1e−12 relative): a flat curve. */
        boolean flat() {
            return !(yMax - yMin > 1e-12 * Math.max(Math.abs(yMax), Math.abs(yMin))) && yMin != 0;
        }

        /** Least-squares slope of y against ln x: positive for a rising metric. */
        double risingSlope() {
            double mu = 0;
            double my = 0;
            for (int i = 0; i < n; i++) {
                mu += u[i];
                my += y[i];
            }
            mu /= n;
            my /= n;
            double sxy = 0;
            for (int i = 0; i < n; i++) {
                sxy += (u[i] - mu) * (y[i] - my);
            }
            return sxy;
        }

        // ---------------------------------------------------------------- the shape g(u; θ)

        /** ln g at every point into lg, and ∂ln g/∂θ into dlg[i*m + k] when dlg is not null. */
        void shape(double[] theta, double[] lg, double[] dlg) {
            for (int i = 0; i < n; i++) {
                double ui = u[i];
                double v = -theta[0] * ui;
                if (dlg != null) {
                    dlg[i * m] = -ui;
                }
                for (int j = 0; j < nb; j++) {
                    int k = 1 + 3 * j;
                    double c = theta[k];
                    double f = Math.exp(theta[k + 2]);
                    double z = (ui - theta[k + 1]) / f;
                    double sp = Bnsl.softplus(z);
                    v -= c * f * sp;
                    if (dlg != null) {
                        double sg = Bnsl.sigmoid(z);
                        int r = i * m + k;
                        dlg[r] = -f * sp;
                        dlg[r + 1] = c * sg;
                        dlg[r + 2] = -c * f * Bnsl.softplusMinusZSigmoid(z);
                    }
                }
                lg[i] = v;
            }
        }

        /**
         * Lowest a. A floor is at least 0, unless the objective allows y ≤ 0 and the data go there;
         * then it may sit as far below the data as the data span.
         */
        double aLow(Family fam) {
            if (fam == Family.CEILING) {
                return yMax + 1e-9 * Math.abs(yMax) + 1e-12;
            }
            return yMin > 0 ? 0 : yMin - (yMax - yMin) - 1e-12;
        }

        double aHigh(Family fam) {
            return switch (fam) {
                case FLOOR -> yMin - 1e-9 * Math.abs(yMin) - 1e-12;
                case ZERO -> 0;
                case CEILING -> Double.POSITIVE_INFINITY;
            };
        }

        // ---------------------------------------------------------------- step 1: starts

        List<double[]> starts(Family fam) {
            double lo = aLow(fam);
            double hi = aHigh(fam);
            double[] floors = fam == Family.ZERO ? new double[] {0}
                    : fam == Family.FLOOR ? new double[] {lo, lo + 0.5 * (hi - lo), lo + 0.9 * (hi - lo)}
                    : new double[] {yMax + 0.05 * (yMax - yMin) + 1e-9 * Math.abs(yMax),
                        yMax + 0.5 * (yMax - yMin), yMax + 2 * (yMax - yMin)};
            double[] order = sortedU();
            double medianGap = medianGap(order);
            List<double[]> result = new ArrayList<>();
            if (nb == 0) {
                for (double a0 : floors) {
                    double[] z = logGap(a0, fam);
                    if (z == null) continue;
                    double[] coef = Hinge.fit(u, z, w, new double[0]);
                    if (coef != null) {
                        result.add(new double[] {-coef[1]});
                    }
                }
                return result;
            }
            double[] knots = knotCandidates(order);
            List<Hinge> best = new ArrayList<>();
            for (double a0 : floors) {
                double[] z = logGap(a0, fam);
                if (z == null) continue;
                Hinge.search(u, z, w, knots, nb, order, best, KNOT_SETS);
            }
            // Widths in units of ln x: sharp (a third of the typical gap between points) and smooth.
            double span = Math.max(uMax - uMin, 1e-6);
            double[] widths = {
                Math.max(F_MIN, Math.min(F_MAX, medianGap / 3)),
                Math.max(F_MIN, Math.min(F_MAX, span / (4.0 * (nb + 1))))
            };
            for (Hinge h : best) {
                for (double f : widths) {
                    double[] theta = new double[m];
                    theta[0] = -h.coef[1];
                    for (int j = 0; j < nb; j++) {
                        int k = 1 + 3 * j;
                        theta[k] = clamp(-h.coef[2 + j], -C_MAX, C_MAX);
                        theta[k + 1] = h.knots[j];
                        theta[k + 2] = Math.log(f);
                    }
                    result.add(theta);
                }
            }
            return result;
        }

        private double[] sortedU() {
            double[] o = u.clone();
            Arrays.sort(o);
            return o;
        }

        private static double medianGap(double[] sorted) {
            List<Double> gaps = new ArrayList<>();
            for (int i = 1; i < sorted.length; i++) {
                double g = sorted[i] - sorted[i - 1];
                if (g > 0) gaps.add(g);
            }
            if (gaps.isEmpty()) return 1;
            gaps.sort(null);
            return gaps.get(gaps.size() / 2);
        }

        /**
         * Knot positions to scan: midpoints between consecutive distinct ln x, leaving at least two
         * distinct points on each side, thinned evenly to at most {@link #MAX_KNOT_CANDIDATES}.
         */
        private double[] knotCandidates(double[] sorted) {
            double[] distinct = Arrays.stream(sorted).distinct().toArray();
            List<Double> mids = new ArrayList<>();
            int lo = distinct.length >= 4 ? 1 : 0;
            int hi = distinct.length >= 4 ? distinct.length - 3 : distinct.length - 2;
            for (int i = lo; i <= hi; i++) {
                mids.add(0.5 * (distinct[i] + distinct[i + 1]));
            }
            if (mids.size() <= MAX_KNOT_CANDIDATES) {
                return mids.stream().mapToDouble(Double::doubleValue).toArray();
            }
            double[] out = new double[MAX_KNOT_CANDIDATES];
            for (int k = 0; k < out.length; k++) {
                int idx = (int) Math.round(k * (mids.size() - 1) / (double) (out.length - 1));
                out[k] = mids.get(idx);
            }
            return out;
        }

        /** ln(y − a₀) for a floor, ln(a₀ − y) for a ceiling; null where that is undefined. */
        private double[] logGap(double a0, Family fam) {
            double[] z = new double[n];
            for (int i = 0; i < n; i++) {
                double gap = fam == Family.CEILING ? a0 - y[i] : y[i] - a0;
                if (!(gap > 0)) return null;
                z[i] = Math.log(gap);
            }
            return z;
        }

        /** Where a Levenberg–Marquardt run ended, how much it cost and why it stopped. */
        record Run(double[] point, int evaluations, String termination) {
        }

        /**
         * Levenberg–Marquardt (Moré 1978, Hipparchus) from {@code start}, with θ (from index
         * {@code off}) kept in its box after every step. At the evaluation cap the best point seen
         * so far is returned instead of an exception.
         */
        Run levenbergMarquardt(MultivariateJacobianFunction model, double[] start, int off, int cap,
                java.util.function.Supplier<double[]> bestSoFar) {
            try {
                LeastSquaresOptimizer.Optimum opt = new LevenbergMarquardtOptimizer().optimize(
                        new LeastSquaresBuilder()
                                .start(start)
                                .model(model)
                                .target(new double[n])
                                .parameterValidator(v -> validate(v, off))
                                .maxEvaluations(cap)
                                .maxIterations(cap)
                                .lazyEvaluation(false)
                                .build());
                return new Run(opt.getPoint().toArray(), opt.getEvaluations(),
                        "converged after " + opt.getIterations() + " iterations");
            } catch (MathIllegalStateException e) {
                return new Run(bestSoFar.get(), cap, "stopped at the evaluation limit (" + cap + ")");
            }
        }

        /**
         * Levenberg–Marquardt on the normal equations, for large n: each pass accumulates JᵀJ and
         * Jᵀr point by point (memory O(n) for the shape, none for the Jacobian), and the step
         * solves (JᵀJ + λ·diag JᵀJ)·δ = −Jᵀr (Marquardt 1963), with λ divided by 10 after a step
         * that lowers the cost and multiplied by 10 otherwise. The parameters are kept in their
         * box after every step. Squaring the condition number is harmless here: it runs from the
         * binned optimum, a few steps from its own.
         */
        Run streamingLevenbergMarquardt(Full full, double[] start) {
            int k = start.length;
            double[] q = start.clone();
            double[] jtj = new double[k * k];
            double[] jtr = new double[k];
            double cost = full.normal(q, jtj, jtr);
            int evaluations = 1;
            double lambda = 1e-3;
            int it = 0;
            String why = "stopped at the evaluation limit (" + MAX_EVALUATIONS + ")";
            while (evaluations < MAX_EVALUATIONS) {
                double[] a = jtj.clone();
                double[] rhs = new double[k];
                for (int r = 0; r < k; r++) {
                    a[r * k + r] += lambda * Math.max(jtj[r * k + r], 1e-300);
                    rhs[r] = -jtr[r];
                }
                double[] step = Hinge.solve(a, rhs, k);
                if (step == null) {
                    lambda *= 10;
                    if (lambda > 1e16) { why = "converged after " + it + " iterations (no step)"; break; }
                    continue;
                }
                double[] trial = new double[k];
                for (int r = 0; r < k; r++) trial[r] = q[r] + step[r];
                validate(new ArrayRealVector(trial, false), 2);
                double c2 = full.cost(trial);
                evaluations++;
                if (c2 < cost) {
                    double gain = (cost - c2) / Math.max(cost, 1e-300);
                    q = trial;
                    cost = full.normal(q, jtj, jtr);
                    evaluations++;
                    it++;
                    lambda = Math.max(lambda / 10, 1e-12);
                    if (gain < 1e-12) { why = "converged after " + it + " iterations"; break; }
                } else {
                    lambda *= 10;
                    if (lambda > 1e16) { why = "converged after " + it + " iterations"; break; }
                }
            }
            return new Run(q, evaluations, why);
        }

        // ---------------------------------------------------------------- step 2: variable projection

        Candidate project(Family fam, double[] theta0) {
            VarPro vp = new VarPro(this, fam);
            Candidate c = new Candidate();
            c.family = fam;
            Run run = levenbergMarquardt(vp, theta0, 0, PROJECTED_EVALUATIONS, () -> vp.bestTheta);
            double[] theta = run.point;
            c.evaluations = run.evaluations;
            if (theta == null) {
                return c;
            }
            vp.solve(theta, null);
            c.theta = theta;
            c.a = vp.a;
            double scaledB = vp.bigB * fam.sign;
            c.valid = scaledB > 0 && Double.isFinite(vp.cost);
            c.lnB = c.valid ? Math.log(scaledB) - vp.shift : Double.NaN;
            c.cost = vp.cost;
            return c;
        }

        // ---------------------------------------------------------------- step 3: polish

        Candidate polish(Candidate start) {
            return polish(start, 0);
        }

        /**
         * As {@link #polish(Candidate)}, but the polished point replaces the start only when it lowers
         * the objective by more than the relative {@code minGain}; below that the difference is noise
         * of the optimiser's tolerances, and the start is kept.
         */
        Candidate polish(Candidate start, double minGain) {
            Full full = new Full(this, start.family);
            double[] q0 = new double[m + 2];
            q0[0] = full.alphaOf(start.a);
            q0[1] = start.lnB;
            System.arraycopy(start.theta, 0, q0, 2, m);
            // The start obeys the box too (a projected ln B may lie beyond ±700, where b is 0 or ∞).
            validate(new ArrayRealVector(q0, false), 2);
            Candidate c = new Candidate();
            c.family = start.family;
            Run run = n > STREAMING_ABOVE ? streamingLevenbergMarquardt(full, q0)
                    : levenbergMarquardt(full, q0, 2, MAX_EVALUATIONS, () -> full.bestQ);
            double[] q = run.point;
            c.evaluations = run.evaluations;
            c.termination = run.termination;
            if (q == null) {
                return c;
            }
            double cost = full.cost(q);
            // The polish never makes things worse than where it started.
            double startCost = full.cost(q0);
            if (!(cost <= startCost * (1 - minGain)) && Double.isFinite(startCost)) {
                q = q0;
                cost = startCost;
            }
            c.cost = cost;
            c.a = full.aOf(q[0]);
            c.lnB = q[1];
            c.theta = Arrays.copyOfRange(q, 2, 2 + m);
            c.natural = natural(c);
            c.valid = Double.isFinite(cost) && predictsFinite(c.natural);
            return c;
        }

        /**
         * Whether the law with these natural parameters has a finite, nonzero b and a finite
         * prediction at every training x and at the far end of one more span of ln x beyond the
         * data. A fit that trades b → 0 against a steep rising first segment (c0 ≈ −60) reaches a
         * finite objective in (ln B, θ) but not in the natural parameters, where b underflows to 0
         * and b·x^(−c0) becomes 0·∞; such a candidate is dropped, never returned.
         */
        boolean predictsFinite(double[] natural) {
            if (!(Double.isFinite(natural[1]) && natural[1] != 0 && Double.isFinite(natural[0]))) {
                return false;
            }
            Bnsl law = Bnsl.withBreaks(nb);
            double beyond = uMax + Math.max(uMax - uMin, Math.log(10));
            if (!Double.isFinite(natural[0] + natural[1] * Math.exp(law.logShape(natural, beyond)))) {
                return false;
            }
            for (int i = 0; i < n; i++) {
                if (!Double.isFinite(natural[0] + natural[1] * Math.exp(law.logShape(natural, u[i])))) {
                    return false;
                }
            }
            return true;
        }

        double[] natural(Candidate c) {
            double[] p = new double[3 + 3 * nb];
            p[0] = c.a;
            p[1] = c.family.sign * Math.exp(c.lnB);
            p[2] = c.theta[0];
            for (int j = 0; j < nb; j++) {
                int k = 1 + 3 * j;
                p[3 + 3 * j] = c.theta[k];
                p[4 + 3 * j] = Math.exp(c.theta[k + 1]);
                p[5 + 3 * j] = Math.exp(c.theta[k + 2]);
            }
            return p;
        }

        /** Keeps θ (from index {@code off} in v) inside the box where the law is well defined. */
        RealVector validate(RealVector v, int off) {
            // Breaks stay inside the training x range, ln d ∈ [ln x_min, ln x_max]: data cannot
            // identify a break outside its range (on the dev corpus such breaks came with slope
            // changes c ≈ 100 and holdout RMSLE of 2.8–7.4), so the fit may not put one there.
            double dLo = uMin;
            double dHi = uMax;
            v.setEntry(off, clamp(v.getEntry(off), -C_MAX, C_MAX));
            for (int j = 0; j < nb; j++) {
                int k = off + 1 + 3 * j;
                v.setEntry(k, clamp(v.getEntry(k), -C_MAX, C_MAX));
                v.setEntry(k + 1, clamp(v.getEntry(k + 1), dLo, dHi));
                v.setEntry(k + 2, clamp(v.getEntry(k + 2), Math.log(F_MIN), Math.log(F_MAX)));
            }
            if (off == 2) {
                v.setEntry(0, clamp(v.getEntry(0), -40, 40));
                v.setEntry(1, clamp(v.getEntry(1), -700, 700));
            }
            return v;
        }
    }

    /** Projected residuals r(θ) = ω∘(a + B·g(θ) − y) with (a, B) solved in closed form. */
    static final class VarPro implements MultivariateJacobianFunction {
        final Problem p;
        final Family fam;
        final double[] lg;
        final double[] dlg;
        final double[] g;
        double a;
        double bigB;
        double shift;
        double cost;
        boolean aFree;
        double bestCost = Double.POSITIVE_INFINITY;
        double[] bestTheta;

        VarPro(Problem p, Family fam) {
            this.p = p;
            this.fam = fam;
            this.lg = new double[p.n];
            this.dlg = new double[p.n * p.m];
            this.g = new double[p.n];
        }

        /** Solves for a and B at θ; fills r (if not null) and returns nothing. */
        void solve(double[] theta, double[] r) {
            int n = p.n;
            p.shape(theta, lg, dlg);
            double mx = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < n; i++) mx = Math.max(mx, lg[i]);
            shift = mx;
            double sw = 0;
            double sg = 0;
            double sy = 0;
            for (int i = 0; i < n; i++) {
                g[i] = Math.exp(lg[i] - mx);
                double o2 = p.omega[i] * p.omega[i];
                sw += o2;
                sg += o2 * g[i];
                sy += o2 * p.y[i];
            }
            double gbar = sg / sw;
            double ybar = sy / sw;
            double sgg = 0;
            double sgy = 0;
            for (int i = 0; i < n; i++) {
                double o2 = p.omega[i] * p.omega[i];
                double dg = g[i] - gbar;
                sgg += o2 * dg * dg;
                sgy += o2 * dg * (p.y[i] - ybar);
            }
            double bb = sgg > 0 ? sgy / sgg : 0;
            double aa = ybar - bb * gbar;
            double lo = p.aLow(fam);
            double hi = p.aHigh(fam);
            aFree = aa >= lo && aa <= hi;
            if (!aFree) {
                aa = aa < lo ? lo : hi;
                double num = 0;
                double den = 0;
                for (int i = 0; i < n; i++) {
                    double o2 = p.omega[i] * p.omega[i];
                    num += o2 * g[i] * (p.y[i] - aa);
                    den += o2 * g[i] * g[i];
                }
                bb = den > 0 ? num / den : 0;
            }
            a = aa;
            bigB = bb;
            double c = 0;
            for (int i = 0; i < n; i++) {
                double ri = p.omega[i] * (aa + bb * g[i] - p.y[i]);
                if (r != null) r[i] = ri;
                c += ri * ri;
            }
            cost = c;
        }

        @Override
        public Pair<RealVector, RealMatrix> value(RealVector point) {
            double[] theta = point.toArray();
            int n = p.n;
            int m = p.m;
            double[] r = new double[n];
            solve(theta, r);
            if (cost < bestCost) {
                bestCost = cost;
                bestTheta = theta;
            }
            // Kaufman: J = P⊥ · (ω∘B∘g∘∂ln g/∂θ), P⊥ projecting out the active linear columns.
            double[] q1 = new double[n];
            double[] q2 = new double[n];
            double n1 = 0;
            for (int i = 0; i < n; i++) {
                q2[i] = p.omega[i] * g[i];
            }
            if (aFree) {
                for (int i = 0; i < n; i++) {
                    q1[i] = p.omega[i];
                    n1 += q1[i] * q1[i];
                }
                n1 = Math.sqrt(n1);
                double dot = 0;
                for (int i = 0; i < n; i++) {
                    q1[i] /= n1;
                    dot += q1[i] * q2[i];
                }
                for (int i = 0; i < n; i++) q2[i] -= dot * q1[i];
            }
            double n2 = 0;
            for (int i = 0; i < n; i++) n2 += q2[i] * q2[i];
            n2 = Math.sqrt(n2);
            boolean useQ2 = n2 > 1e-300;
            if (useQ2) {
                for (int i = 0; i < n; i++) q2[i] /= n2;
            }
            double[][] jac = new double[n][m];
            double[] col = new double[n];
            for (int k = 0; k < m; k++) {
                double d1 = 0;
                double d2 = 0;
                for (int i = 0; i < n; i++) {
                    col[i] = p.omega[i] * bigB * g[i] * dlg[i * m + k];
                    d1 += q1[i] * col[i];
                    d2 += q2[i] * col[i];
                }
                for (int i = 0; i < n; i++) {
                    double v = col[i];
                    if (aFree) v -= d1 * q1[i];
                    if (useQ2) v -= d2 * q2[i];
                    jac[i][k] = v;
                }
            }
            return new Pair<>(new ArrayRealVector(r, false), new Array2DRowRealMatrix(jac, false));
        }
    }

    /**
     * Exact residuals over all parameters q = (α, ln|b|, θ), with a = lo + (hi − lo)·σ(α) for a
     * floor and a = lo + e^α for a ceiling.
     */
    static final class Full implements MultivariateJacobianFunction {
        final Problem p;
        final Family fam;
        final double lo;
        final double hi;
        final double[] lg;
        final double[] dlg;
        double bestCost = Double.POSITIVE_INFINITY;
        double[] bestQ;

        Full(Problem p, Family fam) {
            this.p = p;
            this.fam = fam;
            this.lo = p.aLow(fam);
            this.hi = p.aHigh(fam);
            this.lg = new double[p.n];
            this.dlg = new double[p.n * p.m];
        }

        double aOf(double alpha) {
            return switch (fam) {
                case FLOOR -> lo + (hi - lo) * Bnsl.sigmoid(alpha);
                case ZERO -> 0;
                case CEILING -> lo + Math.exp(alpha);
            };
        }

        double daOf(double alpha) {
            return switch (fam) {
                case FLOOR -> {
                    double s = Bnsl.sigmoid(alpha);
                    yield (hi - lo) * s * (1 - s);
                }
                case ZERO -> 0;
                case CEILING -> Math.exp(alpha);
            };
        }

        double alphaOf(double a) {
            if (fam == Family.ZERO) {
                return 0;
            }
            if (fam == Family.FLOOR) {
                double s = (a - lo) / (hi - lo);
                s = clamp(s, 1e-12, 1 - 1e-12);
                return clamp(Math.log(s / (1 - s)), -40, 40);
            }
            return clamp(Math.log(Math.max(a - lo, 1e-300)), -40, 40);
        }

        double cost(double[] q) {
            double[] r = new double[p.n];
            residuals(q, r, null);
            double c = 0;
            for (double v : r) c += v * v;
            return c;
        }

        /** The cost at q, with JᵀJ (row-major, k × k) and Jᵀr accumulated point by point. */
        double normal(double[] q, double[] jtj, double[] jtr) {
            java.util.Arrays.fill(jtj, 0);
            java.util.Arrays.fill(jtr, 0);
            double[] r = new double[p.n];
            residuals(q, r, null, jtj, jtr);
            double c = 0;
            for (double v : r) c += v * v;
            return c;
        }

        /** Residuals into r and, if jac is not null, the Jacobian. */
        void residuals(double[] q, double[] r, double[][] jac) {
            residuals(q, r, jac, null, null);
        }

        /**
         * Residuals into r; the Jacobian into jac, or its normal equations added to jtj and jtr,
         * when those are not null.
         */
        void residuals(double[] q, double[] r, double[][] jac, double[] jtj, double[] jtr) {
            int n = p.n;
            int m = p.m;
            int k2 = m + 2;
            double[] buf = jtj == null ? null : new double[k2];
            double a = aOf(q[0]);
            double da = daOf(q[0]);
            double lnB = q[1];
            double[] theta = Arrays.copyOfRange(q, 2, 2 + m);
            p.shape(theta, lg, jac == null && jtj == null ? null : dlg);
            for (int i = 0; i < n; i++) {
                double le = lnB + lg[i];
                double sqw = Math.sqrt(p.w[i]);
                double ri;
                double dE; // ∂r/∂(ln E) where E = exp(le) is the power-law part
                double dA; // ∂r/∂a
                if (p.objective == Objective.LOG && fam != Family.CEILING) {
                    // ln ŷ = ln(a + e^le) = logaddexp(ln a, le), finite for any le.
                    double lnA = a > 0 ? Math.log(a) : Double.NEGATIVE_INFINITY;
                    double mx = Math.max(lnA, le);
                    double lnY = mx + Math.log(Math.exp(lnA - mx) + Math.exp(le - mx));
                    ri = sqw * (lnY - p.t[i]);
                    dE = sqw * Math.exp(le - lnY);
                    dA = sqw * Math.exp(-lnY);
                } else {
                    double e = Math.exp(Math.min(le, 700));
                    double yhat = a + fam.sign * e;
                    switch (p.objective) {
                        case LOG -> {
                            double yh = Math.max(yhat, 1e-300);
                            ri = sqw * (Math.log(yh) - p.t[i]);
                            dE = sqw * fam.sign * e / yh;
                            dA = sqw / yh;
                        }
                        case LOG1P -> {
                            double yh = Math.max(yhat, -1 + 1e-300);
                            ri = sqw * (Math.log1p(yh) - p.t[i]);
                            dE = sqw * fam.sign * e / (1 + yh);
                            dA = sqw / (1 + yh);
                        }
                        default -> {
                            ri = sqw * (yhat - p.t[i]);
                            dE = sqw * fam.sign * e;
                            dA = sqw;
                        }
                    }
                }
                r[i] = ri;
                if (jac != null || buf != null) {
                    double[] row = jac != null ? jac[i] : buf;
                    row[0] = dA * da;
                    row[1] = dE;
                    for (int k = 0; k < m; k++) {
                        row[2 + k] = dE * dlg[i * m + k];
                    }
                    if (buf != null) {
                        for (int a1 = 0; a1 < k2; a1++) {
                            double v = row[a1];
                            jtr[a1] += v * ri;
                            for (int b1 = 0; b1 <= a1; b1++) jtj[a1 * k2 + b1] += v * row[b1];
                        }
                    }
                }
            }
            if (jtj != null) {
                for (int a1 = 0; a1 < k2; a1++) {
                    for (int b1 = a1 + 1; b1 < k2; b1++) jtj[a1 * k2 + b1] = jtj[b1 * k2 + a1];
                }
            }
        }

        @Override
        public Pair<RealVector, RealMatrix> value(RealVector point) {
            double[] q = point.toArray();
            double[] r = new double[p.n];
            double[][] jac = new double[p.n][p.m + 2];
            residuals(q, r, jac);
            double c = 0;
            for (double v : r) c += v * v;
            if (c < bestCost) {
                bestCost = c;
                bestQ = q;
            }
            return new Pair<>(new ArrayRealVector(r, false), new Array2DRowRealMatrix(jac, false));
        }
    }

    static double clamp(double v, double lo, double hi) {
        if (Double.isNaN(v)) return 0.5 * (Math.max(lo, -1e6) + Math.min(hi, 1e6));
        return v < lo ? lo : (v > hi ? hi : v);
    }

    static String fmt(double v) {
        return org.bnsl.Numbers.format(v);
    }
}
