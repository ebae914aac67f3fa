package org.bnsl.fit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.bnsl.InputException;
import org.bnsl.data.Series;
import org.bnsl.data.SeriesReader;
import org.bnsl.data.Table;
import org.bnsl.law.Bnsl;
import org.bnsl.select.Extrapolation;
import org.bnsl.select.Holdout;
import org.bnsl.testing.Examples;
import org.bnsl.testing.SyntheticCurve;
import org.junit.jupiter.api.Test;

class BnslFitterTest {

    /**
     * Issue 2, item 2: 200 random BNSL curves with 1–3 breaks, 30 log-spaced points over 4 decades,
     * 0.5% multiplicative noise, fitted with the true break count. Breaks sit at least half a decade
     * inside both ends and at least a decade apart; each |cᵢ| ≥ 0.1; fᵢ is drawn log-uniformly in
     * [0.02, 0.3] (in units of ln x, so each break completes inside its half-decade margin). The
     * tails are pure power laws (a = 0); the fitter does not know that. The prediction at 10× the
     * last x must land within 5% of the noiseless truth in at least 90% of trials.
     */
    @Test
    void recoversPredictionsOfRandomCurvesAtTenTimesTheData() {
        Random rnd = new Random(20221026);
        int trials = 200;
        int ok = 0;
        for (int t = 0; t < trials; t++) {
            SyntheticCurve c = SyntheticCurve.random(rnd, 1 + rnd.nextInt(3), 30, 0.005);
            Fit fit = BnslFitter.fit(c.series(), FitOptions.breaks(c.law().breaks()));
            double x = 10 * c.xMax();
            double truth = c.truth(x);
            if (Math.abs(fit.predict(x) / truth - 1) < 0.05) {
                ok++;
            }
            // The optimiser itself must never lose to the truth on the data it saw.
            assertThat(fit.loss()).isLessThanOrEqualTo(c.lossOfTruth() * (1 + 1e-6));
        }
        assertThat(ok).as("trials within 5%% at 10× the data").isGreaterThanOrEqualTo(trials * 9 / 10);
    }

    @Test
    void theSameInputAlwaysGivesTheSameFit() {
        SyntheticCurve c = SyntheticCurve.random(new Random(7), 2, 30, 0.01);
        Fit a = BnslFitter.fit(c.series(), FitOptions.breaks(2));
        Fit b = BnslFitter.fit(c.series(), FitOptions.breaks(2));
        assertThat(a.parameters()).containsExactly(b.parameters());
    }

    @Test
    void risingMetricsAreFittedWithACeiling() {
        // accuracy = 0.9 − 0.6·x^(−0.4) with a smooth break: rises toward 0.9
        double[] x = new double[25];
        double[] y = new double[25];
        Random r = new Random(3);
        for (int i = 0; i < x.length; i++) {
            x[i] = Math.pow(10, 1 + 4.0 * i / (x.length - 1));
            y[i] = (0.9 - 0.6 * Math.pow(x[i] / 10, -0.4)) * (1 + 0.002 * r.nextGaussian());
        }
        Series s = Series.of("acc", x, y);
        Fit fit = BnslFitter.fit(s, FitOptions.breaks(0));
        double truth = 0.9 - 0.6 * Math.pow(1e6 / 10, -0.4);
        assertThat(fit.predict(1e6)).isCloseTo(truth, within(0.02 * truth));
        assertThat(fit.parameter("a")).isGreaterThan(Arrays.stream(y).max().orElseThrow());
        assertThat(fit.parameter("b")).isNegative();
    }

    @Test
    void pointsAtZeroNeedAnOffset() {
        double[] x = {0, 10, 100, 1000, 10000, 100000};
        double[] y = {5, 4, 3.2, 2.6, 2.2, 2.0};
        Series s = Series.of("sft", x, y);
        assertThatThrownBy(() -> BnslFitter.fit(s, FitOptions.breaks(0)))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("<memory>:2")
                .hasMessageContaining("--x-offset");
        Fit fit = BnslFitter.fit(s, FitOptions.breaks(0).withXOffset(1));
        assertThat(fit.predict(0)).isCloseTo(5, within(0.5));
        assertThat(fit.xOffset()).isEqualTo(1);
    }

    @Test
    void fewerPointsThanParametersIsAnInputError() {
        Series s = Series.of("tiny", new double[] {1, 2, 3, 4, 5}, new double[] {5, 4, 3, 2.5, 2});
        assertThatThrownBy(() -> BnslFitter.fit(s, FitOptions.breaks(1)))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("5 points")
                .hasMessageContaining("6 parameters");
    }

    @Test
    void nonPositiveYIsRejectedInLogSpaceOnly() {
        Series s = Series.of("neg", new double[] {1, 2, 4, 8, 16}, new double[] {3, 2, 1, 0, 0.5});
        assertThatThrownBy(() -> BnslFitter.fit(s, FitOptions.breaks(0)))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("<memory>:5")
                .hasMessageContaining("--space linear");
        Fit fit = BnslFitter.fit(s, FitOptions.breaks(0).withObjective(Objective.LINEAR));
        assertThat(fit.loss()).isFinite();
    }

    /** Issue 2, item 1: the paper's 4-digit-addition split, fitted with no grid. */
    @Test
    void fourDigitAdditionExtrapolatesToTheHeldOutPoints() {
        Series all = readFourDigit();
        Holdout split = Holdout.above(all, 736);
        assertThat(split.train().size()).isEqualTo(14);
        assertThat(split.holdout().size()).isEqualTo(3);

        Extrapolation log = Extrapolation.of(split, BnslFitter.fit(split.train(), FitOptions.breaks(1)));
        Extrapolation log1p = Extrapolation.of(split,
                BnslFitter.fit(split.train(), FitOptions.breaks(1).withObjective(Objective.LOG1P)));
        // The paper's code, with a grid tuned to this curve, reaches 0.0109 (Caballero et al. 2022).
        assertThat(log1p.holdoutRmsle()).isLessThanOrEqualTo(0.0110);
        // The exact optimum of the log objective sits at 0.01114 (checked from 3,000 random starts).
        assertThat(log.holdoutRmsle()).isLessThanOrEqualTo(0.0115);
        // The break is found where the paper's figure shows it.
        assertThat(log.fit().parameter("d1")).isBetween(550.0, 680.0);
    }

    static Series readFourDigit() {
        Table t = Table.read(Examples.path("four_digit_addition.csv"));
        List<Series> s = SeriesReader.builder().variable("x", "dataset_size").y("test_cross_entropy").build().read(t);
        return s.get(0);
    }

}
