package org.bnsl.uncertainty;

import org.bnsl.testing.SyntheticCurve;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

import org.bnsl.fit.BnslFitter;
import org.bnsl.fit.Fit;
import org.bnsl.fit.FitOptions;
import org.junit.jupiter.api.Test;

/** Issue 4, item 3: bootstrap prediction intervals are calibrated where they are used, beyond the data. */
class CalibrationTest {
    static final int CURVES = 300;
    /** 200 resamples, as the issue asks: the whole test takes about 15 s on 2 cores. */
    static final int B = 200;

    /**
     * 300 random BNSL curves (1–2 breaks, 20–30 points over 4 decades, 1% multiplicative noise, a = 0),
     * each fitted with its true break count up to x_max and bootstrapped with 200 residual resamples.
     * The 90% prediction intervals at 2× and 4× x_max must contain the noiseless truth in 80% to 97%
     * of the curves at each horizon. (Seed 4 gives 267 and 261 of 300; seeds 5 and 6 gave 284/276 and
     * 282/278, so the band is not tuned to one draw.)
     */
    @Test
    void ninetyPercentPredictionIntervalsCoverTheTruthBeyondTheData() {
        Random rnd = new Random(4);
        int in2 = 0;
        int in4 = 0;
        for (int t = 0; t < CURVES; t++) {
            SyntheticCurve c = SyntheticCurve.random(rnd, 1 + rnd.nextInt(2), 20 + rnd.nextInt(11), 0.01);
            FitOptions o = FitOptions.breaks(c.law().breaks());
            Fit fit = BnslFitter.fit(c.series(), o);
            BootstrapResult r = Bootstrap.of(B).withSeed(t).withLevel(0.9).run(c.series(), fit, Refit.bnsl(o));
            double x = c.xMax();
            if (r.predict(2 * x).contains(c.truth(2 * x))) in2++;
            if (r.predict(4 * x).contains(c.truth(4 * x))) in4++;
        }
        assertThat(in2).as("covered at 2× x_max").isBetween(CURVES * 80 / 100, CURVES * 97 / 100);
        assertThat(in4).as("covered at 4× x_max").isBetween(CURVES * 80 / 100, CURVES * 97 / 100);
    }
}
