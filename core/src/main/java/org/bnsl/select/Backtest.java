package org.bnsl.select;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.function.IntConsumer;
import java.util.function.ToDoubleFunction;

import org.bnsl.InputException;
import org.bnsl.data.Series;
import org.bnsl.fit.Direction;
import org.bnsl.fit.Fit;
import org.bnsl.fit.FitOptions;
import org.bnsl.fit.LawFitOptions;
import org.bnsl.fit.Objective;
import org.bnsl.fit.Parallel;
import org.bnsl.uncertainty.Bootstrap;
import org.bnsl.uncertainty.BootstrapResult;
import org.bnsl.uncertainty.PredictionInterval;
import org.bnsl.uncertainty.Quantiles;
import org.bnsl.uncertainty.Refit;

/**
 * Which law extrapolates best on curves like these? For every curve (a {@link Task}: a fit/holdout
 * split), each candidate and a choice rule (today {@code --law auto}) are fitted on the fit points
 * and scored on the held-out points by holdout RMSLE ({@link Metrics#rmsle}). Per method: median,
 * 90th percentile (type 7) and worst RMSLE, and how often it is the best candidate (ties, within
 * {@link #TIE}, count for each); the oracle is the per-curve minimum over the candidates. With a
 * bootstrap, the coverage of the rule's prediction intervals is the fraction of held-out points
 * inside them.
 *
 * <p>A fit that fails, or whose holdout predictions are not finite positive numbers, is a
 * {@link Failure} (curve, method, reason), never dropped silently; summaries are over the curves a
 * method scored, with the failures counted beside them. Curves run in parallel; each method fits
 * on one thread, so results do not depend on the thread count.
 *
 * <p>Rising metrics ({@link Direction#UP}): BNSL fits them as rising; laws that fall with x by
 * construction (rectified: A, B &gt; 0, α &gt; 0; vit: b &gt; 0, d ≥ 0; m3: β &gt; 0, c ≥ 0)
 * fail with that reason. The other laws fit y as it is (m1, m2, m4, power, offset-power and
 * sigmoid rise when their exponent or slope changes sign); nothing fits 1 − y.
 */
public final class Backtest {
    /** Laws that fall with x for every admissible parameter vector (see their domains). */
    static final Set<String> FALLING_ONLY = AutoFit.FALLING_ONLY;

    /**
     * Two RMSLEs within this relative distance are a tie for "best": near-duplicate laws (m2,
     * offset-power, bnsl:0) often reach the same curve and differ only in the optimiser's last digits.
     */
    public static final double TIE = 1e-3;

    private Backtest() {
    }

    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();

    /**
     * This thread's CPU time in ns (wall time where the JVM cannot measure it): fitting times stay
     * meaningful on a machine shared with other work.
     */
    private static long cpu() {
        return THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : System.nanoTime();
    }

    static boolean isBest(double rmsle, double oracle) {
        return rmsle <= oracle * (1 + TIE);
    }

    /**
     * One curve to score.
     *
     * @param name      the curve's name
     * @param split     the fit points and the held-out points (null when {@code error} is set)
     * @param direction which way the metric improves: DOWN (loss), UP (accuracy) or AUTO (unknown)
     * @param unusable  points dropped before the split because they cannot be scored (y ≤ 0)
     * @param error     why the whole curve cannot be scored, or null
     */
    public record Task(String name, Holdout split, Direction direction, int unusable, String error) {
        public static Task of(Holdout split, Direction direction, int unusable) {
            return new Task(split.train().name(), split, direction, unusable, null);
        }

        public static Task failed(String name, int unusable, String error) {
            return new Task(name, null, Direction.AUTO, unusable, error);
        }

        public Series train() { return split.train(); }
    }

    /** A candidate: a name and how it fits a curve's fit points (it may read the task's direction). */
    public record Method(String name, Function<Task, Fit> fitter) {
    }

    /**
     * What a choice rule gives for one curve: a label naming its pick, a prediction at any x, and
     * the fit it predicts with (null when it combines several, so no bootstrap applies).
     */
    public record Choice(String pick, Fit fit, ToDoubleFunction<double[]> predictor) {
        public static Choice of(String pick, Fit fit) {
            return new Choice(pick, fit, fit::predict);
        }
    }

    /**
     * A choice rule: from the curve and every candidate's result on it, its answer. It must look
     * only at {@link Scored#fit()} and the training points, never at the holdout.
     */
    @FunctionalInterface
    public interface Rule {
        Choice choose(Task task, List<Scored> candidates);
    }

    /**
     * One method on one curve.
     *
     * @param pick      what a rule chose (the candidate's own name for a candidate)
     * @param fit       the fit on the fit points, or null (failed, or a combination)
     * @param predicted the predictions at the held-out points, in order (empty when failed)
     * @param rmsle     holdout RMSLE, NaN when failed
     * @param error     why it failed, or null
     * @param nanos     CPU time spent fitting, on one thread
     */
    public record Scored(String name, String pick, Fit fit, double[] predicted, double rmsle, String error, long nanos) {
        public boolean ok() { return error == null; }
    }

    /** A named failure: which curve, which method, and why. */
    public record Failure(String curve, String method, String reason) {
    }

    /**
     * One curve's outcome.
     *
     * @param candidates each candidate, in the order given
     * @param rule       the rule's outcome (null when no rule was run or the curve failed)
     * @param oracle     the lowest candidate RMSLE (NaN when none scored)
     * @param inside     held-out points inside the rule's prediction interval (with a bootstrap)
     * @param covered    held-out points whose interval was computed (0 without a bootstrap)
     */
    public record CurveResult(Task task, List<Scored> candidates, Scored rule, double oracle, int inside, int covered) {
        public String name() { return task.name(); }

        /** The candidates within {@link #TIE} of the oracle (ties all count). */
        public List<String> best() {
            List<String> b = new ArrayList<>();
            for (Scored s : candidates) {
                if (s.ok() && isBest(s.rmsle(), oracle)) b.add(s.name());
            }
            return b;
        }

        /** Fraction of held-out points inside the rule's interval; NaN without a bootstrap. */
        public double coverage() { return covered == 0 ? Double.NaN : (double) inside / covered; }
    }

    /** How one method did over many curves. */
    public record Summary(String name, int scored, int failed, double median, double p90, double worst, int bestCount,
            double seconds) {
    }

    /** Summaries over a set of curves: candidates in order, then the rule, then the oracle. */
    public record Report(List<CurveResult> curves, List<Summary> methods, List<Failure> failures, int unusable, int inside,
            int covered) {
        /** Pooled coverage of the rule's intervals; NaN without a bootstrap. */
        public double coverage() { return covered == 0 ? Double.NaN : (double) inside / covered; }

        public Summary method(String name) {
            for (Summary s : methods) {
                if (s.name().equals(name)) return s;
            }
            throw new IllegalArgumentException("no method " + name);
        }
    }

    /**
     * The candidate called {@code name} (as {@link AutoFit} knows it: {@code bnsl:N},
     * {@code bnsl:auto} or a law of one variable), fitted in {@code space} with one thread. Laws
     * that need x &gt; 0 are fitted in x + S when the data has x = 0, as in {@code --law auto}.
     *
     * @throws InputException when the name is not a candidate
     */
    public static Method candidate(String name, Objective space) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        if (!n.equals("bnsl:auto")) {
            AutoFit.check(List.of(n));
        }
        LawFitOptions lawOptions = LawFitOptions.builder().space(space).build();
        return new Method(n, task -> {
            Series train = task.train();
            if (task.direction() == Direction.UP && FALLING_ONLY.contains(n)) {
                throw new InputException(n + " falls with x by construction; it cannot fit a rising metric");
            }
            double shift = AutoFit.autoShift(train);
            FitOptions base = new FitOptions(0, space, task.direction(), shift);
            if (n.equals("bnsl:auto")) {
                return AutoFit.breaks(train, base, autoOptions(task), null).fit();
            }
            return AutoFit.candidate(n, base, lawOptions, shift).fitter().apply(train);
        });
    }

    /** The candidates named, in order. */
    public static List<Method> candidates(List<String> names, Objective space) {
        List<Method> out = new ArrayList<>();
        for (String n : names) out.add(candidate(n, space));
        return out;
    }

    /** {@code --law auto} as it is today ({@link AutoFit#laws}) over {@code names}, on one thread. */
    public static Rule auto(List<String> names, Objective space) {
        AutoFit.check(names);
        LawFitOptions lawOptions = LawFitOptions.builder().space(space).build();
        return (task, ignored) -> {
            FitOptions base = new FitOptions(0, space, task.direction(), 0);
            AutoFit.Outcome o = AutoFit.laws(task.train(), names, base, lawOptions, autoOptions(task), null);
            return Choice.of(o.chosen(), o.fit());
        };
    }

    private static AutoFit.Options autoOptions(Task task) {
        return AutoFit.Options.defaults(Extrapolation.horizon(task.split(), 2)).withThreads(1);
    }

    /**
     * Runs every curve: each candidate, then the rule (named {@code ruleName}; none when null), and
     * the bootstrap of the rule's fit when {@code boot} is given (its thread count is ignored: one
     * per curve). Curves run on {@code threads} threads; {@code done} hears each finished curve.
     */
    public static List<CurveResult> run(List<Task> tasks, List<Method> candidates, String ruleName, Rule rule,
            Bootstrap boot, int threads, IntConsumer done) {
        Bootstrap b1 = boot == null ? null : boot.withThreads(1);
        List<CurveResult> out = new ArrayList<>(tasks.size());
        Parallel.stream(tasks, t -> curve(t, candidates, ruleName, rule, b1), threads, 4 * threads, (i, r) -> {
            out.add(r);
            if (done != null) done.accept(i);
        });
        return out;
    }

    static CurveResult curve(Task task, List<Method> candidates, String ruleName, Rule rule, Bootstrap boot) {
        if (task.error() != null) {
            return new CurveResult(task, List.of(), null, Double.NaN, 0, 0);
        }
        List<Scored> scored = new ArrayList<>(candidates.size());
        double oracle = Double.POSITIVE_INFINITY;
        for (Method m : candidates) {
            long t0 = cpu();
            Fit fit;
            try {
                fit = m.fitter().apply(task);
            } catch (InputException e) {
                scored.add(failed(m.name(), reason(e, task), cpu() - t0));
                continue;
            } catch (RuntimeException e) {
                scored.add(failed(m.name(), "internal error: " + e, cpu() - t0));
                continue;
            }
            Scored s = score(task, m.name(), m.name(), fit, fit::predict, cpu() - t0);
            scored.add(s);
            if (s.ok()) oracle = Math.min(oracle, s.rmsle());
        }
        if (rule == null) {
            return new CurveResult(task, List.copyOf(scored), null, Double.isFinite(oracle) ? oracle : Double.NaN, 0, 0);
        }
        long t0 = cpu();
        Scored r;
        Choice c = null;
        try {
            c = rule.choose(task, List.copyOf(scored));
            r = score(task, ruleName, c.pick(), c.fit(), c.predictor(), cpu() - t0);
        } catch (InputException e) {
            r = failed(ruleName, reason(e, task), cpu() - t0);
        } catch (RuntimeException e) {
            r = failed(ruleName, "internal error: " + e, cpu() - t0);
        }
        int inside = 0;
        int covered = 0;
        if (boot != null && r.ok() && c.fit() != null) {
            BootstrapResult br = boot.run(task.train(), c.fit(), refit(c.fit(), task.direction()));
            Series h = task.split().holdout();
            for (int i = 0; i < h.size(); i++) {
                PredictionInterval pi = br.predict(h.point(i));
                if (Double.isFinite(pi.lo()) && Double.isFinite(pi.hi())) {
                    covered++;
                    if (pi.contains(h.y(i))) inside++;
                }
            }
        }
        return new CurveResult(task, List.copyOf(scored), r, Double.isFinite(oracle) ? oracle : Double.NaN, inside, covered);
    }

    /** A bootstrap refit warm-started from {@code fit}, in its law, space, direction and shift. */
    static Refit refit(Fit fit, Direction d) {
        return AutoFit.refit(fit, new FitOptions(0, fit.objective(), d, 0), LawFitOptions.builder().space(fit.objective()).build());
    }

    private static Scored score(Task task, String name, String pick, Fit fit, ToDoubleFunction<double[]> predictor, long nanos) {
        Series h = task.split().holdout();
        double[] p = new double[h.size()];
        for (int i = 0; i < p.length; i++) {
            p[i] = predictor.applyAsDouble(h.point(i));
            if (!(p[i] > 0) || !Double.isFinite(p[i])) {
                return new Scored(name, pick, fit, p, Double.NaN, "the prediction at held-out x = "
                        + org.bnsl.Numbers.format(h.x(0, i)) + " is " + p[i] + ", not a finite positive number", nanos);
            }
        }
        return new Scored(name, pick, fit, p, Metrics.rmsle(p, h.y()), null, nanos);
    }

    private static Scored failed(String name, String reason, long nanos) {
        return new Scored(name, null, null, new double[0], Double.NaN, reason, nanos);
    }

    /** The message without the "file: series 'name'" prefix the failure record already carries. */
    private static String reason(InputException e, Task task) {
        String m = e.getMessage() == null ? "failed" : e.getMessage();
        String prefix = task.train().source() + ": series '" + task.name() + "'";
        if (!m.startsWith(prefix)) {
            return m;
        }
        String rest = m.substring(prefix.length());
        return rest.startsWith(": ") ? rest.substring(2) : rest.strip();
    }

    /**
     * Summaries over {@code curves}: every candidate in order, then the rule (when {@code ruleName}
     * is not null), then {@code oracle}; the failures named; the unusable points and coverage pooled.
     */
    public static Report summarize(List<CurveResult> curves, List<String> candidateNames, String ruleName) {
        List<Summary> methods = new ArrayList<>();
        List<Failure> failures = new ArrayList<>();
        int unusable = 0;
        int inside = 0;
        int covered = 0;
        for (CurveResult c : curves) {
            unusable += c.task().unusable();
            inside += c.inside();
            covered += c.covered();
            if (c.task().error() != null) {
                failures.add(new Failure(c.name(), "*", c.task().error()));
                continue;
            }
            for (Scored s : c.candidates()) {
                if (!s.ok()) failures.add(new Failure(c.name(), s.name(), s.error()));
            }
            if (c.rule() != null && !c.rule().ok()) failures.add(new Failure(c.name(), c.rule().name(), c.rule().error()));
        }
        for (int k = 0; k < candidateNames.size(); k++) {
            int kk = k;
            methods.add(summary(candidateNames.get(k), curves, c -> c.candidates().isEmpty() ? null : c.candidates().get(kk)));
        }
        if (ruleName != null) {
            methods.add(summary(ruleName, curves, CurveResult::rule));
        }
        List<Double> oracle = new ArrayList<>();
        int oracleCount = 0;
        for (CurveResult c : curves) {
            if (Double.isFinite(c.oracle())) {
                oracle.add(c.oracle());
                oracleCount++;
            }
        }
        double[] o = oracle.stream().mapToDouble(Double::doubleValue).toArray();
        methods.add(stats("oracle", o, curves.size() - o.length, oracleCount, 0));
        return new Report(List.copyOf(curves), List.copyOf(methods), List.copyOf(failures), unusable, inside, covered);
    }

    private static Summary summary(String name, List<CurveResult> curves, Function<CurveResult, Scored> of) {
        double[] v = new double[curves.size()];
        int n = 0;
        int failed = 0;
        int best = 0;
        long nanos = 0;
        for (CurveResult c : curves) {
            Scored s = of.apply(c);
            if (s == null) {
                failed++;
                continue;
            }
            nanos += s.nanos();
            if (!s.ok()) {
                failed++;
                continue;
            }
            v[n++] = s.rmsle();
            if (isBest(s.rmsle(), c.oracle())) best++;
        }
        return stats(name, Arrays.copyOf(v, n), failed, best, nanos / 1e9);
    }

    private static Summary stats(String name, double[] v, int failed, int best, double seconds) {
        double[] s = v.clone();
        Arrays.sort(s);
        return new Summary(name, s.length, failed, Quantiles.ofSorted(s, 0.5), Quantiles.ofSorted(s, 0.9),
                s.length == 0 ? Double.NaN : s[s.length - 1], best, seconds);
    }
}
