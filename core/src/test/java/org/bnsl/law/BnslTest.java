package org.bnsl.law;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The BNSL law: log-space evaluation against the direct formula, analytic gradient against finite differences. */
class BnslTest {

    /** Seeds for the randomised properties; each seed draws a law with 0–4 breaks and a point. */
    static Stream<Integer> seeds() {
        return IntStream.range(0, 200).boxed();
    }

    /** Caballero et al. 2022 eq. 1, computed the direct way. */
    static double direct(double[] p, int breaks, double x) {
        double y = p[1] * Math.pow(x, -p[2]);
        for (int i = 1; i <= breaks; i++) {
            double c = p[3 * i];
            double d = p[3 * i + 1];
            double f = p[3 * i + 2];
            y *= Math.pow(1 + Math.pow(x / d, 1 / f), -c * f);
        }
        return p[0] + y;
    }

    static double[] randomParameters(Random r, int breaks) {
        double[] p = new double[3 + 3 * breaks];
        p[0] = r.nextDouble() * 2;
        p[1] = Math.exp(r.nextGaussian() * 2);
        p[2] = r.nextDouble() * 2 - 0.5;
        for (int i = 1; i <= breaks; i++) {
            p[3 * i] = r.nextDouble() * 4 - 2;
            p[3 * i + 1] = Math.exp(r.nextDouble() * 20 - 5);
            p[3 * i + 2] = Math.exp(Math.log(1e-3) + r.nextDouble() * Math.log(1e4));
        }
        return p;
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void logSpaceValueMatchesTheDirectFormulaWhereItIsFinite(int seed) {
        Random r = new Random(seed);
        int breaks = r.nextInt(5);
        Bnsl law = Bnsl.withBreaks(breaks);
        double[] p = randomParameters(r, breaks);
        for (int k = 0; k < 20; k++) {
            double x = Math.exp(r.nextDouble() * 30 - 5);
            double expected = direct(p, breaks, x);
            if (!Double.isFinite(expected) || expected == p[0]) {
                continue; // the direct formula overflowed or underflowed: nothing to compare
            }
            double actual = law.value(p, new double[] {x});
            assertThat(actual).isCloseTo(expected, within(1e-9 * Math.abs(expected) + 1e-300));
        }
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void gradientMatchesCentralFiniteDifferences(int seed) {
        Random r = new Random(1000 + seed);
        int breaks = r.nextInt(5);
        Bnsl law = Bnsl.withBreaks(breaks);
        double[] p = randomParameters(r, breaks);
        // Keep breaks moderately smooth here: finite differences cannot resolve a kink of width 1e-3.
        for (int i = 1; i <= breaks; i++) {
            p[3 * i + 2] = 0.05 + r.nextDouble();
        }
        // a enters additively (∂y/∂a = 1, asserted below); with a = 0 the finite differences of the
        // other parameters are not swamped by the rounding of a large a.
        p[0] = 0;
        double[] x = {Math.exp(r.nextDouble() * 12 - 2)};
        double[] grad = new double[p.length];
        double v = law.valueAndGradient(p, x, grad);
        assertThat(v).isCloseTo(law.value(p, x), within(1e-12 * Math.abs(v)));
        assertThat(grad[0]).isEqualTo(1.0);
        for (int k = 0; k < p.length; k++) {
            double h = 1e-6 * Math.max(1, Math.abs(p[k]));
            double[] up = p.clone();
            double[] dn = p.clone();
            up[k] += h;
            dn[k] -= h;
            double fd = (law.value(up, x) - law.value(dn, x)) / (2 * h);
            // relative to the derivative, or (for tiny derivatives, where finite differences only see
            // rounding, up to ~1e-9·y) to the value
            double scale = Math.max(Math.abs(fd), Math.abs(grad[k])) + 1e-3 * Math.abs(v);
            assertThat(Math.abs(grad[k] - fd) / scale)
                    .as("d/d%s at seed %d", law.parameters().get(k), seed)
                    .isLessThan(1e-5);
        }
    }

    @Test
    void sharpBreaksFarOutsideTheDataStayFinite() {
        Bnsl law = Bnsl.withBreaks(2);
        // f = 1e-3 turns (x/d)^(1/f) into x^1000: the direct formula overflows, the law must not.
        double[] p = {0.1, 3, 0.3, 1.5, 1e-3, 1e-3, -0.8, 1e12, 1e-3};
        for (double x : new double[] {1e-6, 1, 1e6, 1e15}) {
            double v = law.value(p, new double[] {x});
            assertThat(v).isFinite().isGreaterThanOrEqualTo(0.1);
        }
    }

    @Test
    void segmentSlopesFollowTheCumulativeCs() {
        double[] p = {0, 1, 0.2, 0.5, 10, 0.1, -0.3, 1000, 0.1};
        assertThat(Bnsl.withBreaks(2).segmentSlopes(p)).containsExactly(new double[] {-0.2, -0.7, -0.4}, within(1e-12));
        // and they are the local log-log slopes well inside each segment
        Bnsl law = Bnsl.withBreaks(2);
        double[] xs = {1, 100, 1e5};
        double[] expected = {-0.2, -0.7, -0.4};
        for (int k = 0; k < xs.length; k++) {
            double x = xs[k];
            double s = (Math.log(law.value(p, new double[] {x * 1.01})) - Math.log(law.value(p, new double[] {x / 1.01})))
                    / (2 * Math.log(1.01));
            assertThat(s).isCloseTo(expected[k], within(1e-3));
        }
    }

    @Test
    void undefinedOutsideTheDomain() {
        Bnsl law = Bnsl.withBreaks(1);
        double[] p = {0, 1, 0.5, 1, 10, 0.1};
        assertThat(law.value(p, new double[] {0})).isNaN();
        assertThat(law.value(p, new double[] {-1})).isNaN();
        double[] bad = {0, 1, 0.5, 1, -10, 0.1};
        assertThat(law.value(bad, new double[] {5})).isNaN();
    }
}
