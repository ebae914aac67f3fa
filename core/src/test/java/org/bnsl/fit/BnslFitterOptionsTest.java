package org.bnsl.fit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;

import org.bnsl.InputException;
import org.bnsl.data.Series;
import org.bnsl.law.Bnsl;
import org.bnsl.select.AutoFit;
import org.junit.jupiter.api.Test;

/** Issue 10, item 6: --loss, --overestimate-penalty, --init, --bound and --fix for BNSL and auto. */
class BnslFitterOptionsTest {
    static final double[] TRUTH = {0.5, 20, 0.3, 0.6, 3000, 0.2};
    static final Bnsl LAW = Bnsl.withBreaks(1);

    /** 30 log-spaced points over 10..1e6, 0.5% multiplicative noise, seeded; one point ×{@code outlier}. */
    static Series curve(double outlier) {
        Random rnd = new Random(3);
        int n = 30;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = 10 * Math.pow(1e5, i / (n - 1.0));
            y[i] = LAW.value(TRUTH, x[i]) * Math.exp(0.005 * rnd.nextGaussian());
        }
        y[20] *= outlier;
        return Series.of("curve", x, y);
    }

    static FitOptions with(LawFitOptions.Builder b) {
        return FitOptions.breaks(1).withLawOptions(b.build());
    }

    @Test
    void huberIsLessPulledByAnOutlierThanSquared() {
        Series s = curve(1.5);
        Fit squared = BnslFitter.fit(s, FitOptions.breaks(1));
        Fit huber = BnslFitter.fit(s, with(LawFitOptions.builder().loss(LawFitOptions.Loss.huber(0.01))));
        assertThat(huber.lossFunction()).isEqualTo("huber(0.01)");
        double x = s.x(0, 20);
        double pullSquared = Math.abs(Math.log(squared.predict(x) / LAW.value(TRUTH, x)));
        double pullHuber = Math.abs(Math.log(huber.predict(x) / LAW.value(TRUTH, x)));
        assertThat(pullHuber).isLessThan(pullSquared / 2);
        // and it extrapolates closer to the truth at 10× the data
        double far = 1e7;
        assertThat(Math.abs(Math.log(huber.predict(far) / LAW.value(TRUTH, far))))
                .isLessThan(Math.abs(Math.log(squared.predict(far) / LAW.value(TRUTH, far))));
    }

    @Test
    void aFixedParameterIsHeld() {
        Series s = curve(1);
        Fit plain = BnslFitter.fit(s, FitOptions.breaks(1));
        Fit fixed = BnslFitter.fit(s, with(LawFitOptions.builder().fix("c0", 0.2)));
        assertThat(fixed.parameter("c0")).isEqualTo(0.2);
        assertThat(fixed.loss()).isGreaterThanOrEqualTo(plain.loss() * (1 - 1e-9));
        assertThat(fixed.predict(1e7)).isFinite();
    }

    @Test
    void aBoundOnABreakIsHonoured() {
        Series s = curve(1);
        Fit fit = BnslFitter.fit(s, with(LawFitOptions.builder().bound("d1", 1e4, 1e5)));
        assertThat(fit.parameter("d1")).isBetween(1e4, 1e5);
    }

    @Test
    void aBoundOnTheFloorReplacesTheDataBound() {
        Series s = curve(1);
        double minY = java.util.Arrays.stream(s.y()).min().getAsDouble();
        // the data bound is a < min y; the user's bound lies above it and must win
        Fit fit = BnslFitter.fit(s, with(LawFitOptions.builder().bound("a", minY + 0.1, minY + 0.2)));
        assertThat(fit.parameter("a")).isBetween(minY + 0.1, minY + 0.2);
    }

    @Test
    void theOverestimatePenaltyLeavesFewerPointsBelowTheFit() {
        Series s = curve(1);
        Fit plain = BnslFitter.fit(s, FitOptions.breaks(1));
        Fit penalised = BnslFitter.fit(s, with(LawFitOptions.builder().overestimatePenalty(50)));
        assertThat(over(penalised, s)).isLessThan(over(plain, s));
    }

    private static int over(Fit f, Series s) {
        int k = 0;
        for (int i = 0; i < s.size(); i++) if (f.predict(s.x(0, i)) > s.y(i)) k++;
        return k;
    }

    @Test
    void anUnknownParameterIsNamed() {
        assertThatThrownBy(() -> BnslFitter.fit(curve(1), with(LawFitOptions.builder().fix("d2", 5))))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("--fix d2: a BNSL with 1 break has no parameter 'd2'");
    }

    @Test
    void autoTakesTheLossAndAppliesAParameterToTheCandidatesThatHaveIt() {
        Series s = curve(1.5);
        LawFitOptions huber = LawFitOptions.builder().loss(LawFitOptions.Loss.huber(0.01)).fix("c0", 0.3).build();
        AutoFit.Outcome o = AutoFit.laws(s, List.of("bnsl:1", "m2"), FitOptions.breaks(0), huber,
                AutoFit.Options.defaults(3), null);
        assertThat(o.fit().lossFunction()).isEqualTo("huber(0.01)");
        if (o.fit().law() instanceof Bnsl) {
            assertThat(o.fit().parameter("c0")).isEqualTo(0.3);
        }
        assertThat(o.scored()).allSatisfy(sc -> assertThat(sc.score()).isFinite());
        LawFitOptions unknown = LawFitOptions.builder().fix("zz", 1).build();
        assertThatThrownBy(() -> AutoFit.laws(s, List.of("bnsl:1", "m2"), FitOptions.breaks(0), unknown,
                AutoFit.Options.defaults(3), null))
                .isInstanceOf(InputException.class).hasMessageContaining("--fix zz: no candidate has a parameter 'zz'");
    }
}
