package org.bnsl.plan;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;

import org.bnsl.InputException;
import org.bnsl.Numbers;
import org.bnsl.uncertainty.Bootstrap;
import org.bnsl.uncertainty.Quantiles;

/**
 * The densing law (Xiao et al. 2024, "Densing Law of LLMs", arXiv:2412.04315, eq. 3 and §3): a
 * model's <em>effective</em> parameter count N̂ is the size a reference scaling law says would
 * reach its score; its capability density is ρ = N̂/N; and the density of the densest models grows
 * exponentially with the release date, ln ρ_max = A·t + B, so it doubles every ln 2 / A.
 *
 * <p><b>Effective size.</b> N̂ = g(score), where g inverts the reference law (given as a function by
 * the caller: {@link Inverse#solve} for a law of one variable, the compute-optimal N* of
 * {@link ComputeOptimal#budgetFor} for a law in N and D). A model whose score the reference law never
 * reaches (g returns NaN or +∞) has no density and is left out of the fit, and counted.
 *
 * <p><b>The envelope.</b> t is days since the earliest release in the table. A model is on the
 * envelope when no model released on or before its date is denser: ρ_i &ge; ρ_j for every j with
 * t_j &le; t_i. These are the record-setting models, the running maximum of ρ over time that the
 * paper's trend line follows. A and B are the ordinary least-squares line of ln ρ against t over
 * the envelope models (at least two distinct dates needed).
 *
 * <p><b>Interval.</b> The doubling time's interval is a pairs bootstrap: B resamples of the models
 * with replacement (seeded; resample b uses the b-th draw of a {@link SplittableRandom} seeded with
 * the seed), the envelope and the line found again in each; the percentile interval (type 7) of
 * ln 2 / A, with a resample whose slope is not positive (density never doubles) or whose envelope
 * has fewer than two dates counting as +∞.
 */
public final class Density {
    /** Days in a month as the doubling time is reported: 365.25 / 12. */
    public static final double DAYS_PER_MONTH = 365.25 / 12;

    private Density() {
    }

    /** One model of the table: its name, release date, parameter count and score. */
    public record Model(String name, LocalDate released, double n, double score) {
        public Model {
            if (!(n > 0) || !Double.isFinite(n)) {
                throw new InputException("model '" + name + "': N must be a positive number, got " + Numbers.format(n));
            }
            if (!Double.isFinite(score)) {
                throw new InputException("model '" + name + "': score must be a finite number, got " + Numbers.format(score));
            }
        }
    }

    /**
     * One model's result.
     *
     * @param effectiveN N̂, NaN when the reference law never reaches the score
     * @param density    ρ = N̂/N, NaN with N̂
     * @param days       t, days since the earliest release
     * @param envelope   whether the model is on the envelope
     */
    public record Row(Model model, double effectiveN, double density, double days, boolean envelope) {
    }

    /**
     * The fit of the densing law.
     *
     * @param rows           one per model, in the table's order
     * @param origin         the earliest release date (t = 0)
     * @param slope          A, per day
     * @param intercept      B
     * @param doublingDays   ln 2 / A (+∞ when A &le; 0)
     * @param lo             lower end of the doubling time's interval, days
     * @param hi             upper end, days (+∞ when too many resamples never double)
     * @param level          the interval's central probability
     * @param resamples      bootstrap resamples drawn
     * @param neverDoubling  resamples whose slope was not positive or whose envelope was too short
     * @param unreached      models left out because the reference law never reaches their score
     */
    public record Result(List<Row> rows, LocalDate origin, double slope, double intercept, double doublingDays, double lo,
            double hi, double level, int resamples, int neverDoubling, int unreached) {

        public double doublingMonths() {
            return doublingDays / DAYS_PER_MONTH;
        }

        /** The fitted ln ρ_max at t days. */
        public double lnDensityAt(double days) {
            return intercept + slope * days;
        }
    }

    /**
     * g for a reference law in N and D: the compute-optimal N* of the smallest budget whose planned
     * loss reaches the score ({@link ComputeOptimal#budgetFor}); NaN when no budget does.
     */
    public static DoubleUnaryOperator effectiveSize(ComputeOptimal planner) {
        return score -> {
            try {
                return planner.budgetFor(score).n();
            } catch (InputException e) {
                return Double.NaN;
            }
        };
    }

    /**
     * g for a reference law of one variable N (the score against parameters): the smallest N in
     * [lo, hi] where it reaches the score ({@link Inverse#solve}); NaN when none does or it is reached
     * already at lo.
     */
    public static DoubleUnaryOperator effectiveSize(org.bnsl.law.Law law, double[] p, double offset, double lo, double hi,
            org.bnsl.fit.Direction direction) {
        return score -> {
            Inverse.Answer a = Inverse.solve(law, p, new double[] {0}, 0, offset, score, lo, hi, direction);
            return a.reached() ? a.scale() : Double.NaN;
        };
    }

    /**
     * Fits the densing law.
     *
     * @param models     the table (at least 2 models)
     * @param effectiveN g: score → N̂ (NaN or +∞ when not reached)
     * @param resamples  bootstrap resamples, ≥ 1
     * @param seed       bootstrap seed
     * @param level      interval level in (0, 1)
     * @throws InputException when fewer than two models have a density, or the envelope has fewer
     *                        than two release dates
     */
    public static Result fit(List<Model> models, DoubleUnaryOperator effectiveN, int resamples, long seed, double level) {
        if (resamples < 1) {
            throw new InputException("--bootstrap must be at least 1, got " + resamples);
        }
        if (!(level > 0 && level < 1)) {
            throw new InputException("--level must be between 0 and 1 (exclusive), got " + Numbers.format(level));
        }
        if (models.size() < 2) {
            throw new InputException("the densing law needs at least 2 models, got " + models.size());
        }
        LocalDate origin = models.stream().map(Model::released).min(LocalDate::compareTo).orElseThrow();
        int m = models.size();
        double[] t = new double[m];
        double[] lnRho = new double[m];
        double[] nHat = new double[m];
        int unreached = 0;
        for (int i = 0; i < m; i++) {
            Model mo = models.get(i);
            t[i] = ChronoUnit.DAYS.between(origin, mo.released());
            double g = effectiveN.applyAsDouble(mo.score());
            nHat[i] = g > 0 && Double.isFinite(g) ? g : Double.NaN;
            lnRho[i] = Math.log(nHat[i] / mo.n());
            if (Double.isNaN(nHat[i])) unreached++;
        }
        int[] all = new int[m];
        for (int i = 0; i < m; i++) all[i] = i;
        boolean[] onEnvelope = envelope(all, t, lnRho);
        double[] line = line(all, onEnvelope, t, lnRho);
        if (line == null) {
            throw new InputException("the densing law needs models with a density on at least 2 release dates along the"
                    + " envelope; got " + (m - unreached) + " model(s) with a density");
        }
        List<Row> rows = new ArrayList<>(m);
        for (int i = 0; i < m; i++) {
            rows.add(new Row(models.get(i), nHat[i], Math.exp(lnRho[i]), t[i], onEnvelope[i]));
        }
        double[] doubling = new double[resamples];
        int never = 0;
        SplittableRandom seeds = new SplittableRandom(seed);
        for (int b = 0; b < resamples; b++) {
            SplittableRandom rnd = new SplittableRandom(seeds.nextLong());
            int[] idx = Bootstrap.drawCases(m, rnd);
            double[] l = line(idx, envelope(idx, t, lnRho), t, lnRho);
            doubling[b] = l == null || !(l[0] > 0) ? Double.POSITIVE_INFINITY : Math.log(2) / l[0];
            if (Double.isInfinite(doubling[b])) never++;
        }
        Arrays.sort(doubling);
        double[] iv = Quantiles.interval(doubling, level);
        return new Result(List.copyOf(rows), origin, line[0], line[1], line[0] > 0 ? Math.log(2) / line[0] : Double.POSITIVE_INFINITY,
                iv[0], iv[1], level, resamples, never, unreached);
    }

    /** Which of the models idx[k] are on the envelope (flags indexed like idx); NaN densities never are. */
    static boolean[] envelope(int[] idx, double[] t, double[] lnRho) {
        boolean[] on = new boolean[idx.length];
        for (int k = 0; k < idx.length; k++) {
            int i = idx[k];
            if (Double.isNaN(lnRho[i])) continue;
            boolean record = true;
            for (int j : idx) {
                if (t[j] <= t[i] && lnRho[j] > lnRho[i]) {
                    record = false;
                    break;
                }
            }
            on[k] = record;
        }
        return on;
    }

    /** OLS of ln ρ on t over the flagged models: {A, B}, or null with fewer than two distinct dates. */
    static double[] line(int[] idx, boolean[] on, double[] t, double[] lnRho) {
        int n = 0;
        double st = 0;
        double sy = 0;
        for (int k = 0; k < idx.length; k++) {
            if (!on[k]) continue;
            n++;
            st += t[idx[k]];
            sy += lnRho[idx[k]];
        }
        if (n < 2) return null;
        double mt = st / n;
        double my = sy / n;
        double stt = 0;
        double sty = 0;
        for (int k = 0; k < idx.length; k++) {
            if (!on[k]) continue;
            double dt = t[idx[k]] - mt;
            stt += dt * dt;
            sty += dt * (lnRho[idx[k]] - my);
        }
        if (!(stt > 0)) return null;
        double a = sty / stt;
        return new double[] {a, my - a * mt};
    }
}
