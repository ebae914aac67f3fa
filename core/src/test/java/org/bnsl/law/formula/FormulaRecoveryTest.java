package org.bnsl.law.formula;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.ToDoubleFunction;
import org.bnsl.data.Series;
import org.bnsl.fit.Fit;
import org.bnsl.fit.LawFitOptions;
import org.bnsl.fit.LawFitter;
import org.bnsl.fit.Objective;
import org.junit.jupiter.api.Test;

/**
 * Issue 12: user formulas of several variables fitted with bnsl's automatic starts recover the
 * truth they were drawn from: the mixture-of-experts law of the issue (log-linear, Clark et al.
 * 2022) and two three-variable laws.
 */
class FormulaRecoveryTest {

    /** Every combination of the given values of each variable, as rows. */
    private static List<double[]> grid(double[]... values) {
        List<double[]> rows = new ArrayList<>();
        rows.add(new double[0]);
        for (double[] v : values) {
            List<double[]> next = new ArrayList<>();
            for (double[] r : rows) {
                for (double x : v) {
                    double[] e = java.util.Arrays.copyOf(r, r.length + 1);
                    e[r.length] = x;
                    next.add(e);
                }
            }
            rows = next;
        }
        return rows;
    }

    private static double[] geometric(double from, double to, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = from * Math.pow(to / from, i / (n - 1.0));
        return v;
    }

    /** A series of {@code truth} on the rows, times (1 + noise·N(0,1)) from a seeded generator. */
    private static Series series(List<String> vars, List<double[]> rows, ToDoubleFunction<double[]> truth, double noise, long seed) {
        Random rnd = new Random(seed);
        double[][] cols = new double[vars.size()][rows.size()];
        double[] y = new double[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            for (int j = 0; j < vars.size(); j++) cols[j][i] = rows.get(i)[j];
            y[i] = truth.applyAsDouble(rows.get(i)) * (1 + noise * rnd.nextGaussian());
        }
        Series.Builder b = Series.builder().name("synthetic").source("synthetic");
        for (int j = 0; j < vars.size(); j++) b.variable(vars.get(j), vars.get(j), cols[j]);
        return b.y("y", y).build();
    }

    /**
     * The surface: L = exp(2.9 − 0.08·ln N − 0.02·ln E + 0.0005·ln N·ln E), N from 1.6e7 to
     * 3.7e8, E from 1 to 512. Before: a = 0, b ≈ 6e−16, c = 0 with train RMSLE 0.089 and no warning.
     * In log space the formula is linear least squares in its four parameters, solved in closed form.
     */
    @Test
    void mixtureOfExpertsLawRecoversItsTruth() {
        List<String> vars = List.of("N", "E");
        List<double[]> rows = grid(geometric(1.6e7, 3.7e8, 6), new double[] {1, 2, 4, 8, 16, 32, 64, 128, 256, 512});
        Series s = series(vars, rows, r -> Math.exp(2.9 - 0.08 * Math.log(r[0]) - 0.02 * Math.log(r[1])
                + 0.0005 * Math.log(r[0]) * Math.log(r[1])), 0, 1);
        Formula f = Formula.compile("exp(d + a*log(N) + b*log(E) + c*log(N)*log(E))", vars);
        assertThat(f.linearParameters(true).cardinality()).isEqualTo(4);
        Fit fit = LawFitter.of(f).fit(s);
        Map<String, Double> p = fit.parameterMap();
        assertThat(p.get("a")).isCloseTo(-0.08, within(0.0008));
        assertThat(p.get("b")).isCloseTo(-0.02, within(0.0002));
        assertThat(p.get("c")).isCloseTo(0.0005, within(0.000005));
        assertThat(p.get("d")).isCloseTo(2.9, within(0.029));
        assertThat(fit.loss()).isLessThan(1e-20);
    }

    /**
     * The three-variable law on a synthetic surface with a negative target (so linear space):
     * y = A/N^α + B/V^β + C/D^γ + E, 1% noise. The A, B, C and E enter linearly; the exponents are
     * searched. Before: the N term collapsed (A = 0, α = −10 on a default bound).
     */
    @Test
    void threeVariableSumOfPowersRecoversItsTruth() {
        List<String> vars = List.of("N", "V", "D");
        List<double[]> rows = grid(geometric(1e7, 1e10, 6), geometric(4e3, 2.56e5, 4), geometric(1e9, 1e12, 5));
        ToDoubleFunction<double[]> truth = r -> 180 / Math.pow(r[0], 0.3) + 12 / Math.pow(r[1], 0.35)
                + 400 / Math.pow(r[2], 0.28) - 3.5;
        Series s = series(vars, rows, truth, 0.001, 12);
        Formula f = Formula.compile("A/N^alpha + B/V^beta + C/D^gamma + E", vars);
        Fit fit = new LawFitter(f, LawFitOptions.builder().space(Objective.LINEAR).build()).fit(s);
        Map<String, Double> p = fit.parameterMap();
        assertThat(p.get("alpha")).isCloseTo(0.3, within(0.015));
        assertThat(p.get("beta")).isCloseTo(0.35, within(0.0175));
        assertThat(p.get("gamma")).isCloseTo(0.28, within(0.014));
        assertThat(p.get("E")).isCloseTo(-3.5, within(0.035));
        assertThat(p.get("A")).isGreaterThan(0);
    }

    /**
     * A learning-rate law of three variables: y = E + A/N^α + B/D^β + k·(ln lr − m)², the loss
     * against model size, data and learning rate, with the best learning rate at ln lr = m = −7,
     * 0.1% noise, fitted in log space.
     */
    @Test
    void learningRateLawRecoversItsTruth() {
        List<String> vars = List.of("N", "D", "lr");
        List<double[]> rows = grid(geometric(1e7, 1e9, 5), geometric(1e9, 1e11, 5), geometric(1e-4, 1e-2, 7));
        ToDoubleFunction<double[]> truth = r -> 1.7 + 400 / Math.pow(r[0], 0.34) + 410 / Math.pow(r[1], 0.28)
                + 0.02 * Math.pow(Math.log(r[2]) + 7, 2);
        Series s = series(vars, rows, truth, 0.001, 7);
        Formula f = Formula.compile("E + A/N^alpha + B/D^beta + k*(log(lr) - m)^2", vars);
        Fit fit = LawFitter.of(f).fit(s);
        Map<String, Double> p = fit.parameterMap();
        assertThat(p.get("m")).isCloseTo(-7, within(0.07));
        assertThat(p.get("k")).isCloseTo(0.02, within(0.002));
        assertThat(p.get("alpha")).isCloseTo(0.34, within(0.034));
        assertThat(p.get("beta")).isCloseTo(0.28, within(0.028));
        assertThat(p.get("E")).isCloseTo(1.7, within(0.17));
    }
}
