package org.bnsl.fit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;

import org.bnsl.data.Series;
import org.bnsl.testing.SyntheticCurve;
import org.bnsl.law.FittableLaw;
import org.bnsl.law.Laws;
import org.junit.jupiter.api.Test;

/** Warm-start refits (issue 4, bootstrap): from a fit, on the same data, they stay at its optimum. */
class RefitTest {

    static void assertSameOptimum(Fit refit, Fit fit) {
        double[] a = refit.parameters();
        double[] b = fit.parameters();
        for (int k = 0; k < a.length; k++) {
            assertThat(a[k]).as("parameter %s", fit.law().parameters().get(k))
                    .isCloseTo(b[k], within(1e-8 * Math.max(Math.abs(b[k]), 1e-300)));
        }
        assertThat(refit.loss()).isCloseTo(fit.loss(), within(1e-8 * fit.loss()));
        assertThat(refit.starts()).isEqualTo(1);
    }

    /**
     * Where every break's sharpness fᵢ is inside its box, the fit sits at a stationary point and the
     * refit returns it to 1e−8. Where some fᵢ rests on its lower bound F_MIN, Levenberg–Marquardt
     * (which only clamps, it has no active set) stops short of the optimum along the bound, and the
     * refit, starting with a fresh trust region, lowers the objective a little further (by ~1e−5
     * relative in these curves): there we check only that it never makes the fit worse.
     */
    @Test
    void bnslRefitOnTheSameDataReturnsTheSameOptimum() {
        Random rnd = new Random(11);
        int interior = 0;
        for (int t = 0; t < 10; t++) {
            SyntheticCurve c = SyntheticCurve.random(rnd, 1 + t % 2, 30, 0.01);
            FitOptions o = FitOptions.breaks(c.law().breaks());
            Fit fit = BnslFitter.fit(c.series(), o);
            Fit refit = BnslFitter.refit(c.series(), o, fit);
            boolean atBound = false;
            for (int j = 1; j <= c.law().breaks(); j++) {
                atBound |= fit.parameter("f" + j) <= BnslFitter.F_MIN * (1 + 1e-9);
            }
            if (atBound) {
                assertThat(refit.loss()).isLessThanOrEqualTo(fit.loss()).isGreaterThan(fit.loss() * (1 - 1e-3));
            } else {
                interior++;
                assertSameOptimum(refit, fit);
            }
            // deterministic
            assertThat(BnslFitter.refit(c.series(), o, fit).parameters()).containsExactly(refit.parameters());
        }
        assertThat(interior).as("curves with every break inside its box").isGreaterThanOrEqualTo(5);
    }

    @Test
    void bnslRefitKeepsTheFamily() {
        // a pure power law (a = 0) stays one, even on data with a floor
        double[] x = new double[20];
        double[] y = new double[20];
        double[] yFloor = new double[20];
        Random r = new Random(5);
        for (int i = 0; i < x.length; i++) {
            x[i] = Math.pow(10, 4.0 * i / (x.length - 1));
            y[i] = 3 * Math.pow(x[i], -0.3) * (1 + 0.01 * r.nextGaussian());
            yFloor[i] = 0.5 + y[i];
        }
        FitOptions o = FitOptions.breaks(0);
        Fit pure = BnslFitter.fit(Series.of("pure", x, y), o);
        assertThat(pure.parameter("a")).isZero();
        Fit refit = BnslFitter.refit(Series.of("floor", x, yFloor), o, pure);
        assertThat(refit.parameter("a")).isZero();
        assertThat(refit.loss()).isLessThan(pure.loss() * 1e6).isFinite();

        // a ceiling (rising metric, b < 0) stays a ceiling
        double[] acc = new double[25];
        double[] xs = new double[25];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = Math.pow(10, 1 + 4.0 * i / (xs.length - 1));
            acc[i] = (0.9 - 0.6 * Math.pow(xs[i] / 10, -0.4)) * (1 + 0.002 * r.nextGaussian());
        }
        Series s = Series.of("acc", xs, acc);
        Fit ceiling = BnslFitter.fit(s, o);
        assertThat(ceiling.parameter("b")).isNegative();
        assertSameOptimum(BnslFitter.refit(s, o, ceiling), ceiling);
    }

    @Test
    void bnslRefitOfSlightlyPerturbedDataMatchesAFullFit() {
        Random rnd = new Random(12);
        for (int t = 0; t < 10; t++) {
            SyntheticCurve c = SyntheticCurve.random(rnd, 1, 30, 0.01);
            FitOptions o = FitOptions.breaks(1);
            Fit fit = BnslFitter.fit(c.series(), o);
            double[] y = c.series().y();
            for (int i = 0; i < y.length; i++) y[i] *= 1 + 0.002 * rnd.nextGaussian();
            Series perturbed = Series.of("perturbed", c.series().x(), y);
            Fit refit = BnslFitter.refit(perturbed, o, fit);
            Fit full = BnslFitter.fit(perturbed, o);
            // the local polish reaches the full search's optimum (or a better one in the same family)
            assertThat(refit.loss()).isLessThanOrEqualTo(full.loss() * 1.01);
        }
    }

    @Test
    void lawRefitOnTheSameDataReturnsTheSameOptimum() {
        for (String name : new String[] {"offset-power", "m4", "vit"}) {
            FittableLaw law = Laws.byName(name);
            double[] truth = switch (name) {
                case "offset-power" -> new double[] {1.5, 1e3, 0.4};
                case "m4" -> new double[] {0.2, 2.5, 0.7, 20, -0.5};
                default -> new double[] {0.1, 5, 100, 0.5};
            };
            Series s = LawFitterTest.synthetic(law, truth, 3, 0.01);
            LawFitter fitter = LawFitter.of(law);
            Fit fit = fitter.fit(s);
            assertSameOptimum(fitter.refit(s, fit), fit);
        }
    }

    @Test
    void huberRefitOnTheSameDataReturnsTheSameOptimum() {
        FittableLaw law = Laws.byName("offset-power");
        Series s = LawFitterTest.synthetic(law, new double[] {1.5, 1e3, 0.4}, 4, 0.01);
        LawFitter fitter = new LawFitter(law, LawFitOptions.builder().loss(LawFitOptions.Loss.huber(0.005)).build());
        Fit fit = fitter.fit(s);
        assertSameOptimum(fitter.refit(s, fit), fit);
    }
}
