package org.bnsl.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import org.bnsl.InputException;
import org.bnsl.law.Law;
import org.bnsl.law.Laws;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ComputeOptimalTest {
    private static final Law CHINCHILLA = Laws.byName("chinchilla");

    @Test
    void hoffmannClosedFormExponentsAreExact() {
        ClosedForm cf = Presets.byName("hoffmann2022").closedForm();
        // β/(α+β) in floating point: 0.34 + 0.28 rounds to one ulp above 0.62, so allow two ulps
        assertThat(cf.a()).isCloseTo(0.28 / 0.62, within(2 * Math.ulp(0.45)));
        assertThat(cf.b()).isCloseTo(0.34 / 0.62, within(2 * Math.ulp(0.55)));
        assertThat(cf.a() + cf.b()).isCloseTo(1, within(2 * Math.ulp(1.0)));
    }

    /**
     * The seed article's rounded forms for hoffmann2022: N*(C) ≈ 0.6·C^0.45, D*(C) ≈ 0.3·C^0.55,
     * L*(C) ≈ 1070·C^(−0.154) + 1.7. Our coefficients: G·6^(−a) = 0.5987, G⁻¹·6^(−b) = 0.2784,
     * A·(G·6^(−a))^(−α) + B·(G⁻¹·6^(−b))^(−β) = 1071.4, exponent αβ/(α+β) = 0.15355 (both terms).
     */
    @Test
    void hoffmannClosedFormMatchesSeedRounding() {
        ClosedForm cf = Presets.byName("hoffmann2022").closedForm();
        double nCoef = cf.g() * Math.pow(6, -cf.a());
        double dCoef = Math.pow(6, -cf.b()) / cf.g();
        assertThat(nCoef).isCloseTo(0.6, within(0.05));
        assertThat(cf.a()).isCloseTo(0.45, within(0.005));
        assertThat(dCoef).isCloseTo(0.3, within(0.05));
        assertThat(cf.b()).isCloseTo(0.55, within(0.005));
        double nExp = cf.alpha() * cf.a();
        double dExp = cf.beta() * cf.b();
        assertThat(nExp).isCloseTo(dExp, within(1e-15));
        assertThat(nExp).isCloseTo(0.154, within(0.0005));
        double lCoef = cf.bigA() * Math.pow(nCoef, -cf.alpha()) + cf.bigB() * Math.pow(dCoef, -cf.beta());
        assertThat(lCoef).isCloseTo(1070, within(5.0));
        for (double c : new double[] {1e20, 1e24}) {
            assertThat(cf.nOpt(c)).isCloseTo(nCoef * Math.pow(c, cf.a()), within(1e-12 * cf.nOpt(c)));
            assertThat(cf.lossOpt(c)).isCloseTo(1.69 + lCoef * Math.pow(c, -nExp), within(1e-12));
            assertThat(cf.nOpt(c) * cf.dOpt(c) * 6).isCloseTo(c, within(1e-12 * c));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"hoffmann2022", "besiroglu2024"})
    void numericSolverMatchesClosedForm(String preset) {
        Presets.Preset p = Presets.byName(preset);
        ClosedForm cf = p.closedForm();
        ComputeOptimal co = p.planner(CostModel.TRAINING);
        for (int e = 18; e <= 26; e++) {
            double c = Math.pow(10, e);
            Plan num = co.plan(c);
            assertThat(num.n()).as("N* at 1e%d", e).isCloseTo(cf.nOpt(c), within(1e-6 * cf.nOpt(c)));
            assertThat(num.d()).as("D* at 1e%d", e).isCloseTo(cf.dOpt(c), within(1e-6 * cf.dOpt(c)));
            assertThat(num.loss()).as("L* at 1e%d", e).isCloseTo(cf.lossOpt(c), within(1e-6 * cf.lossOpt(c)));
        }
    }

    /**
     * For 100 random Chinchilla laws (α, β in [0.2, 0.6], A, B in [e³, e⁸], E in [0.5, 2.5], C in
     * 1e16…1e26: optima well inside one parameter to one token), no other allocation of the same cost
     * does better than the plan.
     */
    @Test
    void plannedAllocationBeatsOthersOfSameCost() {
        Random rnd = new Random(20240611L);
        double[] x = new double[2];
        for (int t = 0; t < 100; t++) {
            double[] p = {0.5 + 2 * rnd.nextDouble(), Math.exp(3 + 5 * rnd.nextDouble()), Math.exp(3 + 5 * rnd.nextDouble()),
                0.2 + 0.4 * rnd.nextDouble(), 0.2 + 0.4 * rnd.nextDouble()};
            double c = Math.pow(10, 16 + 10 * rnd.nextDouble());
            Plan plan = new ComputeOptimal(CHINCHILLA, p).plan(c);
            double lnNstar = Math.log(plan.n());
            for (int j = 0; j < 50; j++) {
                double n = Math.exp(lnNstar + (j < 25 ? 6 : 0.02) * (rnd.nextDouble() - 0.5));
                x[0] = n;
                x[1] = c / (6 * n);
                double other = CHINCHILLA.value(p, x);
                // to rounding: 25 of the others lie within ±0.01 of ln N*, where L differs from L* in the last bits
                assertThat(plan.loss()).as("law %d, other N = %g", t, n).isLessThanOrEqualTo(other + 4 * Math.ulp(other));
            }
        }
    }

    /** Hoffmann et al. 2022 trained Chinchilla (70B, 1.4T tokens) at 5.76e23 FLOP: "about 20 tokens per parameter"
     *  is their Approach 1/2; their Approach 3 fit (this preset) gives about 93. */
    @Test
    void chinchillaBudgetTokensPerParameter() {
        Plan pl = Presets.byName("hoffmann2022").planner(CostModel.TRAINING).plan(5.76e23);
        assertThat(pl.tokensPerParam()).isCloseTo(93, within(1.0));
        assertThat(Presets.byName("hoffmann2022").closedForm().plan(5.76e23).tokensPerParam())
                .isCloseTo(pl.tokensPerParam(), within(1e-5));
    }

    @ParameterizedTest
    @ValueSource(doubles = {2.5, 2.0, 1.8, 1.7})
    void budgetForInvertsPlan(double target) {
        ComputeOptimal co = Presets.byName("hoffmann2022").planner(CostModel.TRAINING);
        Plan pl = co.budgetFor(target);
        assertThat(pl.loss()).isCloseTo(target, within(1e-9));
        assertThat(co.plan(pl.budget()).loss()).isCloseTo(target, within(1e-9));
        assertThat(co.plan(pl.budget() * 0.99).loss()).isGreaterThan(target);
    }

    /** Kaplan et al. 2020 eq. 1.5 with their Table 2 values (Nc 8.8e13, Dc 5.4e13, αN 0.076, αD 0.095): no floor term. */
    @Test
    void budgetForGeneralLawUsesEstimatedFloor() {
        ComputeOptimal co = new ComputeOptimal(Laws.byName("kaplan"), new double[] {8.8e13, 5.4e13, 0.076, 0.095});
        Plan pl = co.budgetFor(2.0);
        assertThat(pl.loss()).isCloseTo(2.0, within(1e-9));
        assertThat(co.plan(pl.budget() * 0.99).loss()).isGreaterThan(2.0);
        double floor = co.floor();
        assertThat(floor).isEqualTo(co.plan(ComputeOptimal.MAX_BUDGET).loss()).isPositive().isLessThan(0.1);
        assertThatThrownBy(() -> co.budgetFor(floor / 2)).isInstanceOf(InputException.class)
                .hasMessageContaining("is at or below the law's floor").hasMessageContaining("estimated as L* at 1e+100 FLOP");
        assertThatThrownBy(() -> co.budgetFor(100)).isInstanceOf(InputException.class)
                .hasMessageContaining("reached already at the smallest budget");
    }

    @Test
    void targetAtOrBelowFloorErrors() {
        ComputeOptimal co = Presets.byName("hoffmann2022").planner(CostModel.TRAINING);
        assertThatThrownBy(() -> co.budgetFor(1.6)).isInstanceOf(InputException.class)
                .hasMessage("target loss 1.6 is at or below the law's floor E = 1.69: no budget reaches it");
        assertThatThrownBy(() -> co.budgetFor(1.69)).isInstanceOf(InputException.class).hasMessageContaining("floor E = 1.69");
        assertThatThrownBy(() -> co.budgetFor(1.69 + 1e-14)).isInstanceOf(InputException.class)
                .hasMessageContaining("needs more than 1e+100 FLOP");
        assertThat(co.floor()).isEqualTo(1.69);
    }

    @Test
    void badBudgetsError() {
        ComputeOptimal co = Presets.byName("hoffmann2022").planner(CostModel.TRAINING);
        assertThatThrownBy(() -> co.plan(-1)).isInstanceOf(InputException.class).hasMessage("budget must be positive, got -1");
        assertThatThrownBy(() -> co.plan(0)).isInstanceOf(InputException.class).hasMessage("budget must be positive, got 0");
        assertThatThrownBy(() -> co.plan(Double.NaN)).isInstanceOf(InputException.class);
        assertThatThrownBy(() -> co.plan(Double.POSITIVE_INFINITY)).isInstanceOf(InputException.class);
        assertThatThrownBy(() -> co.plan(59)).isInstanceOf(InputException.class).hasMessageContaining("too small");
        assertThatThrownBy(() -> co.planRange(1e22, 1e20, 5)).isInstanceOf(InputException.class)
                .hasMessageContaining("lowest < highest");
        assertThatThrownBy(() -> co.planRange(1e20, 1e20, 5)).isInstanceOf(InputException.class);
        assertThatThrownBy(() -> co.planRange(1e20, 1e22, 1)).isInstanceOf(InputException.class);
    }

    @Test
    void planRangeIsLogSpacedAndMonotone() {
        ComputeOptimal co = Presets.byName("besiroglu2024").planner(CostModel.TRAINING);
        List<Plan> r = co.planRange(1e18, 1e22, 5);
        assertThat(r).hasSize(5);
        for (int i = 0; i < 5; i++) {
            assertThat(r.get(i).budget()).isCloseTo(Math.pow(10, 18 + i), within(1e-9 * Math.pow(10, 18 + i)));
            if (i > 0) {
                assertThat(r.get(i).loss()).isLessThan(r.get(i - 1).loss());
                assertThat(r.get(i).n()).isGreaterThan(r.get(i - 1).n());
            }
        }
    }

    @Test
    void lawNotInNAndDErrors() {
        assertThatThrownBy(() -> new ComputeOptimal(Laws.byName("power"), new double[] {1, 0.5}))
                .isInstanceOf(InputException.class).hasMessageStartingWith("law 'power' is not a law in N and D");
        assertThatThrownBy(() -> new ComputeOptimal(CHINCHILLA, new double[] {1, 2}))
                .isInstanceOf(InputException.class).hasMessageContaining("takes 5 parameters");
    }

    /** Sardana et al. 2023: serving D_inf tokens costs 2·N·D_inf, so the optimum moves to a smaller model. */
    @Test
    void inferenceAwareCostShiftsToSmallerModels() {
        Presets.Preset p = Presets.byName("hoffmann2022");
        double c = 1e23;
        Plan train = p.planner(CostModel.TRAINING).plan(c);
        CostModel withInf = CostModel.withInference(2e12);
        Plan inf = p.planner(withInf).plan(c);
        assertThat(inf.n()).isLessThan(train.n());
        assertThat(inf.tokensPerParam()).isGreaterThan(train.tokensPerParam());
        assertThat(inf.loss()).isGreaterThan(train.loss());
        assertThat(withInf.cost(inf.n(), inf.d())).isCloseTo(c, within(1e-12 * c));
        assertThat(CostModel.TRAINING.cost(train.n(), train.d())).isCloseTo(c, within(1e-12 * c));
        // the plan is the best of the iso-cost curve under the inference-aware cost too
        double[] x = new double[2];
        for (double f : new double[] {0.5, 0.8, 0.95, 1.05, 1.2}) {
            x[0] = inf.n() * f;
            x[1] = withInf.tokens(c, x[0]);
            assertThat(inf.loss()).isLessThan(p.law().value(p.parameters(), x));
        }
    }

    @Test
    void unknownPresetListsKnownNames() {
        assertThatThrownBy(() -> Presets.byName("kaplan2020")).isInstanceOf(InputException.class)
                .hasMessage("unknown preset 'kaplan2020'; known presets: hoffmann2022, besiroglu2024");
        assertThat(Presets.byName("besiroglu2024").law().parameters()).containsExactly("E", "A", "B", "alpha", "beta");
    }

    @Test
    void intervalsOverParameterVectors() {
        Random rnd = new Random(7);
        double[] base = Presets.byName("hoffmann2022").parameters();
        double[][] sets = new double[400][];
        for (int i = 0; i < sets.length; i++) {
            sets[i] = base.clone();
            sets[i][3] *= 1 + 0.05 * rnd.nextGaussian();
            sets[i][4] *= 1 + 0.05 * rnd.nextGaussian();
        }
        double c = 1e23;
        PlanIntervals iv = ComputeOptimal.intervals(CHINCHILLA, sets, CostModel.TRAINING, c, 0.9);
        Plan point = Presets.byName("hoffmann2022").planner(CostModel.TRAINING).plan(c);
        assertThat(iv.used()).isEqualTo(400);
        assertThat(iv.failed()).isZero();
        assertThat(iv.n().contains(point.n())).isTrue();
        assertThat(iv.d().contains(point.d())).isTrue();
        assertThat(iv.loss().contains(point.loss())).isTrue();
        assertThat(iv.n().lo()).isLessThan(iv.n().hi());
        assertThatThrownBy(() -> ComputeOptimal.intervals(CHINCHILLA, sets, CostModel.TRAINING, c, 1.0))
                .isInstanceOf(InputException.class);
    }
}
