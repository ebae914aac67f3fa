package org.bnsl.law;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The committee median: its value, its gradient (against finite differences) and its edges. */
class CommitteeTest {
    private static final Committee THREE = Committee.of(List.of("power", "m2", "bnsl:0"),
            List.of(Laws.byName("power"), Laws.byName("m2"), Bnsl.withBreaks(0)), new double[3], new double[3]);

    @Test
    void valueIsTheMedianOfTheMembersLogs() {
        double[] p = {10, 0.5, 1.0, 8, -0.3, 0.5, 9, 0.4};
        double x = 100;
        double a = 10 * Math.pow(x, -0.5);
        double b = 1.0 + 8 * Math.pow(x, -0.3);
        double c = Bnsl.withBreaks(0).value(new double[] {0.5, 9, 0.4}, new double[] {x});
        double[] s = {a, b, c};
        java.util.Arrays.sort(s);
        assertThat(THREE.value(p, new double[] {x})).isCloseTo(s[1], within(1e-12 * s[1]));
        assertThat(THREE.parameters()).startsWith("power.b", "power.c", "m2.einf").endsWith("bnsl:0.c0");
    }

    @Test
    void anEvenCommitteeTakesTheGeometricMeanOfTheMiddleTwoAndSkipsUndefinedMembers() {
        Committee two = Committee.of(List.of("power", "m1"), List.of(Laws.byName("power"), Laws.byName("m1")),
                new double[2], new double[2]);
        double y = two.value(new double[] {2, 0, 8, 0}, new double[] {5});
        assertThat(y).isCloseTo(4, within(1e-12));
        // a member that is not positive is left out at that x
        assertThat(two.value(new double[] {-2, 0, 8, 0}, new double[] {5})).isCloseTo(8, within(1e-12));
        assertThat(two.value(new double[] {-2, 0, -8, 0}, new double[] {5})).isNaN();
    }

    @Test
    void aMemberIsHeldAtItsLowestXBelowIt() {
        Committee one = Committee.of(List.of("power"), List.of(Laws.byName("power")), new double[1], new double[] {200});
        double[] p = {10, 0.5};
        assertThat(one.value(p, new double[] {0})).isCloseTo(one.value(p, new double[] {200}), within(1e-12));
        assertThat(one.value(p, new double[] {800})).isCloseTo(10 / Math.sqrt(800), within(1e-12));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void gradientMatchesFiniteDifferences(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] p = {r.nextDouble(1, 20), r.nextDouble(0.1, 1), r.nextDouble(0.5, 2), r.nextDouble(1, 20), -r.nextDouble(0.1, 1),
            r.nextDouble(0, 1), r.nextDouble(1, 20), r.nextDouble(0.1, 1)};
        double[] x = {Math.exp(r.nextDouble(0, 10))};
        double[] g = new double[p.length];
        double y = THREE.valueAndGradient(p, x, g);
        assertThat(y).isCloseTo(THREE.value(p, x), within(1e-12 * y));
        for (int j = 0; j < p.length; j++) {
            double h = 1e-6 * Math.max(1, Math.abs(p[j]));
            double[] up = p.clone();
            double[] dn = p.clone();
            up[j] += h;
            dn[j] -= h;
            double fd = (THREE.value(up, x) - THREE.value(dn, x)) / (2 * h);
            assertThat(g[j]).as("parameter %s", THREE.parameters().get(j)).isCloseTo(fd, within(1e-5 * Math.max(1, Math.abs(fd))));
        }
    }
}
