package org.bnsl.fit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bnsl.InputException;
import org.bnsl.data.Series;
import org.bnsl.law.Bnsl;
import org.bnsl.law.FittableLaw;
import org.bnsl.law.Parameter;

/**
 * A BNSL fitted with the options every law takes: a Huber loss, an overestimate penalty, fixed
 * parameters, bounds and inits ({@link LawFitOptions}, by the names of {@link Bnsl}: a, b, c0, c1,
 * d1, f1, …).
 *
 * <p>Method: the plain squared-loss fit of {@link BnslFitter} (its data-driven starts) is the first
 * start of {@link LawFitter}, which then minimises the requested objective Σ wᵢ·ρ(rᵢ) with the
 * fixed parameters held and every free one kept in its box, from that start and from up to
 * {@link #QUASI_RANDOM_STARTS} quasi-random ones (above {@link BnslFitter#BINNED_ABOVE} points, from
 * that start alone, for at most 100 iterations). The boxes are the plain fitter's: for a falling
 * metric {@code 0 ≤ a < min y} and {@code b > 0}, for a ceiling {@code a > max y} and {@code b < 0};
 * {@code |cᵢ| ≤ 100}; {@code dᵢ} within the training x; {@code 10⁻³ ≤ fᵢ ≤ 10}. A user's bound (or
 * fixed value) on {@code a} or on a {@code dᵢ} replaces its data-derived range; on the other
 * parameters it is intersected with it.
 */
final class BnslOptionsFit {
    /** Starts of the general fitter besides the plain fit, for series of ordinary size. */
    static final int QUASI_RANDOM_STARTS = 8;

    private BnslOptionsFit() {
    }

    static Fit fit(Series series, FitOptions o) {
        Bnsl law = Bnsl.withBreaks(o.breaks());
        LawFitOptions lo = o.lawOptions();
        checkNames(law, lo);
        BnslFitter.Problem.of(series, o); // the plain fitter's checks of the data, with its messages
        Fit plain;
        try {
            plain = BnslFitter.fit(series, o.withLawOptions(LawFitOptions.defaults()));
        } catch (InputException e) {
            plain = null; // the held or bounded problem may still be fittable from the quasi-random starts
        }
        return run(series, o, plain, false);
    }

    static Fit refit(Series series, FitOptions o, Fit start) {
        checkNames(Bnsl.withBreaks(o.breaks()), o.lawOptions());
        return run(series, o, start, true);
    }

    private static Fit run(Series series, FitOptions o, Fit plain, boolean refit) {
        Bnsl law = Bnsl.withBreaks(o.breaks());
        LawFitOptions lo = o.lawOptions();
        double off = o.xOffset();
        Series s = off > 0 ? series.shiftX(off) : series;
        Adapter adapter = new Adapter(law, specs(law, s, lo, plain));
        Map<String, Double> inits = new LinkedHashMap<>(lo.inits());
        if (plain != null) {
            double[] q = plain.parameters();
            for (int j = 0; j < q.length; j++) {
                String name = law.parameters().get(j);
                if (lo.fixed().containsKey(name) || inits.containsKey(name)) continue;
                Parameter ps = adapter.specs.get(j);
                LawFitOptions.Bound ub = lo.bounds().get(name);
                double lower = Math.max(ps.lower(), ub == null ? Double.NEGATIVE_INFINITY : ub.lower());
                double upper = Math.min(ps.upper(), ub == null ? Double.POSITIVE_INFINITY : ub.upper());
                if (ps.logScale()) lower = Math.max(lower, Double.MIN_NORMAL);
                if (lower <= upper && Double.isFinite(q[j])) inits.put(name, Math.max(lower, Math.min(upper, q[j])));
            }
        }
        LawFitOptions run = lo.withSpace(o.objective()).withInits(inits);
        if (plain != null && s.size() > BnslFitter.BINNED_ABOVE) {
            // A large series runs from the plain fit only, for at most 100 iterations: each costs n.
            run = run.withStarts(1, Math.min(run.maxIterations(), 100));
        } else if (plain != null) {
            // The plain fit is already the best of a data-driven multi-start search; a few
            // quasi-random starts cover what the options move (e.g. a bound that excludes it).
            run = run.withStarts(Math.min(run.starts(), QUASI_RANDOM_STARTS), run.maxIterations());
        }
        LawFitter fitter = new LawFitter(adapter, run);
        Fit f = refit && plain != null ? fitter.refit(s, plain.withXOffset(0)) : fitter.fit(s);
        double[] p = f.parameters();
        for (int i = 0; i < s.size(); i++) {
            if (!Double.isFinite(law.value(p, s.x(0, i)))) {
                throw new InputException(series.source() + ": " + BnslFitter.describe(series) + ": the BNSL fit with "
                        + "these options predicts a non-finite value at " + series.where(i) + "; loosen --fix or --bound");
            }
        }
        return new Fit(law, p, o.objective(), f.loss(), f.points(), f.starts() + (plain == null || refit ? 0 : plain.starts()),
                f.evaluations() + (plain == null || refit ? 0 : plain.evaluations()), f.termination(), off, f.lossFunction());
    }

    /** Every fixed, bounded or initialised name must be a parameter of this BNSL. */
    static void checkNames(Bnsl law, LawFitOptions lo) {
        for (String n : lo.names()) {
            if (!law.parameters().contains(n)) {
                throw new InputException(what(lo, n) + " " + n + ": a BNSL with " + law.breaks() + " break"
                        + (law.breaks() == 1 ? "" : "s") + " has no parameter '" + n + "'; its parameters are "
                        + law.parameters());
            }
        }
    }

    static String what(LawFitOptions lo, String n) {
        return lo.fixed().containsKey(n) ? "--fix" : lo.bounds().containsKey(n) ? "--bound" : "--init";
    }

    /** The boxes and starting ranges described in the class comment. */
    private static List<Parameter> specs(Bnsl law, Series s, LawFitOptions lo, Fit plain) {
        double xmin = Double.POSITIVE_INFINITY, xmax = 0, ymin = Double.POSITIVE_INFINITY, ymax = Double.NEGATIVE_INFINITY;
        double ysum = 0;
        for (int i = 0; i < s.size(); i++) {
            xmin = Math.min(xmin, s.x(0, i));
            xmax = Math.max(xmax, s.x(0, i));
            ymin = Math.min(ymin, s.y(i));
            ymax = Math.max(ymax, s.y(i));
            ysum += Math.abs(s.y(i));
        }
        double[] q = plain == null ? null : plain.parameters();
        double sign = q != null ? Math.signum(q[1]) : 1;
        Double fb = lo.fixed().get("b");
        LawFitOptions.Bound bb = lo.bounds().get("b");
        if (fb != null) sign = Math.signum(fb);
        else if (bb != null && bb.upper() <= 0) sign = -1;
        else if (bb != null && bb.lower() >= 0) sign = 1;
        boolean ceiling = sign < 0;
        double spread = ymax - ymin;
        List<Parameter> out = new ArrayList<>();
        boolean userA = lo.bounds().containsKey("a") || lo.fixed().containsKey("a");
        if (userA) {
            out.add(Parameter.free("a", ceiling ? ymax : Math.min(0, ymin), ceiling ? ymax + 2 * spread : ymin));
        } else if (ceiling) {
            double lower = ymax + 1e-9 * Math.abs(ymax) + 1e-12;
            out.add(Parameter.bounded("a", lower, Double.POSITIVE_INFINITY, lower, ymax + 2 * spread + 1e-12));
        } else {
            double lower = ymin > 0 ? 0 : ymin - spread - 1e-12;
            double upper = ymin - 1e-9 * Math.abs(ymin) - 1e-12;
            out.add(Parameter.bounded("a", lower, upper, lower, upper));
        }
        double bMag = q != null && q[1] != 0 && Double.isFinite(q[1]) ? Math.abs(q[1]) : Math.max(ysum / s.size(), 1e-12);
        out.add(ceiling ? Parameter.bounded("b", Double.NEGATIVE_INFINITY, 0, -100 * bMag, -bMag / 100)
                : Parameter.scale("b", bMag / 100, 100 * bMag));
        double c0 = q == null ? 0.5 : q[2];
        out.add(Parameter.bounded("c0", -BnslFitter.C_MAX, BnslFitter.C_MAX, c0 - 1, c0 + 1));
        for (int i = 1; i <= law.breaks(); i++) {
            int k = Bnsl.breakIndex(i);
            double c = q == null ? 0 : q[k];
            out.add(Parameter.bounded("c" + i, -BnslFitter.C_MAX, BnslFitter.C_MAX, c - 1, c + 1));
            String d = "d" + i;
            if (lo.bounds().containsKey(d) || lo.fixed().containsKey(d)) {
                out.add(Parameter.scale(d, xmin, xmax));
            } else {
                out.add(new Parameter(d, true, xmin, xmax, xmin, xmax));
            }
            out.add(new Parameter("f" + i, true, BnslFitter.F_MIN, BnslFitter.F_MAX, 0.01, 1));
        }
        return out;
    }

    /** {@link Bnsl} with the boxes of one fit, so that {@link LawFitter} can fit it. */
    private static final class Adapter implements FittableLaw {
        final Bnsl law;
        final List<Parameter> specs;

        Adapter(Bnsl law, List<Parameter> specs) {
            this.law = law;
            this.specs = specs;
        }

        @Override public String name() { return law.name(); }

        @Override public String formula() { return law.formula(); }

        @Override public List<String> variables() { return law.variables(); }

        @Override public List<String> parameters() { return law.parameters(); }

        @Override public double value(double[] p, double[] x) { return law.value(p, x); }

        @Override public double valueAndGradient(double[] p, double[] x, double[] grad) {
            return law.valueAndGradient(p, x, grad);
        }

        @Override public List<Parameter> parameterSpecs(Series data) { return specs; }
    }
}
