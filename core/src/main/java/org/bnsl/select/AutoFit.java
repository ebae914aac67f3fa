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
import org.bnsl.law.Committee;
import org.bnsl.law.Bnsl;
import org.bnsl.law.FittableLaw;
import org.bnsl.law.Laws;

/**
 * {@code --breaks auto} and {@code --law auto}.
 * <ul>
 *   <li>{@code --law auto} predicts with the committee median of its candidates ({@link #laws},
 *       {@link Committee}): every candidate is fitted to all the training points and the median of
 *       their log predictions is the forecast; from {@link #TRIM_POINTS} points on, members whose
 *       rolling-origin score is more than {@link #TRIM_FACTOR}× the best are left out. The default
 *       committee is chosen on real curves, leaving one source out ({@link CommitteeTuning},
 *       docs/BENCHMARKS.md "Committee median"). The rules of stop 8 (rolling-origin choice with a
 *       preference for the rectified law), tuned on synthetic curves drawn from the candidates
 *       themselves, lost to fixed laws on real curves.</li>
 *   <li>{@code --breaks auto} chooses the number of breaks by rolling-origin score (see
 *       {@link RollingOrigin}): the fewest whose score is within a factor 1.5 of the best BNSL score
 *       (a new break must earn its place).</li>
 * </ul>
 * For {@code --breaks auto}, laws that need x &gt; 0 are fitted in x + S when the data has points at
 * x = 0: S is the user's {@code --x-offset}, or else the smallest positive x.
 */
public final class AutoFit {
    /**
     * The committee of {@code --law auto} unless {@code --candidates} says otherwise: the one of 3 to
     * 6 members of the pool power, offset-power, m2, m3, m4, rectified, vit, sigmoid, bnsl:0–2 with
     * the lowest geometric mean over the development corpus's four sources of the median holdout
     * RMSLE ({@link CommitteeTuning}; {@code bnsl bench --corpus DIR --loso} on that corpus, which
     * also reports each source with the committee chosen without it).
     */
    public static final List<String> DEFAULT_CANDIDATES = List.of("power", "m3", "sigmoid", "bnsl:1", "bnsl:2");

    private AutoFit() {
    }

    /**
     * @param rolling        the rolling-origin scheme (its horizon also places auto's probe of each
     *                       member: a member undefined at the horizon is left out)
     * @param breakTolerance a break is added only if it lowers the score by more than this factor
     * @param maxBreaks      the most breaks {@code --breaks auto} tries
     * @param threads        threads for the candidates of one curve (the result does not change)
     */
    public record Options(RollingOrigin.Options rolling, double breakTolerance, int maxBreaks, int threads) {
        public static Options defaults(double horizon) {
            return new Options(RollingOrigin.Options.defaults(horizon), 0.5, 4, 1);
        }

        /** The same, scoring the candidates on {@code t} threads (the result does not change). */
        public Options withThreads(int t) {
            return new Options(rolling, breakTolerance, maxBreaks, Math.max(1, t));
        }
    }

    /** The fit of the chosen candidate on all training points, and every candidate's score. */
    public record Outcome(Fit fit, String chosen, List<ModelChoice.Scored> scored) {
        /** Whether the candidate called {@code name} is the choice, or a member of the committee that was. */
        public boolean picked(String name) {
            if (fit.law() instanceof Committee c) {
                return c.labels().contains(name);
            }
            return name.equals(chosen) || chosen.startsWith(name + " ");
        }
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
     * {@code --law auto}: the committee median of the named candidates ({@link Committee}). Every
     * candidate with no more parameters than there are training points is fitted to all of them
     * ({@code bnsl:auto} stands for bnsl:0, bnsl:1 and bnsl:2); a member whose fit fails, or whose
     * prediction is undefined at the largest training x or at the horizon, is left out with the
     * reason. One member left is returned as it is; two or more make a {@link Committee}. No
     * rolling-origin score is needed, so a curve of 2 points gets an answer (the power law), and a
     * curve of 3 gets a committee of power and m3.
     *
     * <p>Measured on the development corpus (2,537 real curves, four sources, docs/BENCHMARKS.md):
     * the median of distinct shapes beats every single law and every score-based choice tried,
     * leave one source out; picking by rolling-origin score lost to fixed laws on real curves.
     *
     * <p>{@code lawOptions} (loss, penalty, fixes, bounds, inits) go to every candidate, BNSL
     * included; a fixed, bounded or initialised parameter applies to the candidates that have it, and
     * must belong to at least one.
     *
     * @throws InputException when no candidate can be fitted and no fallback is named
     */
    public static Outcome laws(Series train, List<String> names, FitOptions bnslBase, LawFitOptions lawOptions, Options o,
            String fallback) {
        // A member that needs x > 0 is fitted to the points with x > 0 (unless the user shifts x) and
        // held at its value at the smallest of them below it: see Committee.of.
        checkNames(lawOptions, names, COMMITTEE_BREAKS);
        BnslFitter.checkFittable(train, bnslBase.objective());
        double shift = bnslBase.xOffset();
        FitOptions shifted = bnslBase.withXOffset(shift).withLawOptions(lawOptions);
        double lowest = shift > 0 ? 0 : autoShift(train);
        List<Candidate> all = new ArrayList<>();
        for (String name : names) {
            if (name.trim().equalsIgnoreCase("bnsl:auto")) {
                all.addAll(bnslFamily(shifted, COMMITTEE_BREAKS));
            } else {
                all.add(candidate(name, shifted, lawOptions, shift));
            }
        }
        boolean rising = bnslBase.direction() == org.bnsl.fit.Direction.UP
                || (bnslBase.direction() == org.bnsl.fit.Direction.AUTO && rises(train));
        double[] lows = new double[all.size()];
        for (int i = 0; i < all.size(); i++) {
            if (lowest > 0 && !allowsZeroX(all.get(i).name())) {
                Candidate c = all.get(i);
                all.set(i, new Candidate(c.name(), c.parameters(), s -> c.fitter().apply(positive(s))));
                lows[i] = lowest;
            }
        }
        double xMax = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < train.size(); i++) xMax = Math.max(xMax, train.x(0, i));
        double[] probe = {xMax, xMax * o.rolling().horizon()};
        int usable = positive(train).size();
        List<Object> fits = org.bnsl.fit.Parallel.map(java.util.stream.IntStream.range(0, all.size()).boxed().toList(),
                i -> rising && FALLING_ONLY.contains(all.get(i).name())
                        ? all.get(i).name() + " falls with x by construction; the metric rises"
                        : member(train, all.get(i), lows[i] > 0 ? usable : train.size(), probe), o.threads());
        List<ModelChoice.Scored> scored = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        List<Fit> members = new ArrayList<>();
        List<Double> memberLows = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            Object f = fits.get(i);
            if (f instanceof Fit fit) {
                labels.add(all.get(i).name());
                members.add(fit);
                memberLows.add(lows[i]);
                scored.add(new ModelChoice.Scored(all.get(i), Double.NaN, null));
            } else {
                scored.add(new ModelChoice.Scored(all.get(i), Double.NaN, (String) f));
            }
        }
        int fitted = members.size();
        if (members.size() > 1 && train.size() >= TRIM_POINTS) {
            trim(train, all, scored, labels, members, memberLows, o, bnslBase, lawOptions);
        }
        if (members.isEmpty() && !names.contains("power") && train.size() >= 2) {
            // the last resort: the plain power law fits any two points with distinct x
            Object f = member(train, candidate("power", shifted, lawOptions, shift), usable, probe);
            if (f instanceof Fit fit) {
                return new Outcome(fit, "power (no candidate could be fitted: " + scored.get(0).error() + ")", scored);
            }
        }
        if (members.isEmpty()) {
            InputException e = new InputException(train.source() + ": series '" + train.name() + "': cannot fit any candidate of --law auto"
                    + " with " + train.size() + " training points (the power law needs 2): " + scored.get(0).error());
            if (fallback == null) {
                throw e;
            }
            Candidate c = candidate(fallback, shifted, lawOptions, shift);
            return new Outcome(c.fitter().apply(train), c.name() + " (fallback: no candidate could be fitted)", scored);
        }
        String why = fitted > members.size() ? "the only member within " + org.bnsl.Numbers.format(TRIM_FACTOR)
                + "x of the best rolling-origin score" : "the only candidate that could be fitted";
        if (members.size() == 1 && memberLows.get(0) == 0) {
            return new Outcome(members.get(0), labels.get(0) + " (" + why + ")", scored);
        }
        if (members.size() == 1) {
            return new Outcome(committee(train, labels, members, memberLows), "committee of " + labels.get(0) + " (" + why
                    + "; held at its value at the smallest x > 0 below it)", scored);
        }
        return new Outcome(committee(train, labels, members, memberLows), "committee median of " + String.join(", ", labels), scored);
    }

    /**
     * From this many training points on, members whose rolling-origin score is more than
     * {@link #TRIM_FACTOR} times the best member's are left out of the committee. Short curves
     * give cuts too short to rank laws (on the corpus, trimming curves of 6–9 points made the
     * median worse on every source); long ones rank them well (Spearman 0.69–0.95 on 72 vision
     * curves of about 65 points, issue 11). The factor 2 is that study's "median of the candidates
     * within 2× of the best"; neither constant was tuned on the corpus.
     */
    static final int TRIM_POINTS = 10;
    static final double TRIM_FACTOR = 2;

    /** Scores the members by rolling origin and leaves out those beyond TRIM_FACTOR × the best (in place). */
    private static void trim(Series train, List<Candidate> all, List<ModelChoice.Scored> scored, List<String> labels,
            List<Fit> members, List<Double> memberLows, Options o, FitOptions bnslBase, LawFitOptions lawOptions) {
        List<Candidate> cs = new ArrayList<>();
        for (String l : labels) {
            for (Candidate c : all) if (c.name().equals(l)) cs.add(c);
        }
        // cuts warm-started from each member's fit on all points (a member held above 0 sees x > 0 only)
        Series positives = positive(train);
        List<Object> scores = org.bnsl.fit.Parallel.map(java.util.stream.IntStream.range(0, cs.size()).boxed().toList(), i -> {
            try {
                Series data = memberLows.get(i) > 0 ? positives : train;
                return (Object) RollingOrigin.scoreWarm(data, cs.get(i), members.get(i),
                        memberRefit(members.get(i).law(), bnslBase, lawOptions, members.get(i).xOffset(), false), o.rolling());
            } catch (InputException e) {
                return e.getMessage();
            }
        }, o.threads());
        double best = Double.POSITIVE_INFINITY;
        for (Object s : scores) if (s instanceof RollingOrigin.Score r) best = Math.min(best, r.value());
        if (!Double.isFinite(best)) {
            return;
        }
        for (int i = cs.size() - 1; i >= 0; i--) {
            double v = scores.get(i) instanceof RollingOrigin.Score r ? r.value() : Double.NaN;
            int at = all.indexOf(cs.get(i));
            boolean out = !(v <= TRIM_FACTOR * best);
            scored.set(at, new ModelChoice.Scored(cs.get(i), v, out
                    ? "left out: rolling-origin score " + (Double.isFinite(v) ? org.bnsl.Numbers.format(v, 3) : "—")
                            + " is more than " + org.bnsl.Numbers.format(TRIM_FACTOR) + "× the best" : null));
            if (out) {
                labels.remove(i);
                members.remove(i);
                memberLows.remove(i);
            }
        }
    }

    /** The breaks bnsl:auto stands for in a committee: 0, 1 and 2 (more rarely fit the short curves of the corpus). */
    static final int COMMITTEE_BREAKS = 2;

    /** One candidate fitted to every training point, or the reason it cannot be a member. */
    private static Object member(Series train, Candidate c, int points, double[] probe) {
        if (c.parameters() > points) {
            return c.parameters() + " parameters for " + points + " training points" + (points < train.size() ? " with x > 0" : "");
        }
        Fit fit;
        try {
            fit = c.fitter().apply(train);
        } catch (InputException | ArithmeticException | IllegalStateException e) {
            return "the fit failed: " + e.getMessage();
        }
        for (double x : probe) {
            double v = fit.predict(x);
            if (!(v > 0) || !Double.isFinite(v)) {
                return "its prediction at x = " + org.bnsl.Numbers.format(x) + " is " + v;
            }
        }
        return fit;
    }

    /** The committee of fitted members as one {@link Fit}; its loss is the objective of the median on the training points. */
    static Fit committee(Series train, List<String> labels, List<Fit> members, List<Double> lows) {
        List<org.bnsl.law.Law> laws = new ArrayList<>();
        double[] shifts = new double[members.size()];
        int count = 0;
        int starts = 0;
        int evaluations = 0;
        for (int i = 0; i < members.size(); i++) {
            laws.add(members.get(i).law());
            shifts[i] = members.get(i).xOffset();
            count += members.get(i).law().parameterCount();
            starts += members.get(i).starts();
            evaluations += members.get(i).evaluations();
        }
        double[] p = new double[count];
        int at = 0;
        for (Fit m : members) {
            double[] mp = m.parameters();
            System.arraycopy(mp, 0, p, at, mp.length);
            at += mp.length;
        }
        double[] lowest = new double[lows.size()];
        for (int i = 0; i < lowest.length; i++) lowest[i] = lows.get(i);
        Committee law = Committee.of(labels, laws, shifts, lowest);
        org.bnsl.fit.Objective objective = members.get(0).objective();
        double loss = 0;
        for (int i = 0; i < train.size(); i++) {
            double r = objective.transform(law.value(p, train.point(i))) - objective.transform(train.y(i));
            loss += train.weight(i) * r * r;
        }
        return new Fit(law, p, objective, loss, train.size(), starts, evaluations,
                "committee median of " + members.size() + " fitted laws", 0, members.get(0).lossFunction());
    }

    /**
     * How a bootstrap resample refits a committee: each member is refitted from its own fit with
     * its own fitter, then the committee is put together again.
     */
    public static org.bnsl.uncertainty.Refit committeeRefit(FitOptions bnslBase, LawFitOptions lawOptions) {
        return (resample, start) -> {
            Committee c = (Committee) start.law();
            double[] p = start.parameters();
            List<Fit> refitted = new ArrayList<>();
            for (int i = 0; i < c.members().size(); i++) {
                org.bnsl.law.Law m = c.members().get(i);
                double s = c.shift(i);
                Fit from = new Fit(m, c.memberParameters(p, i), start.objective(), Double.NaN, start.points(), 1, 0,
                        "start", s, start.lossFunction());
                refitted.add(memberRefit(m, bnslBase, lawOptions, s, c.lowest(i) > 0).refit(resample, from));
            }
            List<Double> lows = new ArrayList<>();
            for (int i = 0; i < c.members().size(); i++) lows.add(c.lowest(i));
            return committee(resample, c.labels(), refitted, lows);
        };
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
            throw new InputException("candidate " + org.bnsl.data.Table.quote(name) + " is not a law; "
                    + e.getMessage().replace("unknown law " + org.bnsl.data.Table.quote(n) + "; ", ""));
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

    /** Laws that fall with x for every admissible parameter vector (see their domains): no member for a rising metric. */
    public static final java.util.Set<String> FALLING_ONLY = java.util.Set.of("rectified", "vit", "m3");

    /** Whether y rises with x: the sign of the least-squares slope of y against ln x, as {@code Direction.AUTO} decides. */
    static boolean rises(Series s) {
        double mx = 0;
        double my = 0;
        int n = 0;
        for (int i = 0; i < s.size(); i++) {
            if (s.x(0, i) > 0) {
                mx += Math.log(s.x(0, i));
                my += s.y(i);
                n++;
            }
        }
        if (n < 2) return false;
        mx /= n;
        my /= n;
        double sxy = 0;
        for (int i = 0; i < s.size(); i++) {
            if (s.x(0, i) > 0) sxy += (Math.log(s.x(0, i)) - mx) * (s.y(i) - my);
        }
        return sxy > 0;
    }

    /**
     * How a bootstrap resample refits {@code fit}, warm-started from it: a committee member by
     * member, a BNSL by its polish, another law by one Levenberg–Marquardt run, each in the fit's
     * shift of x and with the law options of the parameters it has.
     */
    public static org.bnsl.uncertainty.Refit refit(Fit fit, FitOptions bnslBase, LawFitOptions lawOptions) {
        if (fit.law() instanceof Committee) {
            return committeeRefit(bnslBase.withXOffset(0), lawOptions);
        }
        return memberRefit(fit.law(), bnslBase, lawOptions, fit.xOffset(), false);
    }

    /**
     * How one member is refitted from a start: BNSL by its polish, other laws by one
     * Levenberg–Marquardt run, in the member's shift of x and, when {@code positiveOnly}, on the
     * points with x &gt; 0.
     */
    static org.bnsl.uncertainty.Refit memberRefit(org.bnsl.law.Law m, FitOptions bnslBase, LawFitOptions lawOptions, double shift,
            boolean positiveOnly) {
        if (m instanceof org.bnsl.law.Bnsl b) {
            FitOptions fo = bnslOptions(bnslBase.withLawOptions(lawOptions), b.breaks()).withXOffset(shift);
            return (data, from) -> BnslFitter.refit(positiveOnly ? positive(data) : data, fo, from);
        }
        LawFitter lf = new LawFitter((FittableLaw) m, lawOptions.restrictedTo(m.parameters()));
        return (data, from) -> {
            Series d = positiveOnly ? positive(data) : data;
            return shift == 0 ? lf.refit(d, from) : lf.refit(d.shiftX(shift), from.withXOffset(0)).withXOffset(shift);
        };
    }

    /** Whether the candidate called {@code name} is defined at x = 0 (the rectified law is; BNSL and power laws are not). */
    static boolean allowsZeroX(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        return !n.startsWith("bnsl") && Laws.byName(n).allowsZeroX();
    }

    /** The points with x &gt; 0 (the series itself when there is no other). */
    static Series positive(Series s) {
        boolean[] keep = new boolean[s.size()];
        boolean all = true;
        for (int i = 0; i < keep.length; i++) {
            keep[i] = s.x(0, i) > 0;
            all &= keep[i];
        }
        return all ? s : s.select(keep);
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
