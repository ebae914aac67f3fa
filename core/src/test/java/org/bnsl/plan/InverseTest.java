package org.bnsl.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import java.util.stream.Stream;

import org.bnsl.InputException;
import org.bnsl.fit.Direction;
import org.bnsl.law.Bnsl;
import org.bnsl.law.Law;
import org.bnsl.law.Laws;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class InverseTest {
    private static final Law POWER = Laws.byName("power");
    private static final Law CHINCHILLA = Laws.byName("chinchilla");

    static Stream<Long> seeds() {
        return Stream.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
    }

    /** y = b·x^(−c) (power's parameters [b, c]) inverts to x = (b/y)^(1/c); a random law and target per seed. */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void powerLawInvertsInClosedForm(long seed) {
        Random r = new Random(seed);
        double a = Math.exp(r.nextDouble() * 4);
        double b = 0.05 + r.nextDouble();
        double x = Math.exp(1 + r.nextDouble() * 30);
        double[] p = {a, b};
        assertThat(POWER.parameters()).containsExactly("b", "c");
        double y = POWER.value(p, new double[] {x});
        Inverse.Answer ans = Inverse.solve(POWER, p, new double[1], 0, 0, y, 1, Inverse.MAX_SCALE, Direction.DOWN);
        assertThat(ans.outcome()).isEqualTo(Inverse.Outcome.REACHED);
        assertThat(ans.scale()).isCloseTo(x, within(1e-9 * x));
        assertThat(Inverse.direction(POWER, p, new double[1], 0, 0, 1, 10)).isEqualTo(Direction.DOWN);
    }

    /**
     * Random falling BNSLs with two breaks (a seeded draw per case): a target between the law at
     * lo and its floor a is reached, the law equals the target there, and no scanned point before it
     * reaches the target (the smallest crossing).
     */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void bnslRootsAreTheFirstCrossing(long seed) {
        Random r = new Random(100 + seed);
        Law law = Bnsl.withBreaks(2);
        assertThat(law.parameters()).containsExactly("a", "b", "c0", "c1", "d1", "f1", "c2", "d2", "f2");
        double[] p = {r.nextDouble(), 1 + 10 * r.nextDouble(), 0.05 + 0.5 * r.nextDouble(), r.nextDouble(), Math.exp(2 + 5 * r.nextDouble()),
            0.05 + r.nextDouble(), r.nextDouble(), Math.exp(8 + 5 * r.nextDouble()), 0.05 + r.nextDouble()};
        double top = law.value(p, new double[] {1});
        double target = p[0] + (top - p[0]) * (0.01 + 0.98 * r.nextDouble());
        Inverse.Answer ans = Inverse.solve(law, p, new double[1], 0, 0, target, 1, Inverse.MAX_SCALE, Direction.DOWN);
        assertThat(ans.reached()).isTrue();
        assertThat(law.value(p, new double[] {ans.scale()})).isCloseTo(target, within(1e-9 * target));
        for (double s = 1; s < ans.scale() * 0.999; s *= 1.1) {
            assertThat(law.value(p, new double[] {s})).as("at %s", s).isGreaterThan(target);
        }
    }

    @Test
    void theFitsOffsetIsAddedBeforeTheLawSeesX() {
        double[] p = {10, 0.5};
        // the law sees x + 100: y = 10·(x + 100)^(−0.5) = 0.5 at x + 100 = 400
        Inverse.Answer ans = Inverse.solve(POWER, p, new double[1], 0, 100, 0.5, 1, 1e9, Direction.DOWN);
        assertThat(ans.scale()).isCloseTo(300, within(1e-9));
    }

    /** A rising metric: accuracy-like 1 − 0.9·x^(−0.3) reaches 0.8 where 0.9·x^(−0.3) = 0.2, x = 4.5^(1/0.3). */
    @Test
    void risingMetricsInvertToo() {
        Law rising = org.bnsl.law.formula.Formula.compile("1 - c*x^(-e)", java.util.List.of("x"));
        assertThat(rising.parameters()).containsExactly("c", "e");
        double[] p = {0.9, 0.3};
        double want = Math.pow(0.9 / 0.2, 1 / 0.3);
        assertThat(Inverse.direction(rising, p, new double[1], 0, 0, 1, 100)).isEqualTo(Direction.UP);
        Inverse.Answer ans = Inverse.solve(rising, p, new double[1], 0, 0, 0.8, 1, 1e12, Direction.UP);
        assertThat(ans.scale()).isCloseTo(want, within(1e-9 * want));
        Inverse.Answer above = Inverse.solve(rising, p, new double[1], 0, 0, 1.2, 1, 1e12, Direction.UP);
        assertThat(above.outcome()).isEqualTo(Inverse.Outcome.NOT_REACHED);
        assertThat(above.closest()).isLessThan(1).isGreaterThan(0.99);
        assertThatThrownBy(() -> Inverse.require(above, 1.2, "x", 1, 1e12, Direction.UP))
                .isInstanceOf(InputException.class).hasMessageContaining("above the highest").hasMessageContaining("ceiling");
    }

    /** Below the floor: never reached, and the answer names the floor. */
    @Test
    void aTargetBelowTheFloorIsUnreachable() {
        double[] p = {1.69, 406.4, 410.7, 0.34, 0.28};
        assertThat(CHINCHILLA.parameters()).containsExactly("E", "A", "B", "alpha", "beta");
        // D solved at N = 7e10: the floor is E + A/N^α = 1.69 + 406.4·(7e10)^(−0.34) = 1.7736…
        double floor = 1.69 + 406.4 * Math.pow(7e10, -0.34);
        Inverse.Answer ans = Inverse.solve(CHINCHILLA, p, new double[] {7e10, 0}, 1, 0, 1.75, 1, Inverse.MAX_SCALE,
                Direction.DOWN);
        assertThat(ans.outcome()).isEqualTo(Inverse.Outcome.NOT_REACHED);
        assertThat(ans.scale()).isInfinite();
        assertThat(ans.closest()).isCloseTo(floor, within(1e-9));
        assertThatThrownBy(() -> Inverse.require(ans, 1.75, "D", 1, Inverse.MAX_SCALE, Direction.DOWN))
                .isInstanceOf(InputException.class).hasMessageContaining("target 1.75 is unreachable")
                .hasMessageContaining("floor");
        // and a reachable target at that N: L(7e10, D) = 2.0 solved for D in closed form
        double d = Math.pow(410.7 / (2.0 - floor), 1 / 0.28);
        Inverse.Answer ok = Inverse.solve(CHINCHILLA, p, new double[] {7e10, 0}, 1, 0, 2.0, 1, Inverse.MAX_SCALE, Direction.DOWN);
        assertThat(ok.scale()).isCloseTo(d, within(1e-9 * d));
    }

    @Test
    void aTargetAlreadyReachedAtTheLowEndSaysSo() {
        Inverse.Answer ans = Inverse.solve(POWER, new double[] {10, 0.5}, new double[1], 0, 0, 20, 1, 1e9, Direction.DOWN);
        assertThat(ans.outcome()).isEqualTo(Inverse.Outcome.AT_LOW_END);
        assertThatThrownBy(() -> Inverse.require(ans, 20, "x", 1, 1e9, Direction.DOWN))
                .hasMessageContaining("reached already at the smallest x searched, 1");
    }

    /** A BNSL with a sharp break: the first crossing, inside the break, matches the law's own value. */
    @Test
    void bnslWithABreakCrossesOnce() {
        Law law = Bnsl.withBreaks(1);
        double[] p = {0.417, 2.27, 0.055, 5.69, 612.8, 0.059};
        assertThat(law.parameters()).containsExactly("a", "b", "c0", "c1", "d1", "f1");
        Inverse.Answer ans = Inverse.solve(law, p, new double[1], 0, 0, 1.0, 160, Inverse.MAX_SCALE, Direction.DOWN);
        assertThat(ans.reached()).isTrue();
        assertThat(law.value(p, new double[] {ans.scale()})).isCloseTo(1.0, within(1e-9));
        assertThat(ans.scale()).isBetween(612.8, 800.0);
    }

    /** offset-power y = L0 + (x0/x)^alpha: floors 1 never reach 0.5; floor 0 with x0 = 100, alpha = 1 reaches it at 200. */
    @Test
    void intervalsCountTheResamplesThatNeverReach() {
        Law offset = Laws.byName("offset-power");
        assertThat(offset.parameters()).containsExactly("L0", "x0", "alpha");
        double[][] sets = new double[10][];
        for (int b = 0; b < 10; b++) sets[b] = new double[] {b < 7 ? 1.0 : 0.0, 100, 1};
        Inverse.Interval iv = Inverse.interval(offset, sets, new double[1], 0, 0, 0.5, 1, Inverse.MAX_SCALE, Direction.DOWN, 0.9);
        assertThat(iv.reached()).isEqualTo(3);
        assertThat(iv.notReached()).isEqualTo(7);
        assertThat(iv.hi()).isInfinite();
        assertThat(iv.lo()).isCloseTo(200, within(1e-9));
    }

    /** Compute-optimal intervals: every resample equal to the estimate gives a zero-width interval at budgetFor's answer. */
    @Test
    void budgetIntervalsAgreeWithBudgetFor() {
        double[] p = Presets.byName("hoffmann2022").parameters();
        Plan plan = new ComputeOptimal(CHINCHILLA, p).budgetFor(2.2);
        Inverse.Interval[] iv = Inverse.budgetIntervals(CHINCHILLA, new double[][] {p, p, p}, CostModel.TRAINING, 2.2, 0.9);
        assertThat(iv[0].lo()).isCloseTo(plan.budget(), within(1e-9 * plan.budget()));
        assertThat(iv[1].hi()).isCloseTo(plan.n(), within(1e-9 * plan.n()));
        Inverse.Interval[] none = Inverse.budgetIntervals(CHINCHILLA, new double[][] {p}, CostModel.TRAINING, 1.5, 0.9);
        assertThat(none[0].notReached()).isEqualTo(1);
        assertThat(none[0].lo()).isInfinite();
    }
}
