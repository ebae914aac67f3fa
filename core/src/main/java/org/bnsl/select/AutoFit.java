package org.bnsl.select;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.bnsl.InputException;
import org.bnsl.data.Series;
import org.bnsl.fit.BnslFitter;
import org.bnsl.fit.Fit;
import org.bnsl.fit.FitOptions;
import org.bnsl.fit.LawFitOptions;
import org.bnsl.fit.LawFitter;
import org.bnsl.law.Bnsl;
import org.bnsl.law.FittableLaw;
import org.bnsl.law.Laws;

/**
 * {@code --breaks auto} and {@code --law auto}: fit the law, or the number of breaks, that
 * extrapolates best on the training points (see {@link RollingOrigin} for the score).
 *
 * <p>Rules, measured on the seeded synthetic suite of {@link ChoiceSuite} (200 curves drawn from
 * bnsl, m2, m4, offset-power and rectified, noise 0.2%–3%) and on the 14 FLAN curves (README,
 * "Choose by extrapolation"; docs/BENCHMARKS.md):
 * <ul>
 *   <li>cuts reaching back as far as the user's horizon (3 to 6 of them), each scoring the points
 *       within that horizon, weights 0.8^(j−1) (see {@link RollingOrigin});</li>
 *   <li>breaks: the fewest whose score is within a factor 1.5 of the best BNSL score (a new break must
 *       earn its place);</li>
 *   <li>laws: shrinkage toward a strong default. The rectified law (Lin et al. 2024) is kept
 *       unless another candidate scores better by a factor of more than 1.25. It nests m2 and
 *       offset-power (B = 0), bends at small x and is defined at x = 0. Median holdout RMSLE, auto
 *       against always-rectified (the best single law on each): 0.0159 vs 0.0170 (seed 20221026),
 *       0.0177 vs 0.0183 (seed 99), 0.0182 vs 0.0190 (seed 7), 0.0065 vs 0.0148 (FLAN). With cuts
 *       over a fixed last quarter instead, the same rules gave 0.0164 and 0.0197 on the first two
 *       seeds; shrinking by 50% won there but gave 0.0216 on FLAN.</li>
 * </ul>
 * Laws that need x &gt; 0 are fitted in x + S when the data has points at x = 0: S is the user's
 * {@code --x-offset}, or else the smallest positive x (a data-derived shift, like the B of the
 * rectified law).
 */
public final class AutoFit {
    /** The candidates of {@code --law auto} unless {@code --candidates} says otherwise. */
    public static final List<String> DEFAULT_CANDIDATES = List.of("bnsl:auto", "m2", "m4", "offset-power", "rectified");

    private AutoFit() {
    }

    /**
     * @param rolling        the rolling-origin scheme
     * @param breakTolerance a break is added only if it lowers the score by more than this factor
     * @param prefer         the strong default of {@code --law auto}, used when it is a candidate
     * @param lawTolerance   how much worse than the best the preferred law may score and still be taken
     * @param maxBreaks      the most breaks bnsl:auto tries
     */
    public record Options(RollingOrigin.Options rolling, double breakTolerance, String prefer, double lawTolerance,
            int maxBreaks, int threads) {
        public static Options defaults(double horizon) {
            return new Options(RollingOrigin.Options.defaults(horizon), 0.5, "rectified", 0.25, 4, 1);
        }

        /** The same, scoring the candidates on {@code t} threads (the result does not change). */
        public Options withThreads(int t) {
            return new Options(rolling, breakTolerance, prefer, lawTolerance, maxBreaks, Math.max(1, t));
        }
    }

    /** The fit of the chosen candidate on all training points, and every candidate's score. */
    public record Outcome(Fit fit, String chosen, List<ModelChoice.Scored> scored) {
    }

    /**
     * Chooses the number of breaks in 0..maxBreaks and fits it. When there are too few points for
     * rolling-origin validation, fits {@code fallback} (e.g. {@code bnsl:1}) if the user named one,
     * and otherwise fails saying how many points are needed.
     */
    public static Outcome breaks(Series train, FitOptions base, Options o, String fallback) {
        checkNames(base.lawOptions(), List.of("bnsl:auto"), o.maxBreaks());
        BnslFitter.checkFittable(train, base.objective());
        List<Candidate> family = bnslFamily(base, o.maxBreaks());
        List<ModelChoice.Scored> scored = scoreOrInfinite(train, family, o);
        if (scored.stream().noneMatch(x -> Double.isFinite(x.score()))) {
            int need = RollingOrigin.pointsNeeded(family.get(0).parameters(), o.rolling());
            InputException e = new InputException(train.source() + ": series '" + train.name() + "': cannot choose the breaks: "
                    + (need > train.size() ? "rolling-origin validation needs at least " + need + " training points, got " + train.size()
                    : "every candidate failed to fit at some cut"));
            return fallback(train, e, fallback, base, base.lawOptions(), base.xOffset());
        }
        ModelChoice.Result r = ModelChoice.pick(scored, o.breakTolerance());
        Candidate c = r.choice();
        return new Outcome(c.fitter().apply(train), c.name(), r.scored());
    }

    private static Outcome fallback(Series train, InputException why, String fallback, FitOptions base,
            LawFitOptions lawOptions, double shift) {
        if (fallback == null || !why.getMessage().contains("training points")) {
            throw new InputException(why.getMessage() + (fallback == null && why.getMessage().contains("training points")
                    ? " (or name a law to fit instead with --fallback)" : ""));
        }
        Candidate c = candidate(fallback, base, lawOptions, shift);
        return new Outcome(c.fitter().apply(train), c.name() + " (fallback: too few points to validate)", List.of(
                new ModelChoice.Scored(c, Double.NaN, "too few points for rolling-origin validation")));
    }

    /**
     * Chooses among named candidates ({@code bnsl:auto}, {@code bnsl:N} or any law of one variable)
     * and fits the choice. {@code lawOptions} (loss, penalty, fixes, bounds, inits) go to every
     * candidate, BNSL included; a fixed, bounded or initialised parameter applies to the candidates
     * that have it, and must belong to at least one.
     */
    public static Outcome laws(Series train, List<String> names, FitOptions bnslBase, LawFitOptions lawOptions, Options o,
            String fallback) {
        checkNames(lawOptions, names, o.maxBreaks());
        BnslFitter.checkFittable(train, bnslBase.objective());
        double shift = bnslBase.xOffset() > 0 ? bnslBase.xOffset() : autoShift(train);
        FitOptions shifted = bnslBase.withXOffset(shift).withLawOptions(lawOptions);
        List<Candidate> all = new ArrayList<>();
        for (String name : names) {
            if (name.equals("bnsl:auto")) {
                all.addAll(bnslFamily(shifted, o.maxBreaks()));
            } else {
                all.add(candidate(name, shifted, lawOptions, shift));
            }
        }
        List<ModelChoice.Scored> scores = scoreOrInfinite(train, all, o);
        List<ModelChoice.Scored> reps = new ArrayList<>();
        List<Candidate> chosenIn = new ArrayList<>();
        int at = 0;
        for (String name : names) {
            if (name.equals("bnsl:auto")) {
                List<ModelChoice.Scored> s = scores.subList(at, at + o.maxBreaks() + 1);
                at += o.maxBreaks() + 1;
                ModelChoice.Result r = ModelChoice.pick(s, o.breakTolerance());
                Candidate c = r.choice();
                reps.add(new ModelChoice.Scored(new Candidate("bnsl:auto", c.parameters(), c.fitter()),
                        r.chosenScore(), r.scored().get(r.chosen()).error()));
                chosenIn.add(c);
            } else {
                reps.add(scores.get(at));
                chosenIn.add(all.get(at));
                at++;
            }
        }
        double best = Double.POSITIVE_INFINITY;
        for (ModelChoice.Scored s : reps) best = Math.min(best, s.score());
        if (!Double.isFinite(best)) {
            int need = Integer.MAX_VALUE;
            for (Candidate c : chosenIn) need = Math.min(need, RollingOrigin.pointsNeeded(c.parameters(), o.rolling()));
            InputException e = new InputException(train.source() + ": series '" + train.name() + "': cannot choose a law: "
                    + "rolling-origin validation needs at least " + need + " training points, got " + train.size());
            if (need <= train.size()) {
                throw new InputException(train.source() + ": series '" + train.name()
                        + "': cannot choose a law: every candidate failed to fit at some cut");
            }
            return fallback(train, e, fallback, shifted, lawOptions, shift);
        }
        int chosen = 0;
        for (int i = 1; i < reps.size(); i++) {
            if (reps.get(i).score() < reps.get(chosen).score()) chosen = i;
        }
        for (int i = 0; i < reps.size(); i++) {
            if (reps.get(i).candidate().name().equals(o.prefer()) && reps.get(i).score() <= (1 + o.lawTolerance()) * best) {
                chosen = i;
            }
        }
        Candidate inner = chosenIn.get(chosen);
        String label = reps.get(chosen).candidate().name().equals("bnsl:auto") ? "bnsl:auto (" + inner.name() + ")" : inner.name();
        return new Outcome(inner.fitter().apply(train), label, reps);
    }

    /** Every candidate's score, in order, on {@code o.threads()} threads; unscorable ones score +∞ with the reason. */
    private static List<ModelChoice.Scored> scoreOrInfinite(Series train, List<Candidate> cs, Options o) {
        List<Object> scores = RollingOrigin.scoreAll(train, cs, o.rolling(), o.threads());
        List<ModelChoice.Scored> out = new ArrayList<>(cs.size());
        for (int i = 0; i < cs.size(); i++) {
            if (scores.get(i) instanceof RollingOrigin.Score s) {
                out.add(new ModelChoice.Scored(cs.get(i), s.value(), Double.isFinite(s.value()) ? null : "a fit failed at some cut"));
            } else {
                out.add(new ModelChoice.Scored(cs.get(i), Double.POSITIVE_INFINITY, (String) scores.get(i)));
            }
        }
        return out;
    }

    /** bnsl:0 … bnsl:max, fewest breaks first, each with the law options of the parameters it has. */
    static List<Candidate> bnslFamily(FitOptions base, int max) {
        List<Candidate> c = new ArrayList<>();
        for (int n = 0; n <= max; n++) {
            FitOptions o = bnslOptions(base, n);
            c.add(new Candidate("bnsl:" + n, 3 + 3 * n, s -> BnslFitter.fit(s, o)));
        }
        return c;
    }

    /** {@code base} with n breaks, keeping the fixes, bounds and inits of the parameters it has. */
    private static FitOptions bnslOptions(FitOptions base, int n) {
        return base.withBreaks(n).withLawOptions(base.lawOptions().restrictedTo(Bnsl.withBreaks(n).parameters()));
    }

    /**
     * Every parameter the user fixed, bounded or initialised must belong to at least one candidate.
     *
     * @throws InputException naming the first that belongs to none
     */
    static void checkNames(LawFitOptions lawOptions, List<String> names, int maxBreaks) {
        if (lawOptions.names().isEmpty()) {
            return;
        }
        java.util.Set<String> all = new java.util.LinkedHashSet<>();
        for (String name : names) {
            String n = name.trim().toLowerCase(Locale.ROOT);
            if (n.equals("bnsl:auto")) {
                all.addAll(Bnsl.withBreaks(maxBreaks).parameters());
            } else {
                candidate(n, FitOptions.breaks(0), LawFitOptions.defaults(), 0); // a bad name fails here, with its message
                all.addAll(n.startsWith("bnsl:") ? Bnsl.withBreaks(Integer.parseInt(n.substring(5))).parameters()
                        : Laws.byName(n).parameters());
            }
        }
        for (String p : lawOptions.names()) {
            if (!all.contains(p)) {
                String what = lawOptions.fixed().containsKey(p) ? "--fix" : lawOptions.bounds().containsKey(p) ? "--bound" : "--init";
                throw new InputException(what + " " + p + ": no candidate has a parameter '" + p + "'; the candidates "
                        + names + " have " + all);
            }
        }
    }

    /**
     * The candidate called {@code name}.
     *
     * @throws InputException when it is not a law of one variable
     */
    public static Candidate candidate(String name, FitOptions bnslBase, LawFitOptions lawOptions, double shift) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        if (n.startsWith("bnsl:")) {
            String k = n.substring(5);
            int breaks;
            try {
                breaks = Integer.parseInt(k);
            } catch (NumberFormatException e) {
                throw new InputException("candidate '" + name + "': expected bnsl:auto or bnsl:N with N in 0..4");
            }
            if (breaks < 0 || breaks > 4) {
                throw new InputException("candidate '" + name + "': breaks must be between 0 and 4");
            }
            FitOptions o = bnslOptions(bnslBase.withLawOptions(lawOptions), breaks);
            return new Candidate(n, 3 + 3 * breaks, s -> BnslFitter.fit(s, o));
        }
        if (n.equals("bnsl")) {
            throw new InputException("candidate 'bnsl': write bnsl:auto or bnsl:N");
        }
        FittableLaw law;
        try {
            law = Laws.byName(n);
        } catch (InputException e) {
            throw new InputException("candidate '" + name + "' is not a law; " + e.getMessage().replace("unknown law '" + n + "'; ", ""));
        }
        if (law.variables().size() != 1) {
            throw new InputException("candidate '" + name + "' takes " + String.join(", ", law.variables())
                    + "; --law auto chooses among laws of one variable");
        }
        LawFitter f = new LawFitter(law, lawOptions.restrictedTo(law.parameters()));
        if (law.allowsZeroX() || shift == 0) {
            return new Candidate(n, law.parameterCount(), f::fit);
        }
        return new Candidate(n, law.parameterCount(), s -> f.fit(s.shiftX(shift)).withXOffset(shift));
    }

    /** 0 when every x is positive; else the smallest positive x (the shift for laws that need x &gt; 0). */
    static double autoShift(Series s) {
        boolean zero = false;
        double minPos = Double.POSITIVE_INFINITY;
        for (int i = 0; i < s.size(); i++) {
            double x = s.x(0, i);
            if (x <= 0) zero = true;
            else minPos = Math.min(minPos, x);
        }
        return zero && Double.isFinite(minPos) ? minPos : 0;
    }

    /** Checks candidate names before any work: each must be bnsl:auto, bnsl:N or a law of one variable. */
    public static void check(List<String> names) {
        if (names.isEmpty()) {
            throw new InputException("--candidates: give at least one law");
        }
        for (String n : names) {
            if (!n.trim().equalsIgnoreCase("bnsl:auto")) {
                candidate(n, FitOptions.breaks(0), LawFitOptions.defaults(), 0);
            }
        }
    }
}
