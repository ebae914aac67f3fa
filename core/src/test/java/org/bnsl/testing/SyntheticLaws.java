package org.bnsl.testing;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import org.bnsl.law.Laws;
import org.bnsl.plan.ClosedForm;
import org.bnsl.plan.Presets;

/**
 * The synthetic example sets of docs/LAWS.md, generated (seeded) from published constants where no
 * public data exists. {@code SyntheticExamplesTest} checks that the files in {@code examples/} are
 * exactly what these methods write, so their provenance is this code.
 */
public final class SyntheticLaws {
    /** The densing example's doubling time of the envelope, in months (Xiao et al. 2024's headline 3.3). */
    public static final double DOUBLING_MONTHS = 3.3;
    /** Hernandez et al. 2021, text → Python: D_T = 1.9e4·D_F^0.18·N^0.38. */
    public static final double TRANSFER_K = 1.9e4;
    public static final double TRANSFER_ALPHA = 0.18;
    public static final double TRANSFER_BETA = 0.38;
    /**
     * Kaplan et al. 2020's constants of eqs. 1.1 and 1.2 (the fits of L(N) and L(D) alone: Nc = 8.8e13,
     * αN = 0.076; Dc = 5.4e13, αD = 0.095), put in eq. 1.5's form L(N, D); their own joint fit of eq.
     * 1.5 (Table 2) differs slightly. Order: Nc, Dc, αN, αD.
     */
    public static final double[] KAPLAN = {8.8e13, 5.4e13, 0.076, 0.095};

    private SyntheticLaws() {
    }

    /**
     * The densing example: 60 models released over two years (from 2023-01-01), ln ρ of the densest
     * = A·t + B with A = ln 2 / (3.3 months · 365.25/12 days) per day and B = −3. 25 models sit on
     * that line every 30 days (with N(0, 0.05²) scatter in ln ρ); 35 more are released at uniform
     * random days, 0.3 to 2 below it. N is log-uniform in [1e9, 7e10]; the score is the loss the
     * reference law hoffmann2022 (Hoffmann et al. 2022's fit) reaches at N̂ = ρ·N trained
     * compute-optimally (its closed form: C = 6·(N̂/G)^(1/a), loss L*(C)). Seed 2024.
     */
    public static String densing() {
        Random rnd = new Random(2024);
        double slope = Math.log(2) / (DOUBLING_MONTHS * 365.25 / 12);
        double intercept = -3;
        ClosedForm cf = Presets.byName("hoffmann2022").closedForm();
        LocalDate origin = LocalDate.of(2023, 1, 1);
        record M(int day, double lnRho, double n) {
        }
        List<M> ms = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            int day = 30 * i;
            ms.add(new M(day, slope * day + intercept + 0.05 * rnd.nextGaussian(), logUniform(rnd, 1e9, 7e10)));
        }
        for (int i = 0; i < 35; i++) {
            int day = rnd.nextInt(731);
            ms.add(new M(day, slope * day + intercept - (0.3 + 1.7 * rnd.nextDouble()), logUniform(rnd, 1e9, 7e10)));
        }
        ms.sort(Comparator.comparingInt(M::day));
        StringBuilder sb = new StringBuilder("name,released,params,loss\n");
        for (int i = 0; i < ms.size(); i++) {
            M m = ms.get(i);
            double nHat = Math.exp(m.lnRho()) * m.n();
            double c = cf.k() * Math.pow(nHat / cf.g(), 1 / cf.a());
            sb.append(String.format(Locale.ROOT, "model-%02d,%s,%s,%s%n", i + 1, origin.plusDays(m.day()), g(m.n()),
                    g(cf.lossOpt(c))));
        }
        return sb.toString();
    }

    /**
     * From-scratch runs for the transfer example: N in {1e6, 3e6, …, 1e9} × D in {1e7, …, 1e11}, the
     * loss Kaplan et al.'s L(N, D) with multiplicative N(0, 0.001²) noise in its log. Seed 2020.
     */
    public static String transferScratch() {
        Random rnd = new Random(2020);
        StringBuilder sb = new StringBuilder("params,tokens,loss\n");
        for (double n : sizes()) {
            for (double d = 1e7; d <= 1e11 * 1.0001; d *= 10) {
                double loss = Laws.byName("kaplan").value(KAPLAN, new double[] {n, d}) * Math.exp(0.001 * rnd.nextGaussian());
                sb.append(g(n)).append(',').append(g(d)).append(',').append(g(loss)).append('\n');
            }
        }
        return sb.toString();
    }

    /**
     * Fine-tuned runs for the transfer example: the same sizes × D_F in {1e5, 3e5, …, 1e7}; each
     * reaches the from-scratch loss at D_E = D_F + D_T, D_T = 1.9e4·D_F^0.18·N^0.38, with the same
     * noise. Seed 2021.
     */
    public static String transferFinetune() {
        Random rnd = new Random(2021);
        StringBuilder sb = new StringBuilder("params,finetune_tokens,loss\n");
        for (double n : sizes()) {
            for (double df : new double[] {1e5, 3e5, 1e6, 3e6, 1e7}) {
                double de = df + TRANSFER_K * Math.pow(df, TRANSFER_ALPHA) * Math.pow(n, TRANSFER_BETA);
                double loss = Laws.byName("kaplan").value(KAPLAN, new double[] {n, de}) * Math.exp(0.001 * rnd.nextGaussian());
                sb.append(g(n)).append(',').append(g(df)).append(',').append(g(loss)).append('\n');
            }
        }
        return sb.toString();
    }

    /** The inference-compute example's constants: coverage(k) = exp(−a·k^(−b)) (illustrative values, not a paper's). */
    public static final double COVERAGE_A = 1.6;
    public static final double COVERAGE_B = 0.45;

    /**
     * Inference-time compute: coverage (the fraction of problems solved by at least one of k samples)
     * against k = 1, 2, 4, …, 1024 samples, in the exponentiated power-law form of Brown et al. 2024
     * ("Large Language Monkeys"), coverage = exp(−a·k^(−b)) with a = 1.6, b = 0.45, and N(0, 0.003²)
     * noise in ln coverage. Seed 2024.
     */
    public static String inferenceCoverage() {
        Random rnd = new Random(2024);
        StringBuilder sb = new StringBuilder("samples,coverage\n");
        for (int k = 1; k <= 1024; k *= 2) {
            double c = Math.exp(-COVERAGE_A * Math.pow(k, -COVERAGE_B) + 0.003 * rnd.nextGaussian());
            sb.append(k).append(',').append(g(Math.min(c, 1))).append('\n');
        }
        return sb.toString();
    }

    private static double[] sizes() {
        return new double[] {1e6, 3e6, 1e7, 3e7, 1e8, 3e8, 1e9};
    }

    private static double logUniform(Random rnd, double lo, double hi) {
        return Math.exp(Math.log(lo) + rnd.nextDouble() * (Math.log(hi) - Math.log(lo)));
    }

    /** Ten significant digits, plain. */
    private static String g(double v) {
        return new java.math.BigDecimal(v).round(new java.math.MathContext(10)).stripTrailingZeros().toPlainString();
    }
}
