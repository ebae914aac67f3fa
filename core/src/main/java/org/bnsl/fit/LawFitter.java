package org.bnsl.fit;

import static org.bnsl.Numbers.format;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.bnsl.InputException;
import org.bnsl.data.Series;
import org.bnsl.law.FittableLaw;
import org.bnsl.law.Parameter;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.RealVector;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresBuilder;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresOptimizer;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LevenbergMarquardtOptimizer;
import org.hipparchus.optim.nonlinear.vector.leastsquares.MultivariateJacobianFunction;
import org.hipparchus.random.SobolSequenceGenerator;
import org.hipparchus.util.FastMath;
import org.hipparchus.util.Pair;

/**
 * Fits any {@link FittableLaw} to a {@link Series} by multi-start Levenberg–Marquardt.
 *
 * <p>Method. Free parameters move in transformed coordinates z (ln p for positive scales, p
 * otherwise). The result keeps to the fit's bounds: the user's bound met with the law's hard
 * bounds, or, where the user gave none, the law's default bounds (read off the data: a loss floor
 * at most min y, a ceiling at least max y; see {@link Parameter}); each run reaches them by an
 * active-set step (see {@code Problem.run}), every step clamped. Starts are deterministic
 * quasi-random points (a Sobol sequence, Hipparchus {@link SobolSequenceGenerator}) in the box of
 * the laws' data-derived starting ranges, where each finite end of a user bound replaces that end
 * of the box (a log-scale parameter keeps its own lower end when the user's is 0); the first start
 * is the box centre with the user's inits.
 * From each start, Levenberg–Marquardt (Moré 1978; Hipparchus {@link LevenbergMarquardtOptimizer})
 * minimises Σ ψᵢ² with an analytic Jacobian (the law's gradient through the chain rule of the
 * transforms). For the squared loss ψᵢ = sᵢ·rᵢ; for Huber ψᵢ = sᵢ·sign(rᵢ)·sqrt(2·H_δ(rᵢ)), so that
 * Σ ψᵢ²/2 = Σ sᵢ²·H_δ(rᵢ) exactly (ψ is C¹: ψ′ = 1 inside the kink, δ/|ψ| outside, both 1 at it).
 * sᵢ² = wᵢ, times W where the fit lies above the data. Huber fits are then polished by iteratively
 * reweighted Gauss–Newton steps with a backtracking line search, which accepts only decreases.
 * Starts are ranked by the objective; ties go to the earlier start, so the result is the same
 * whether or not starts run in parallel.
 *
 * <p>A winning run that stopped on the iteration limit is continued from its best point, up to 10
 * times the limit in all, while it improves; its termination says how it ended.
 *
 * <p>A signed scale ({@link Parameter#signedScale()}: a formula's scale, positive by default) that
 * the best run left collapsed on 0, with no bound from the user, gets its sign freed: one more run,
 * in its own coordinates, goes on from the best point, and wins if it lowers the objective (the
 * fit then says so). An init outside a default bound read off the data lifts that bound.
 *
 * <p>Variable projection (Golub and Pereyra 1973): the parameters the law's residual is affine in
 * ({@link FittableLaw#linearParameters}; a formula reads them off its syntax), when free, unbounded
 * by the user and the loss is squared, are solved in closed form for the others at every
 * evaluation (Gram–Schmidt on the weighted columns; Kaufman 1975's projected Jacobian), from the
 * same starts, with the others' signed scales free of sign (p = k·sinh z). Each such run stops after
 * a fifth of the iterations; the best is continued and then polished with every parameter free: in
 * the fit's own bounds when it lies within them (it then competes with the runs above), else with
 * the default bounds it lies beyond lifted, which competes only when the best fit above had a
 * parameter on a default bound or a collapsed scale (the fit then says which bound was lifted).
 *
 * <p>Robust search: when the best fit of several starts has a parameter on a bound the user did not
 * give, or a collapsed scale, the whole search runs once more from 4 times the starts over ranges 3
 * times as wide ({@link LawFitOptions#widerSearch()}), and the better of the two is kept; the
 * termination says so. Only laws that ask for it ({@link FittableLaw#widensSearch()}: a user's
 * formula) get it; built-in laws have starts made for them. With one start, the fit is that start's only.
 *
 * <p>The fit reports its convergence ({@link Fit#convergence()}: converged, iterations, the gradient
 * norm, flags and the bounds kept to) and warns ({@link Fit#warnings()}) about each free parameter
 * that ended where its winning
 * run started (the data do not determine it) or on a bound (within 10⁻⁹ of the parameter's
 * magnitude; a positive scale also when it collapsed towards 0).
 *
 * <p>In log space a prediction ŷ &lt;= t (t = 10⁻⁶·min y) is continued linearly,
 * ln ŷ ≈ ln t + (ŷ − t)/t, so LM sees a smooth, finite residual; a NaN prediction gives a huge
 * residual, which LM rejects by shrinking its step.
 */
public final class LawFitter {
    private static final double NAN_RESIDUAL = 1e10;
    /** Where a bound came from, as the warnings say it. */
    private static final String LAW = "the law's range";
    private static final String DATA = "a default read off the data; --bound replaces it";
    private static final String USER = "your --bound";
    private static final String SIGN = "a scale is positive by default; --bound or a negative --init lets it be negative";
    /** Why a default sign was lifted. */
    private static final String COLLAPSED = "the best fit had it collapsed on 0";
    private static final String PROJECTED = "the fit that solved it in closed form (variable projection) found it negative";

    private final FittableLaw law;
    private final LawFitOptions options;

    public LawFitter(FittableLaw law, LawFitOptions options) {
        this.law = law;
        this.options = options;
        List<String> names = law.parameters();
        for (String n : options.fixed().keySet()) checkName(n, "fix", names);
        for (String n : options.bounds().keySet()) checkName(n, "bound", names);
        for (String n : options.inits().keySet()) checkName(n, "init", names);
    }

    public static LawFitter of(FittableLaw law) {
        return new LawFitter(law, LawFitOptions.defaults());
    }

    private void checkName(String n, String what, List<String> names) {
        if (!names.contains(n)) {
            throw new InputException(what + " " + n + ": law '" + law.name() + "' has no parameter '" + n
                    + "'; its parameters are " + names);
        }
    }

    public FittableLaw law() { return law; }

    public LawFitOptions options() { return options; }

    /** Fits the law to {@code data}. Same input, same output. */
    public Fit fit(Series data) {
        int s = options.starts();
        Candidate first = search(data, s, 0);
        long evaluations = first.evaluations;
        Candidate best = first;
        String wider = "";
        if (s > 1 && options.widerSearch() && law.widensSearch() && first.problem.suspect(first.result.z)) {
            // a parameter ended on a bound the user did not give, or a scale collapsed: search again, from
            // 4 times the starts over ranges 3 times as wide (about their centres, in fitted coordinates)
            try {
                Candidate again = search(data, WIDER_STARTS * s, WIDER_RANGE);
                evaluations += again.evaluations;
                wider = "; a wider search (" + WIDER_STARTS * s + " starts over ranges " + (int) (1 + 2 * WIDER_RANGE)
                        + " times as wide) ran as the best fit had a parameter on a default bound or collapsed, and "
                        + (again.result.objective < first.result.objective ? "found a better fit" : "found none better");
                if (again.result.objective < first.result.objective) best = again;
            } catch (InputException e) {
                wider = "; a wider search found no finite fit";
            }
        }
        StartResult r = best.result;
        return finish(best.problem, new StartResult(r.start, r.z, r.objective, r.iterations, r.evaluations, r.converged,
                r.termination + wider), data, wider.isEmpty() ? s : s + WIDER_STARTS * s, evaluations);
    }

    /**
     * A projected search's runs stop after 1/PROJECTED_ITERATIONS of the iterations (at least 20): they
     * explore; the best is continued (up to 10 times that) and then polished with every parameter free.
     */
    static final int PROJECTED_ITERATIONS = 5;
    /** The robust search's extra starts, as a multiple of the fit's starts. */
    static final int WIDER_STARTS = 4;
    /** How far the robust search's starting ranges extend beyond each end, in their widths. */
    static final double WIDER_RANGE = 1;

    /**
     * Multi-start Levenberg–Marquardt from {@code s} starts over the starting ranges widened by
     * {@code widen} of their width at each end, signed scales collapsed on 0 freed, and the
     * variable-projection candidate: the best, with all the evaluations it took.
     */
    private Candidate search(Series data, int s, double widen) {
        Problem pr = new Problem(data, java.util.Set.of());
        double[][] z0 = pr.starts(s, widen);
        StartResult[] results = options.parallel()
                ? IntStream.range(0, s).parallel().mapToObj(k -> pr.run(z0[k])).toArray(StartResult[]::new)
                : IntStream.range(0, s).mapToObj(k -> pr.run(z0[k])).toArray(StartResult[]::new);
        int best = -1;
        long evaluations = 0;
        for (int k = 0; k < s; k++) {
            evaluations += results[k].evaluations;
            if (Double.isFinite(results[k].objective) && (best < 0 || results[k].objective < results[best].objective)) {
                best = k;
            }
        }
        if (best < 0) {
            // name the first row where the law is undefined (e.g. a formula's log of a negative x)
            double[] p0 = pr.params(results[0].z, new double[law.parameterCount()]);
            int row = -1;
            for (int i = 0; i < data.size() && row < 0; i++) {
                if (!Double.isFinite(law.value(p0, data.point(i)))) row = i;
            }
            String at = "";
            if (row >= 0) {
                double[] x = data.point(row);
                StringBuilder sb = new StringBuilder();
                for (int j = 0; j < x.length; j++) sb.append(j > 0 ? ", " : "").append(law.variables().get(j)).append(" = ").append(format(x[j]));
                at = "; at " + sb + " the law gives " + law.value(p0, x) + " (at the first start's parameters)";
            }
            throw new InputException((row >= 0 ? data.where(row) : data.source()) + ": could not fit law '" + law.name()
                    + "' to series '" + data.name() + "': every start gave a non-finite objective" + at);
        }
        Problem winner = pr;
        StartResult won = pr.continued(results[best]);
        evaluations += won.evaluations - results[best].evaluations;
        // a signed scale that collapsed onto its default sign's bound 0: free its sign and go on from
        // there (up to 3 rounds, as freeing one may leave another collapsed)
        java.util.Set<String> lifted = new java.util.LinkedHashSet<>();
        for (int round = 0; round < 3; round++) {
            java.util.Set<String> collapsed = winner.collapsedSignedScales(won.z);
            if (collapsed.isEmpty()) break;
            lifted.addAll(collapsed);
            Problem free = new Problem(data, lifted);
            double[] p = winner.params(won.z, new double[law.parameterCount()]);
            for (String name : collapsed) free.gaussNewtonAlone(p, law.parameters().indexOf(name));
            double[] z = new double[free.free.length];
            for (int q = 0; q < z.length; q++) {
                int j = free.free[q];
                z[q] = free.logScale[j] ? Math.log(p[j]) : p[j];
            }
            StartResult again = free.continued(free.run(z));
            evaluations += again.evaluations;
            if (!(again.objective < won.objective)) break;
            winner = free;
            won = new StartResult(results[best].start, again.z, again.objective, again.iterations, again.evaluations,
                    again.converged, again.termination);
        }
        // the linear parameters solved in closed form from the same starts: a candidate that keeps to the
        // default bounds competes as is; one beyond them when the best fit above needed its bounds
        boolean triggered = !lifted.isEmpty() || pr.onDefaultBound(results[best].z) || winner.onDefaultBound(won.z);
        Candidate vp = projected(data, pr, s, widen);
        if (vp != null) {
            evaluations += vp.evaluations;
            if (vp.result.objective < won.objective && (vp.problem == pr || triggered)) {
                winner = vp.problem;
                won = vp.result;
            }
        }
        return new Candidate(winner, won, evaluations);
    }

    /** A run polished in {@code problem}, and the evaluations it took to find it. */
    private record Candidate(Problem problem, StartResult result, long evaluations) {
    }

    /**
     * The parameters solved in closed form (variable projection): those the law's residual is
     * affine in ({@link FittableLaw#linearParameters}), with squared loss and no overestimate
     * penalty, neither fixed nor bounded by the user, and with no hard bound of the law.
     */
    private java.util.BitSet projectable(List<Parameter> specs) {
        java.util.BitSet out = new java.util.BitSet();
        if (options.loss().huber() || options.overestimatePenalty() != 1 || options.space() == Objective.LOG1P) return out;
        java.util.BitSet lin = law.linearParameters(options.space() != Objective.LINEAR);
        for (int k = lin.nextSetBit(0); k >= 0; k = lin.nextSetBit(k + 1)) {
            String name = law.parameters().get(k);
            Parameter ps = specs.get(k);
            if (options.fixed().containsKey(name) || options.bounds().containsKey(name) || ps.logScale()
                    || ps.lower() > Double.NEGATIVE_INFINITY || ps.upper() < Double.POSITIVE_INFINITY) continue;
            out.set(k);
        }
        return out;
    }

    /**
     * Variable projection from {@code s} starts of the other parameters: the best run, continued while
     * it stopped on the iteration limit, then polished with every parameter free, in {@code base}
     * when it lies within base's bounds, else in a problem whose default bounds it lies beyond are
     * lifted (and the fit says so). Null when nothing is projectable or every run failed.
     */
    private Candidate projected(Series data, Problem base, int s, double widen) {
        java.util.BitSet lin = projectable(base.specs);
        if (lin.isEmpty()) return null;
        Problem pp = new Problem(data, java.util.Set.of(), lin, COLLAPSED);
        double[][] z0 = pp.starts(s, widen);
        StartResult[] rs = options.parallel()
                ? IntStream.range(0, s).parallel().mapToObj(k -> pp.run(z0[k])).toArray(StartResult[]::new)
                : IntStream.range(0, s).mapToObj(k -> pp.run(z0[k])).toArray(StartResult[]::new);
        long evaluations = 0;
        int best = -1;
        for (int k = 0; k < s; k++) {
            evaluations += rs[k].evaluations;
            if (Double.isFinite(rs[k].objective) && (best < 0 || rs[k].objective < rs[best].objective)) best = k;
        }
        if (best < 0) return null;
        StartResult pb = pp.continued(rs[best]);
        evaluations += pb.evaluations - rs[best].evaluations;
        double[] p = pp.fullParams(pb.z);
        java.util.Set<String> beyond = new java.util.LinkedHashSet<>();
        for (int q = 0; q < base.free.length; q++) {
            int j = base.free[q];
            double v = p[j];
            if (v < base.lower[q] || v > base.upper[q] || (base.logScale[j] && !(v > 0))) beyond.add(law.parameters().get(j));
        }
        Problem target = beyond.isEmpty() ? base : new Problem(data, beyond, new java.util.BitSet(), PROJECTED);
        // the start the run began from, in target's coordinates (NaN for the solved parameters: never "unmoved")
        double[] p0 = pp.params(rs[best].start, new double[law.parameterCount()]);
        for (int j : pp.proj) p0[j] = Double.NaN;
        StartResult polished = target.continued(target.run(target.zOf(p)));
        evaluations += polished.evaluations;
        String how = polished.termination + "; " + lin.stream().mapToObj(law.parameters()::get)
                .collect(java.util.stream.Collectors.joining(", ")) + " solved in closed form first (variable projection)";
        return new Candidate(target, new StartResult(target.zOf(p0), polished.z, polished.objective,
                pb.iterations + polished.iterations, polished.evaluations, polished.converged, how), evaluations);
    }

    /**
     * Refits from {@code start}: a single Levenberg–Marquardt run from the start's parameters (fixed
     * ones stay at their fixed values, free ones are moved inside their bounds), then the Huber polish
     * when the loss is Huber. Meant for bootstrap resamples of the data the start was fitted to;
     * deterministic, and on the start's own data it returns the start's optimum.
     *
     * @param start a fit of this fitter's law
     * @throws InputException           when the run ends at a non-finite objective, or as {@link #fit}
     * @throws IllegalArgumentException when {@code start} is a fit of another law
     */
    public Fit refit(Series data, Fit start) {
        if (!start.law().name().equals(law.name()) || start.law().parameterCount() != law.parameterCount()) {
            throw new IllegalArgumentException("refit of law '" + law.name() + "' from a fit of '"
                    + start.law().name() + "'");
        }
        Problem pr = new Problem(data, java.util.Set.of());
        double[] p0 = start.parameters();
        double[] z0 = new double[pr.free.length];
        for (int q = 0; q < z0.length; q++) {
            int j = pr.free[q];
            double z = pr.logScale[j] ? Math.log(p0[j]) : p0[j];
            z0[q] = Double.isFinite(z) ? z : 0.5 * (pr.sLo[q] + pr.sHi[q]);
        }
        StartResult r = pr.run(z0);
        if (!Double.isFinite(r.objective)) {
            throw new InputException(data.source() + ": could not refit law '" + law.name() + "' to series '"
                    + data.name() + "': the run from the start gave a non-finite objective");
        }
        return finish(pr, r, data, 1, r.evaluations);
    }

    /** The winning run, polished when the loss is Huber, as a {@link Fit}. */
    private Fit finish(Problem pr, StartResult r, Series data, int starts, long evaluations) {
        double[] z = r.z.clone();
        double objective = r.objective;
        if (options.loss().huber()) {
            Polish po = pr.polish(z, objective);
            z = po.z;
            objective = po.objective;
            evaluations += po.evaluations;
        }
        double[] p = pr.params(z, new double[law.parameterCount()]);
        List<Fit.Flag> flags = pr.flags(z, r.start);
        List<String> warnings = new ArrayList<>(pr.notes);
        for (Fit.Flag fl : flags) warnings.add(fl.message());
        if (!r.converged) {
            warnings.add("the fit stopped before it converged (" + r.termination + ", " + r.iterations
                    + " iterations): it may not be a minimum; more --starts or an --init nearer the optimum may help");
        }
        return new Fit(law, p, options.space(), objective, data.size(), starts,
                (int) Math.min(Integer.MAX_VALUE, evaluations), r.termination, 0, options.loss().toString(), warnings)
                .withConvergence(new Fit.Convergence(r.converged, r.iterations, pr.gradientNorm(z), flags, pr.ranges()));
    }

    private record StartResult(double[] start, double[] z, double objective, int iterations, int evaluations,
                               boolean converged, String termination) {
    }

    private record Polish(double[] z, double objective, int iterations, int evaluations) {
    }

    /** Everything that does not change during a fit: points, their logs, transforms and bounds. */
    private final class Problem {
        final int n;
        final double[][] pts;
        final double[][] lnPts;
        final double[] y;
        final double[] lny;
        final double[] w;
        final boolean log;
        /** 1 for the log1p space (residual ln(ŷ+1) − ln(y+1)), 0 otherwise. */
        final double shift;
        final double floor;
        final double lnFloor;
        final boolean huber;
        final double delta;
        final double penalty;
        final int[] free;        // law index of each free parameter
        final boolean[] logScale; // per law parameter
        final double[] fixedValue; // per law parameter (NaN when free)
        final double[] zLo, zHi, sLo, sHi, zInit; // per free parameter
        final double[] hLo, hHi;                  // per free parameter: the law's hard bounds in z
        final double[] lower, upper;              // per free parameter, in the law's coordinates
        final String[] lowerFrom, upperFrom;      // per free parameter: where each bound came from
        final List<String> notes = new ArrayList<>(); // default bounds lifted by the user's inits
        final List<Parameter> specs;
        /** Levenberg–Marquardt iterations per run: the options', a fifth of them in a projected search. */
        final int maxIterations;
        final int[] proj;                         // law index of each projected parameter
        final boolean[] isProj;                   // per law parameter
        final double[] sinh;                      // per law parameter: k of p = k·sinh(z), or 0

        /**
         * @param freeSign signed scales whose default sign is lifted (no user bound): they are fitted
         *                 as is, of either sign, after the best run left them collapsed on 0
         */
        Problem(Series data, java.util.Set<String> freeSign) {
            this(data, freeSign, new java.util.BitSet(), COLLAPSED);
        }

        /**
         * @param project parameters solved in closed form at every evaluation (variable projection;
         *                see {@link #projectable}); they are neither free nor fixed
         */
        Problem(Series data, java.util.Set<String> freeSign, java.util.BitSet project, String why) {
            law.checkData(data, options.space() == Objective.LINEAR);
            log = options.space() != Objective.LINEAR;
            shift = options.space() == Objective.LOG1P ? 1 : 0;
            n = data.size();
            int k = data.dimension();
            pts = new double[n][];
            lnPts = new double[n][k];
            y = data.y();
            w = data.weights();
            lny = new double[n];
            double ymin = Double.POSITIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                pts[i] = data.point(i);
                for (int j = 0; j < k; j++) lnPts[i][j] = Math.log(pts[i][j]);
                if (!(w[i] >= 0) || !Double.isFinite(w[i])) {
                    throw new InputException(data.where(i) + ": weight " + w[i] + " must be finite and >= 0");
                }
                if (log && !(y[i] + shift > 0)) {
                    throw new InputException(data.where(i) + ": y = " + y[i] + " must be > " + (-shift)
                            + " to fit in " + options.space().id() + " space");
                }
                lny[i] = log ? Math.log(y[i] + shift) : Double.NaN;
                ymin = Math.min(ymin, y[i] + shift);
            }
            floor = log ? 1e-6 * ymin : 0;
            lnFloor = log ? Math.log(floor) : 0;
            huber = options.loss().huber();
            delta = options.loss().delta();
            penalty = options.overestimatePenalty();

            specs = law.parameterSpecs(data);
            int np = law.parameterCount();
            logScale = new boolean[np];
            fixedValue = new double[np];
            List<Integer> freeList = new ArrayList<>();
            List<double[]> ranges = new ArrayList<>();
            List<String[]> from = new ArrayList<>();
            List<double[]> natural = new ArrayList<>();
            isProj = new boolean[np];
            sinh = new double[np];
            maxIterations = project.isEmpty() ? options.maxIterations() : Math.max(20, options.maxIterations() / PROJECTED_ITERATIONS);
            proj = project.stream().toArray();
            for (int j : proj) isProj[j] = true;
            for (int j = 0; j < np; j++) {
                Parameter ps = specs.get(j);
                String name = law.parameters().get(j);
                if (isProj[j]) {
                    fixedValue[j] = Double.NaN;
                    continue;
                }
                // the user's bound replaces the law's default one and still meets its hard bounds
                double lo = ps.defaultLower(), hi = ps.defaultUpper();
                LawFitOptions.Bound ub = options.bounds().get(name);
                String[] src = {ps.defaultLower() > ps.lower() ? DATA : LAW, ps.defaultUpper() < ps.upper() ? DATA : LAW};
                if (ub != null) {
                    lo = Math.max(ps.lower(), ub.lower());
                    hi = Math.min(ps.upper(), ub.upper());
                    if (lo > hi || ((ps.logScale() || ps.signedScale()) && hi <= 0 && lo >= 0)) {
                        throw new InputException("bound " + name + "=" + ub.lower() + ".." + ub.upper()
                                + " does not meet the law's own range " + ps.lower() + ".." + ps.upper());
                    }
                    src[0] = ub.lower() >= ps.lower() ? USER : LAW;
                    src[1] = ub.upper() <= ps.upper() ? USER : LAW;
                }
                Double fv = options.fixed().get(name);
                if (fv != null) {
                    if (fv < ps.lower() || fv > ps.upper() || (ps.logScale() && fv <= 0)) {
                        throw new InputException("fix " + name + "=" + fv + " lies outside the law's range "
                                + ps.lower() + ".." + ps.upper());
                    }
                    fixedValue[j] = fv;
                    continue;
                }
                fixedValue[j] = Double.NaN;
                Double iv = options.inits().get(name);
                if (ub == null && ps.signedScale() && freeSign.contains(name)) {
                    notes.add(name + ": its default sign (positive) was lifted, since " + why + "; --bound " + name
                            + "=0..inf keeps it positive");
                    lo = ps.lower();
                    src[0] = LAW;
                } else if (ub == null && !freeSign.isEmpty() && !ps.signedScale()
                        && (ps.defaultLower() > ps.lower() || ps.defaultUpper() < ps.upper())) {
                    // a floor or ceiling read off the data assumed the scales positive: it goes with their sign
                    notes.add(name + ": its default bound " + format(lo) + ".." + format(hi) + " (" + DATA
                            + ") was lifted with the scales' sign");
                    lo = ps.lower();
                    hi = ps.upper();
                    src[0] = LAW;
                    src[1] = LAW;
                }
                if (iv != null && ub == null && !(ps.logScale() && iv <= 0)) {
                    // an init outside a default bound (read off the data, or a scale's default sign) lifts
                    // that bound: the user's value is kept, never moved, and the fit says so
                    if (iv < lo && iv >= ps.lower()) {
                        notes.add(name + ": the default lower bound " + format(lo) + " (" + (ps.signedScale() ? SIGN : DATA)
                                + ") was lifted, since --init " + name + "=" + format(iv) + " lies below it");
                        lo = ps.lower();
                        src[0] = LAW;
                    }
                    if (iv > hi && iv <= ps.upper()) {
                        notes.add(name + ": the default upper bound " + format(hi) + " (" + DATA
                                + ") was lifted, since --init " + name + "=" + format(iv) + " lies above it");
                        hi = ps.upper();
                        src[1] = LAW;
                    }
                }
                if (proj.length > 0 && ps.signedScale() && ub == null) {
                    // in a projected search a signed scale's sign is free: p = k·sinh(z), k the least
                    // magnitude it starts at, so z moves like ln |p| away from 0 and crosses it smoothly
                    double least = ps.startLower();
                    sinh[j] = least;
                    double zs = FastMath.asinh(ps.startUpper() / least);
                    double inf = Double.POSITIVE_INFINITY;
                    ranges.add(new double[] {-inf, inf, -zs, zs, iv == null ? Double.NaN : FastMath.asinh(iv / least), -inf, inf});
                    natural.add(new double[] {-inf, inf});
                    from.add(new String[] {LAW, LAW});
                    freeList.add(j);
                    continue;
                }
                // a signed scale moves through ln p while its range is non-negative, as is otherwise
                boolean ln = ps.logScale() || (ps.signedScale() && lo >= 0);
                logScale[j] = ln;
                if (ps.signedScale() && lo >= 0 && src[0] == DATA) src[0] = SIGN;
                double a = clamp(ps.startLower(), lo, hi), b = clamp(ps.startUpper(), lo, hi);
                if (ub != null) {
                    // the user's box replaces the law's starting range at each end the user gave
                    if (Double.isFinite(ub.lower()) && (!ln || lo > 0)) a = lo;
                    if (Double.isFinite(ub.upper())) b = hi;
                }
                if (iv != null && (iv < lo || iv > hi || (ln && iv <= 0))) {
                    throw new InputException("init " + name + "=" + iv + " lies outside " + lo + ".." + hi
                            + (ub == null && (src[0] == DATA || src[1] == DATA)
                                    ? " (its default bound from the data; --bound " + name + "=lo..hi replaces it)" : ""));
                }
                from.add(src);
                if (ln) {
                    double tiny = Double.MIN_NORMAL;
                    ranges.add(new double[] {lnOrMinusInf(lo), Math.log(hi),
                            Math.log(Math.max(a, tiny)), Math.log(Math.max(b, tiny)),
                            iv == null ? Double.NaN : Math.log(iv), lnOrMinusInf(ps.lower()), Math.log(ps.upper())});
                } else {
                    ranges.add(new double[] {lo, hi, a, b, iv == null ? Double.NaN : iv, ps.lower(), ps.upper()});
                }
                natural.add(new double[] {lo, hi});
                freeList.add(j);
            }
            int f = freeList.size();
            free = new int[f];
            zLo = new double[f];
            zHi = new double[f];
            sLo = new double[f];
            sHi = new double[f];
            zInit = new double[f];
            hLo = new double[f];
            hHi = new double[f];
            lower = new double[f];
            upper = new double[f];
            lowerFrom = new String[f];
            upperFrom = new String[f];
            for (int q = 0; q < f; q++) {
                free[q] = freeList.get(q);
                double[] r = ranges.get(q);
                zLo[q] = r[0];
                zHi[q] = r[1];
                sLo[q] = r[2];
                sHi[q] = r[3];
                zInit[q] = r[4];
                hLo[q] = r[5];
                hHi[q] = r[6];
                lower[q] = natural.get(q)[0];
                upper[q] = natural.get(q)[1];
                lowerFrom[q] = from.get(q)[0];
                upperFrom[q] = from.get(q)[1];
            }
        }

        /**
         * One flag per free parameter that ended (at {@code z}) where its run started ({@code z0}), or
         * on a bound: within 10⁻⁹ of its magnitude (the largest of |p|, its finite bounds and, unless
         * it is a positive scale, its starting range); a positive scale bounded only by 0 has
         * collapsed when it fell below 10⁻⁹ times the least start.
         */
        List<Fit.Flag> flags(double[] z, double[] z0) {
            List<Fit.Flag> out = new ArrayList<>();
            double[] p = params(z, new double[law.parameterCount()]);
            for (int q = 0; q < free.length; q++) {
                int j = free[q];
                String name = law.parameters().get(j);
                double v = p[j];
                double mag = Math.abs(v);
                if (Double.isFinite(lower[q])) mag = Math.max(mag, Math.abs(lower[q]));
                if (Double.isFinite(upper[q])) mag = Math.max(mag, Math.abs(upper[q]));
                if (!logScale[j]) mag = Math.max(mag, Math.max(Math.abs(sLo[q]), Math.abs(sHi[q])));
                double tol = 1e-9 * mag;
                boolean collapsed = logScale[j] && lower[q] == 0 && v <= 1e-9 * Math.exp(sLo[q]);
                if (v - lower[q] <= tol || collapsed) {
                    out.add(new Fit.Flag(name, collapsed ? "collapsed" : "on_bound", name + " = " + format(v)
                            + " ended on its lower bound " + format(lower[q]) + " (" + lowerFrom[q] + ")"));
                } else if (upper[q] - v <= tol) {
                    out.add(new Fit.Flag(name, "on_bound", name + " = " + format(v) + " ended on its upper bound "
                            + format(upper[q]) + " (" + upperFrom[q] + ")"));
                } else if (Math.abs(z[q] - z0[q]) <= 1e-9 * Math.max(1, Math.abs(z0[q]))) {
                    out.add(new Fit.Flag(name, "unmoved", name + " = " + format(v)
                            + " did not move from its start: the data do not determine it"));
                }
            }
            return out;
        }

        /** The bounds of each free parameter and where each end came from, as {@link Fit.Range}s. */
        List<Fit.Range> ranges() {
            List<Fit.Range> out = new ArrayList<>();
            for (int q = 0; q < free.length; q++) {
                out.add(new Fit.Range(law.parameters().get(free[q]), lower[q], upper[q], sourceId(lowerFrom[q]), sourceId(upperFrom[q])));
            }
            return out;
        }

        private static String sourceId(String from) {
            return from == USER ? "user" : from == DATA ? "data" : from == SIGN ? "sign" : "law";
        }

        /**
         * The norm of the objective's gradient at {@code z} in z coordinates, Σ cᵢ·ρ′(rᵢ)·∂rᵢ/∂z, over the
         * free parameters not on a bound of z (where the gradient need not vanish).
         */
        double gradientNorm(double[] z) {
            int f = free.length;
            double[] p = new double[law.parameterCount()];
            double[] r = new double[n];
            double[] c = new double[n];
            double[][] dr = new double[n][f];
            evaluate(z, p, new double[law.parameterCount()], r, c, dr);
            double[] grad = new double[f];
            for (int i = 0; i < n; i++) {
                double d = c[i] * (huber ? Math.max(-delta, Math.min(delta, r[i])) : 2 * r[i]);
                for (int q = 0; q < f; q++) grad[q] += d * dr[i][q];
            }
            double s2 = 0;
            for (int q = 0; q < f; q++) {
                double eps = 1e-12 * Math.max(1, Math.abs(z[q]));
                if (z[q] - zLo[q] <= eps || zHi[q] - z[q] <= eps) continue;
                s2 += grad[q] * grad[q];
            }
            return Math.sqrt(s2);
        }

        private double clamp(double v, double lo, double hi) {
            return Math.max(lo, Math.min(hi, v));
        }

        /**
         * Moves parameter {@code j} of {@code p} by one Gauss–Newton step on it alone (in linear
         * space the exact optimum when it enters linearly, as a freed scale of a term does), when
         * the step lowers the objective: p_j −= Σ wᵢ rᵢ gᵢ / Σ wᵢ gᵢ², g = ∂ŷ/∂p_j, r = ŷ − y.
         */
        void gaussNewtonAlone(double[] p, int j) {
            if (log) return;
            double[] g = new double[law.parameterCount()];
            double num = 0, den = 0, before = 0;
            for (int i = 0; i < n; i++) {
                double r = law.valueAndGradient(p, pts[i], lnPts[i], g) - y[i];
                num += w[i] * r * g[j];
                den += w[i] * g[j] * g[j];
                before += w[i] * r * r;
            }
            if (!(den > 0) || !Double.isFinite(num)) return;
            double old = p[j];
            p[j] = old - num / den;
            double after = 0;
            for (int i = 0; i < n; i++) {
                double r = law.value(p, pts[i]) - y[i];
                after += w[i] * r * r;
            }
            if (!(after < before)) p[j] = old;
        }

        /**
         * {@code r} continued while it stopped on the iteration limit: up to 9 more runs from its
         * best point (so at most 10 × the limit in all), until one converges or stops improving.
         */
        StartResult continued(StartResult r) {
            StartResult cur = r;
            int iterations = r.iterations, evaluations = r.evaluations;
            for (int k = 0; k < 9 && !cur.converged && Double.isFinite(cur.objective); k++) {
                StartResult next = run(cur.z.clone());
                iterations += next.iterations;
                evaluations += next.evaluations;
                if (!(next.objective <= cur.objective)) break;
                cur = next;
            }
            if (cur == r) return r;
            return new StartResult(r.start, cur.z, cur.objective, iterations, evaluations, cur.converged,
                    cur.converged ? cur.termination + " after " + iterations + " iterations in all" : cur.termination);
        }

        /**
         * The signed scales (no user bound, fitted through ln p) that collapsed at {@code z}: below
         * 10⁻⁹ times the least start of their range, as {@link #warnings} says.
         */
        java.util.Set<String> collapsedSignedScales(double[] z) {
            java.util.Set<String> out = new java.util.LinkedHashSet<>();
            for (int q = 0; q < free.length; q++) {
                int j = free[q];
                String name = law.parameters().get(j);
                if (specs.get(j).signedScale() && logScale[j] && lower[q] == 0 && !options.bounds().containsKey(name)
                        && Math.exp(z[q]) <= 1e-9 * Math.exp(sLo[q])) {
                    out.add(name);
                }
            }
            return out;
        }

        private static double lnOrMinusInf(double v) {
            return v > 0 ? Math.log(v) : Double.NEGATIVE_INFINITY;
        }

        /**
         * Starting points in z: the centre (with inits), then Sobol points, over the starting ranges
         * extended by {@code widen} times their width at each end.
         */
        double[][] starts(int s, double widen) {
            int f = free.length;
            double[][] out = new double[s][f];
            SobolSequenceGenerator sobol = f > 0 ? new SobolSequenceGenerator(f) : null;
            if (sobol != null) sobol.nextVector(); // the first Sobol point is the corner 0
            for (int k = 0; k < s; k++) {
                double[] u = sobol != null ? sobol.nextVector() : new double[0];
                for (int q = 0; q < f; q++) {
                    double c = k == 0 ? 0.5 : u[q];
                    double w = sHi[q] - sLo[q];
                    out[k][q] = sLo[q] - widen * w + c * (1 + 2 * widen) * w;
                    if (k == 0 && !Double.isNaN(zInit[q])) out[k][q] = zInit[q];
                }
            }
            return out;
        }

        /** The law's parameters at {@code z}; projected ones are left as they are in {@code p}. */
        double[] params(double[] z, double[] p) {
            for (int j = 0; j < p.length; j++) {
                if (!isProj[j]) p[j] = fixedValue[j];
            }
            for (int q = 0; q < free.length; q++) {
                int j = free[q];
                p[j] = logScale[j] ? Math.exp(z[q]) : sinh[j] > 0 ? sinh[j] * Math.sinh(z[q]) : z[q];
            }
            return p;
        }

        double[] clampZ(double[] z) {
            return clampZ(z, zLo, zHi);
        }

        double[] clampZ(double[] z, double[] lo, double[] hi) {
            for (int q = 0; q < z.length; q++) z[q] = clamp(z[q], lo[q], hi[q]);
            return z;
        }

        boolean inside(double[] z) {
            for (int q = 0; q < z.length; q++) {
                if (!(z[q] >= zLo[q] && z[q] <= zHi[q])) return false;
            }
            return true;
        }

        /**
         * Residuals r, the factors c = w·(W if over), and dr/dz rows, at z; returns the objective.
         * {@code g} is a gradient workspace of the law's parameter count.
         */
        double evaluate(double[] z, double[] p, double[] g, double[] r, double[] c, double[][] dr) {
            params(z, p);
            double obj = 0;
            for (int i = 0; i < n; i++) {
                double pred = law.valueAndGradient(p, pts[i], lnPts[i], g);
                double ri, d;
                if (!Double.isFinite(pred)) {
                    r[i] = Double.NaN;
                    c[i] = w[i];
                    if (dr != null) java.util.Arrays.fill(dr[i], 0);
                    obj = Double.NaN;
                    continue;
                }
                if (log) {
                    double ps = pred + shift;
                    if (ps > floor) {
                        ri = Math.log(ps) - lny[i];
                        d = 1 / ps;
                    } else {
                        ri = lnFloor + (ps - floor) / floor - lny[i];
                        d = 1 / floor;
                    }
                } else {
                    ri = pred - y[i];
                    d = 1;
                }
                r[i] = ri;
                c[i] = ri > 0 ? w[i] * penalty : w[i];
                if (dr != null) {
                    double[] row = dr[i];
                    for (int q = 0; q < free.length; q++) {
                        int j = free[q];
                        double gj = g[j];
                        if (logScale[j]) gj *= p[j];
                        else if (sinh[j] > 0) gj *= sinh[j] * Math.cosh(z[q]);
                        row[q] = d * gj;
                    }
                }
                obj += c[i] * rho(ri);
            }
            return obj;
        }

        double rho(double r) {
            if (!huber) return r * r;
            double a = Math.abs(r);
            return a <= delta ? 0.5 * r * r : delta * (a - 0.5 * delta);
        }

        double[] residuals(double[] p) {
            double[] r = new double[n];
            for (int i = 0; i < n; i++) {
                double pred = law.value(p, pts[i]);
                r[i] = log ? Math.log(pred + shift) - lny[i] : pred - y[i];
            }
            return r;
        }

        /**
         * One start, as an active-set method for the fit's bounds (the user's, or the law's defaults
         * from the data). Phase 1: Levenberg–Marquardt within the law's hard bounds only. When it ends
         * inside the fit's bounds that is the run's result, exactly as if they had been there.
         * Otherwise phase 2 clamps that end onto the bounds and holds the parameters it moved on their
         * bounds (their Jacobian columns are zero) while the others are fitted; phase 3 frees them
         * again, within the bounds, so that a parameter the optimum pulls back inside can leave its
         * bound. Clamping alone, from a random start, stalls on the bound far from the optimum: with
         * E &lt;= min y imposed that way, none of the 32 default starts reached the Chinchilla
         * optimum (objective 0.01636 against 0.0010183).
         */
        StartResult run(double[] start) {
            double[] z0 = clampZ(start.clone());
            StartResult one = lm(z0, hLo, hHi, null);
            if (free.length == 0 || inside(one.z)) return one;
            double[] zc = clampZ(one.z.clone());
            boolean[] hold = new boolean[free.length];
            for (int q = 0; q < hold.length; q++) hold[q] = zc[q] != one.z[q];
            StartResult two = lm(zc, zLo, zHi, hold);
            StartResult three = lm(two.z.clone(), zLo, zHi, null);
            StartResult last = Double.isNaN(two.objective) || three.objective <= two.objective ? three : two;
            return new StartResult(z0, last.z, last.objective, one.iterations + two.iterations + three.iterations,
                    one.evaluations + two.evaluations + three.evaluations, last.converged, last.termination);
        }

        /**
         * Levenberg–Marquardt from {@code z0}, each step clamped to {@code lo..hi}, the parameters in
         * {@code hold} (if any) held where they are; keeps the best point seen.
         */
        private StartResult lm(double[] z0, double[] lo, double[] hi, boolean[] hold) {
            int f = free.length;
            if (f == 0) {
                double[] p = new double[law.parameterCount()];
                double[] g = new double[law.parameterCount()];
                if (proj.length > 0) project(z0, p, g);
                double obj = evaluate(z0, p, g, new double[n], new double[n], null);
                return new StartResult(z0, z0, obj, 0, 1, true, "no free parameters");
            }
            Model model = new Model(hold);
            try {
                LeastSquaresOptimizer.Optimum opt = new LevenbergMarquardtOptimizer()
                        .withCostRelativeTolerance(1e-12)
                        .withParameterRelativeTolerance(1e-12)
                        .withOrthoTolerance(1e-12)
                        .optimize(new LeastSquaresBuilder()
                                .model(model)
                                .target(new double[n])
                                .start(z0)
                                .parameterValidator(v -> new ArrayRealVector(clampZ(v.toArray(), lo, hi), false))
                                .maxIterations(maxIterations)
                                .maxEvaluations(maxIterations * 4)
                                .lazyEvaluation(false)
                                .build());
                // every point LM saw may have been non-finite (bestZ null): the run then ends where it began
                return new StartResult(z0, model.bestZ == null ? z0 : model.bestZ, model.bestObjective, opt.getIterations(),
                        model.evaluations, true, "converged (Levenberg-Marquardt tolerances met)");
            } catch (RuntimeException e) {
                // too many iterations or evaluations, or a numerical failure: keep the best point seen
                return new StartResult(z0, model.bestZ == null ? z0 : model.bestZ, model.bestObjective,
                        maxIterations, model.evaluations, false, "stopped: " + e.getMessage());
            }
        }

        /**
         * Variable projection (Golub and Pereyra 1973): sets the projected parameters of {@code p} to
         * the weighted linear least-squares solution for the others at {@code z} (the residual is
         * affine in them: r = r₀ + Φc, Φ the residual's gradient in them), by a QR factorisation of the
         * column-scaled S·Φ (S = diag √wᵢ; a column dependent on the earlier ones gets 0). Returns an
         * orthonormal basis U of the range of S·Φ (n × rank), with which the Jacobian of the other
         * parameters is projected (Kaufman 1975); null, with the projected parameters 0, where the
         * residual is not finite.
         */
        double[][] project(double[] z, double[] p, double[] g) {
            params(z, p);
            int m = proj.length;
            for (int j : proj) p[j] = 0;
            double[][] a = new double[n][m];
            double[] b = new double[n];
            for (int i = 0; i < n; i++) {
                double pred = law.valueAndGradient(p, pts[i], lnPts[i], g);
                double ri, d;
                if (log) {
                    double ps = pred + shift;
                    ri = Math.log(ps) - lny[i];
                    d = 1 / ps;
                } else {
                    ri = pred - y[i];
                    d = 1;
                }
                double si = Math.sqrt(w[i]);
                b[i] = si * ri;
                if (!Double.isFinite(b[i])) return null;
                for (int k = 0; k < m; k++) {
                    a[i][k] = si * d * g[proj[k]];
                    if (!Double.isFinite(a[i][k])) return null;
                }
            }
            double[] norm = new double[m];
            for (int k = 0; k < m; k++) {
                double s2 = 0;
                for (int i = 0; i < n; i++) s2 += a[i][k] * a[i][k];
                norm[k] = s2 > 0 ? Math.sqrt(s2) : 1;
                for (int i = 0; i < n; i++) a[i][k] /= norm[k];
            }
            // Gram–Schmidt, twice per column ("twice is enough"), dropping a column whose remainder is
            // below 10⁻¹² of its (unit) norm: basis Q (n × rank) and R with S·Φ_kept = Q·R
            double[][] qt = new double[m][];
            double[][] rr = new double[m][m];
            int[] kept = new int[m];
            int rank = 0;
            for (int k = 0; k < m; k++) {
                double[] v = new double[n];
                for (int i = 0; i < n; i++) v[i] = a[i][k];
                for (int pass = 0; pass < 2; pass++) {
                    for (int l = 0; l < rank; l++) {
                        double d = 0;
                        for (int i = 0; i < n; i++) d += qt[l][i] * v[i];
                        for (int i = 0; i < n; i++) v[i] -= d * qt[l][i];
                        rr[l][rank] += d;
                    }
                }
                double nv = 0;
                for (int i = 0; i < n; i++) nv += v[i] * v[i];
                nv = Math.sqrt(nv);
                if (!(nv > 1e-12)) {
                    for (int l = 0; l < rank; l++) rr[l][rank] = 0;
                    continue;
                }
                for (int i = 0; i < n; i++) v[i] /= nv;
                rr[rank][rank] = nv;
                qt[rank] = v;
                kept[rank++] = k;
            }
            // δ = −R⁻¹·Qᵀb over the kept columns, 0 for the dropped ones
            double[] t = new double[rank];
            for (int l = 0; l < rank; l++) {
                double d = 0;
                for (int i = 0; i < n; i++) d += qt[l][i] * b[i];
                t[l] = -d;
            }
            for (int l = rank - 1; l >= 0; l--) {
                double d = t[l];
                for (int c2 = l + 1; c2 < rank; c2++) d -= rr[l][c2] * t[c2];
                t[l] = d / rr[l][l];
            }
            for (int l = 0; l < rank; l++) p[proj[kept[l]]] = t[l] / norm[kept[l]];
            double[][] basis = new double[n][rank];
            for (int i = 0; i < n; i++) {
                for (int l = 0; l < rank; l++) basis[i][l] = qt[l][i];
            }
            return basis;
        }

        /** Projects the columns of {@code jac} off the range of the orthonormal {@code basis}: J − U(UᵀJ). */
        private void kaufman(double[][] jac, double[][] basis) {
            int f = jac.length == 0 ? 0 : jac[0].length;
            int rank = basis.length == 0 ? 0 : basis[0].length;
            double[] t = new double[rank];
            for (int q = 0; q < f; q++) {
                java.util.Arrays.fill(t, 0);
                for (int i = 0; i < n; i++) {
                    for (int k = 0; k < rank; k++) t[k] += basis[i][k] * jac[i][q];
                }
                for (int i = 0; i < n; i++) {
                    double s = 0;
                    for (int k = 0; k < rank; k++) s += basis[i][k] * t[k];
                    jac[i][q] -= s;
                }
            }
        }

        /** The law's parameters at {@code z}, projected ones solved for it. */
        double[] fullParams(double[] z) {
            double[] p = params(z, new double[law.parameterCount()]);
            if (proj.length > 0) project(z, p, new double[law.parameterCount()]);
            return p;
        }

        /**
         * The coordinates of the law's parameters {@code p} in this problem, clamped to its bounds (a
         * NaN stays NaN; a log-scale value that is not positive goes to the lower end of its starts).
         */
        double[] zOf(double[] p) {
            double[] z = new double[free.length];
            for (int q = 0; q < z.length; q++) {
                int j = free[q];
                double v = p[j];
                z[q] = Double.isNaN(v) ? v : logScale[j] ? (v > 0 ? Math.log(v) : sLo[q]) : sinh[j] > 0 ? FastMath.asinh(v / sinh[j]) : v;
                if (!Double.isNaN(z[q])) z[q] = clamp(z[q], zLo[q], zHi[q]);
            }
            return z;
        }

        /**
         * Whether a parameter at {@code z} lies on a bound read off the data or on a scale's default
         * sign (within 10⁻⁹ of its magnitude), or is a signed scale collapsed on 0.
         */
        /**
         * Whether the fit at {@code z} needs a wider search: a parameter on a bound the user did not
         * give (read off the data, a scale's default sign, or the law's own range), or a scale collapsed.
         */
        boolean suspect(double[] z) {
            return onDefaultBound(z, true);
        }

        /**
         * Whether a parameter at {@code z} lies on a bound read off the data or on a scale's default
         * sign (within 10⁻⁹ of its magnitude), or is a signed scale collapsed on 0.
         */
        boolean onDefaultBound(double[] z) {
            return onDefaultBound(z, false);
        }

        /** As {@link #onDefaultBound(double[])}, counting the law's own range and any collapsed scale when {@code lawToo}. */
        private boolean onDefaultBound(double[] z, boolean lawToo) {
            if (!collapsedSignedScales(z).isEmpty()) return true;
            double[] p = params(z, new double[law.parameterCount()]);
            for (int q = 0; q < free.length; q++) {
                int j = free[q];
                double v = p[j];
                double tol = 1e-9 * Math.max(Math.abs(v), Math.max(Double.isFinite(lower[q]) ? Math.abs(lower[q]) : 0,
                        Double.isFinite(upper[q]) ? Math.abs(upper[q]) : 0));
                boolean lo = lawToo ? lowerFrom[q] != USER : lowerFrom[q] == DATA || lowerFrom[q] == SIGN;
                boolean hi = lawToo ? upperFrom[q] != USER : upperFrom[q] == DATA;
                boolean collapsed = lawToo && logScale[j] && lower[q] == 0 && v <= 1e-9 * Math.exp(sLo[q]);
                if ((lo && (v - lower[q] <= tol || collapsed)) || (hi && upper[q] - v <= tol)) return true;
            }
            return false;
        }

        /** The residual vector ψ and its Jacobian for Hipparchus; remembers the best point it saw. */
        private final class Model implements MultivariateJacobianFunction {
            final boolean[] hold;
            final double[] p = new double[law.parameterCount()];
            final double[] g = new double[law.parameterCount()];
            final double[] r = new double[n];
            final double[] c = new double[n];
            double[] bestZ;
            double bestObjective = Double.NaN;
            int evaluations;

            Model(boolean[] hold) {
                this.hold = hold;
            }

            @Override
            public Pair<RealVector, RealMatrix> value(RealVector point) {
                double[] z = point.toArray();
                int f = z.length;
                double[][] jac = new double[n][f];
                // variable projection: the linear parameters solved for z, and the basis of their columns
                double[][] basis = proj.length > 0 ? project(z, p, g) : null;
                double obj = evaluate(z, p, g, r, c, jac);
                evaluations += basis != null ? 2 : 1; // the projection evaluates the law once more
                double[] psi = new double[n];
                for (int i = 0; i < n; i++) {
                    double ri = r[i];
                    double si = Math.sqrt(c[i]);
                    double v, dv;
                    if (Double.isNaN(ri)) {
                        v = NAN_RESIDUAL;
                        dv = 0;
                    } else if (!huber || Math.abs(ri) <= delta) {
                        v = ri;
                        dv = 1;
                    } else {
                        double a = Math.sqrt(delta * (2 * Math.abs(ri) - delta));
                        v = ri > 0 ? a : -a;
                        dv = delta / a;
                    }
                    // Hipparchus minimises |target − value|²; the target is 0, so the sign is immaterial
                    psi[i] = si * v;
                    double k = si * dv;
                    double[] row = jac[i];
                    for (int q = 0; q < f; q++) row[q] = hold != null && hold[q] ? 0 : row[q] * k;
                }
                if (basis != null) kaufman(jac, basis);
                if (Double.isFinite(obj) && (bestZ == null || !(obj >= bestObjective))) {
                    bestObjective = obj;
                    bestZ = z;
                }
                return new Pair<>(new ArrayRealVector(psi, false), new Array2DRowRealMatrix(jac, false));
            }
        }

        /**
         * Iteratively reweighted Gauss–Newton for Σ cᵢ·H_δ(rᵢ): weights ωᵢ = cᵢ·min(1, δ/|rᵢ|), step
         * from (JᵀΩJ + μ·diag) Δ = −JᵀΩr, halved until the objective decreases. Stops after 50
         * steps or when no step helps.
         */
        Polish polish(double[] zStart, double objStart) {
            int f = free.length;
            double[] z = zStart.clone();
            if (f == 0) return new Polish(z, objStart, 0, 0);
            double[] p = new double[law.parameterCount()];
            double[] g = new double[law.parameterCount()];
            double[] r = new double[n];
            double[] c = new double[n];
            double[][] jr = new double[n][f];
            double[] r2 = new double[n];
            double[] c2 = new double[n];
            double[] zt = new double[f];
            double[][] a = new double[f][f];
            double[] rhs = new double[f];
            double obj = evaluate(z, p, g, r, c, jr);
            int evals = 1, it = 0;
            for (; it < 50; it++) {
                for (int q = 0; q < f; q++) {
                    rhs[q] = 0;
                    java.util.Arrays.fill(a[q], 0);
                }
                for (int i = 0; i < n; i++) {
                    double ai = Math.abs(r[i]);
                    double om = c[i] * (ai <= delta ? 1 : delta / ai);
                    double[] row = jr[i];
                    for (int q = 0; q < f; q++) {
                        double oq = om * row[q];
                        rhs[q] -= oq * r[i];
                        for (int t = 0; t <= q; t++) a[q][t] += oq * row[t];
                    }
                }
                for (int q = 0; q < f; q++) {
                    for (int t = 0; t < q; t++) a[t][q] = a[q][t];
                    a[q][q] *= 1 + 1e-10;
                    a[q][q] += 1e-300;
                }
                double[] step = solve(a, rhs);
                if (step == null) break;
                boolean improved = false;
                double lambda = 1;
                for (int ls = 0; ls < 30; ls++, lambda *= 0.5) {
                    for (int q = 0; q < f; q++) zt[q] = z[q] + lambda * step[q];
                    clampZ(zt);
                    double o2 = evaluate(zt, p, g, r2, c2, null);
                    evals++;
                    if (o2 < obj) {
                        improved = obj - o2 > 1e-15 * obj;
                        System.arraycopy(zt, 0, z, 0, f);
                        obj = o2;
                        break;
                    }
                }
                if (!improved) break;
                obj = evaluate(z, p, g, r, c, jr);
                evals++;
            }
            return new Polish(z, obj, it, evals);
        }

        /** Cholesky solve of a small symmetric positive-definite system; null if not positive definite. */
        private double[] solve(double[][] a, double[] b) {
            int f = b.length;
            double[][] l = new double[f][f];
            for (int i = 0; i < f; i++) {
                for (int j = 0; j <= i; j++) {
                    double s = a[i][j];
                    for (int k = 0; k < j; k++) s -= l[i][k] * l[j][k];
                    if (i == j) {
                        if (!(s > 0)) return null;
                        l[i][i] = Math.sqrt(s);
                    } else {
                        l[i][j] = s / l[j][j];
                    }
                }
            }
            double[] x = new double[f];
            for (int i = 0; i < f; i++) {
                double s = b[i];
                for (int k = 0; k < i; k++) s -= l[i][k] * x[k];
                x[i] = s / l[i][i];
            }
            for (int i = f - 1; i >= 0; i--) {
                double s = x[i];
                for (int k = i + 1; k < f; k++) s -= l[k][i] * x[k];
                x[i] = s / l[i][i];
            }
            return x;
        }
    }
}
