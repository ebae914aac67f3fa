package org.bnsl.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.bnsl.InputException;
import org.bnsl.testing.SyntheticLaws;
import org.junit.jupiter.api.Test;

class DensityTest {

    static List<Density.Model> table(String csv) {
        List<Density.Model> out = new ArrayList<>();
        String[] lines = csv.split("\n");
        for (int i = 1; i < lines.length; i++) {
            String[] f = lines[i].split(",");
            out.add(new Density.Model(f[0], LocalDate.parse(f[1]), Double.parseDouble(f[2]), Double.parseDouble(f[3])));
        }
        return out;
    }

    /**
     * The synthetic set's envelope doubles every 3.3 months (Xiao et al. 2024's headline figure);
     * inverting hoffmann2022 numerically and fitting the envelope recovers it, inside its interval.
     */
    @Test
    void recoversAKnownDoublingTimeOf3point3Months() {
        List<Density.Model> models = table(SyntheticLaws.densing());
        assertThat(models).hasSize(60);
        ComputeOptimal reference = Presets.byName("hoffmann2022").planner(CostModel.TRAINING);
        Density.Result r = Density.fit(models, Density.effectiveSize(reference), 400, 1, 0.9);
        assertThat(r.unreached()).isZero();
        assertThat(r.doublingMonths()).isCloseTo(SyntheticLaws.DOUBLING_MONTHS, within(0.1));
        assertThat(r.lo() / Density.DAYS_PER_MONTH).isLessThan(SyntheticLaws.DOUBLING_MONTHS);
        assertThat(r.hi() / Density.DAYS_PER_MONTH).isGreaterThan(SyntheticLaws.DOUBLING_MONTHS);
        assertThat(r.hi() / r.lo()).isLessThan(1.3);
        // N̂ is recovered: the first model on the line has ln ρ ≈ −3 at t = 0
        assertThat(r.lnDensityAt(0)).isCloseTo(-3, within(0.1));
        long onEnvelope = r.rows().stream().filter(Density.Row::envelope).count();
        assertThat(onEnvelope).isBetween(20L, 30L);
    }

    /** The envelope: a model is on it when nothing released on or before its date is denser. */
    @Test
    void theEnvelopeIsTheRunningMaximum() {
        LocalDate d0 = LocalDate.of(2024, 1, 1);
        // effective size = score itself, so ρ = score / N
        List<Density.Model> ms = List.of(new Density.Model("a", d0, 1, 1), new Density.Model("b", d0.plusDays(10), 1, 0.5),
                new Density.Model("c", d0.plusDays(20), 1, 2), new Density.Model("d", d0.plusDays(20), 1, 4),
                new Density.Model("e", d0.plusDays(30), 1, 3), new Density.Model("f", d0.plusDays(40), 1, 8));
        Density.Result r = Density.fit(ms, s -> s, 50, 1, 0.9);
        assertThat(r.rows().stream().filter(Density.Row::envelope).map(x -> x.model().name())).containsExactly("a", "d", "f");
        // through (0, ln 1), (20, ln 4), (40, ln 8): OLS slope = (ln 8 − ln 1)/40
        assertThat(r.slope()).isCloseTo(Math.log(8) / 40, within(1e-12));
        assertThat(r.doublingDays()).isCloseTo(40 / 3.0, within(1e-9));
    }

    @Test
    void modelsTheReferenceNeverReachesAreLeftOutAndCounted() {
        LocalDate d0 = LocalDate.of(2024, 1, 1);
        List<Density.Model> ms = List.of(new Density.Model("a", d0, 1, 1), new Density.Model("b", d0.plusDays(10), 1, 2),
                new Density.Model("c", d0.plusDays(20), 1, -1));
        Density.Result r = Density.fit(ms, s -> s > 0 ? s : Double.NaN, 10, 1, 0.9);
        assertThat(r.unreached()).isEqualTo(1);
        assertThat(r.rows().get(2).density()).isNaN();
        assertThatThrownBy(() -> Density.fit(ms.subList(0, 1), s -> s, 10, 1, 0.9)).isInstanceOf(InputException.class)
                .hasMessageContaining("at least 2 models");
        assertThatThrownBy(() -> Density.fit(List.of(ms.get(0), new Density.Model("z", d0, 1, 0.5)), s -> s, 10, 1, 0.9))
                .isInstanceOf(InputException.class).hasMessageContaining("2 release dates");
    }
}
