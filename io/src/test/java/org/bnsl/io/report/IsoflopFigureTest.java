package org.bnsl.io.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;

import org.bnsl.data.Series;
import org.junit.jupiter.api.Test;

/** Issue 10 item 8: IsoFLOP curves drawn at their runs' own budgets, and dash patterns that show. */
class IsoflopFigureTest {

    private static Series runs(double[] n, double[] d) {
        double[] y = new double[n.length];
        java.util.Arrays.fill(y, 3);
        return Series.builder().name("runs").source("<memory>").variable("N", "params", n).variable("D", "tokens", d)
                .y("loss", y).build();
    }

    /**
     * Runs jittered ±8% around 2.2e19 and 7.7e19: the old plot drew them at the rounded budgets
     * 3e19 and 1e20, 30% off their runs; each curve is now at its runs' geometric mean C.
     */
    @Test
    void eachCurveIsAtItsRunsGeometricMeanBudget() {
        Random rnd = new Random(5);
        double[] centres = {2.2e19, 7.7e19};
        int per = 7;
        double[] n = new double[centres.length * per];
        double[] d = new double[n.length];
        double[] c = new double[n.length];
        for (int b = 0; b < centres.length; b++) {
            for (int s = 0; s < per; s++) {
                int i = b * per + s;
                c[i] = centres[b] * (1 + 0.16 * (rnd.nextDouble() - 0.5));
                n[i] = 1e8 * Math.pow(1.6, s);
                d[i] = c[i] / (6 * n[i]);
            }
        }
        Series tr = runs(java.util.Arrays.copyOf(n, n.length - 2), java.util.Arrays.copyOf(d, d.length - 2));
        Series ho = runs(java.util.Arrays.copyOfRange(n, n.length - 2, n.length), java.util.Arrays.copyOfRange(d, d.length - 2, d.length));
        List<Figure.Budget> budgets = Figure.budgets(tr, ho);
        assertThat(budgets).hasSize(2);
        for (int b = 0; b < 2; b++) {
            double lnMean = 0;
            for (int s = 0; s < per; s++) lnMean += Math.log(c[b * per + s]) / per;
            assertThat(budgets.get(b).flops()).isCloseTo(Math.exp(lnMean), within(1e-6 * Math.exp(lnMean)));
        }
        // every run is on exactly one curve; the last two (held out) on the second
        int onCurves = 0;
        for (Figure.Budget b : budgets) {
            for (boolean k : b.train()) if (k) onCurves++;
            for (boolean k : b.hold()) if (k) onCurves++;
        }
        assertThat(onCurves).isEqualTo(n.length);
        assertThat(budgets.get(1).hold()).containsExactly(true, true);
    }

    /** Runs spread continuously over 4 decades: no more than 12 curves, still every run on one. */
    @Test
    void continuousBudgetsGiveAtMostTwelveCurves() {
        int m = 400;
        double[] n = new double[m];
        double[] d = new double[m];
        for (int i = 0; i < m; i++) {
            double c = 1e18 * Math.pow(10, 4.0 * i / (m - 1));
            n[i] = 1e8 * Math.pow(2, i % 6);
            d[i] = c / (6 * n[i]);
        }
        List<Figure.Budget> budgets = Figure.budgets(runs(n, d), runs(new double[0], new double[0]));
        assertThat(budgets.size()).isBetween(2, Figure.MAX_BUDGETS);
        assertThat(budgets.stream().mapToLong(b -> countTrue(b.train())).sum()).isEqualTo(m);
    }

    private static long countTrue(boolean[] k) {
        long t = 0;
        for (boolean v : k) if (v) t++;
        return t;
    }

    /**
     * XChart restarts the dash pattern at every point, so 240 points a few pixels apart drew every
     * dashed curve solid. Dashed layers are thinned to points at least two dash periods apart;
     * the solid first layer keeps all its points.
     */
    @Test
    void dashedCurvesAreThinnedSoThePatternShows() {
        int k = Figure.CURVE_POINTS;
        double[] x = Figure.logSpace(1e8, 1e10, k);
        double[] y = new double[k];
        for (int i = 0; i < k; i++) y[i] = 2 + Math.pow(Math.log(x[i] / 1e9), 2) / 10;
        FigureRenderer.Range xr = new FigureRenderer.Range(1e8, 1e10);
        FigureRenderer.Range yr = new FigureRenderer.Range(1.5, 4);
        int width = 800;
        assertThat(FigureRenderer.forDashes(x, y, 0, xr, yr, true, width)[0]).hasSize(k);
        for (int layer = 1; layer < 6; layer++) {
            double[][] t = FigureRenderer.forDashes(x, y, layer, xr, yr, true, width);
            assertThat(t[0].length).as("layer " + layer).isLessThan(k / 3).isGreaterThan(5);
            assertThat(t[0][0]).isEqualTo(x[0]);
            assertThat(t[0][t[0].length - 1]).isEqualTo(x[k - 1]);
            // consecutive kept points (but the last) at least 2 periods apart in the estimated pixels
            double sx = 0.8 * width / Math.log(100);
            double sy = 0.8 * FigureRenderer.MAIN_HEIGHT / Math.log(4 / 1.5);
            for (int i = 1; i < t[0].length - 1; i++) {
                double dx = sx * Math.log(t[0][i] / t[0][i - 1]);
                double dy = sy * Math.log(t[1][i] / t[1][i - 1]);
                assertThat(Math.hypot(dx, dy)).isGreaterThanOrEqualTo(10);
            }
        }
    }
}
