package org.bnsl.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;

import org.bnsl.InputException;
import org.bnsl.law.Law;
import org.bnsl.law.Laws;
import org.bnsl.testing.SyntheticLaws;
import org.junit.jupiter.api.Test;

class TransferTest {
    private static final Law KAPLAN = Laws.byName("kaplan");

    static List<Transfer.Run> runs(String csv) {
        List<Transfer.Run> out = new ArrayList<>();
        String[] lines = csv.split("\n");
        for (int i = 1; i < lines.length; i++) {
            String[] f = lines[i].split(",");
            out.add(new Transfer.Run("line " + (i + 1), Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2])));
        }
        return out;
    }

    /** Noise-free runs made from Hernandez et al.'s text → Python constants give them back exactly. */
    @Test
    void recoversThePublishedConstantsWithoutNoise() {
        assertThat(KAPLAN.parameters()).containsExactly("Nc", "Dc", "alphaN", "alphaD");
        List<Transfer.Run> rs = new ArrayList<>();
        for (double n : new double[] {1e6, 1e7, 1e8, 1e9}) {
            for (double df : new double[] {1e5, 1e6, 1e7}) {
                double de = df + SyntheticLaws.TRANSFER_K * Math.pow(df, SyntheticLaws.TRANSFER_ALPHA)
                        * Math.pow(n, SyntheticLaws.TRANSFER_BETA);
                rs.add(new Transfer.Run("r", n, df, KAPLAN.value(SyntheticLaws.KAPLAN, new double[] {n, de})));
            }
        }
        Transfer.Result r = Transfer.fit(KAPLAN, SyntheticLaws.KAPLAN, 0, rs, 50, 1, 0.9);
        assertThat(r.used()).isEqualTo(12);
        assertThat(r.alpha().estimate()).isCloseTo(0.18, within(1e-6));
        assertThat(r.beta().estimate()).isCloseTo(0.38, within(1e-6));
        assertThat(r.k().estimate()).isCloseTo(1.9e4, within(1.9e4 * 1e-4));
    }

    /** The bundled noisy runs (0.1% loss noise) still give the constants within their intervals. */
    @Test
    void recoversTheConstantsFromTheNoisySyntheticRuns() {
        Transfer.Result r = Transfer.fit(KAPLAN, SyntheticLaws.KAPLAN, 0, runs(SyntheticLaws.transferFinetune()), 200, 1, 0.9);
        assertThat(r.used()).isEqualTo(35);
        assertThat(r.alpha().lo()).isLessThan(0.18);
        assertThat(r.alpha().hi()).isGreaterThan(0.18);
        assertThat(r.beta().lo()).isLessThan(0.38);
        assertThat(r.beta().hi()).isGreaterThan(0.38);
        assertThat(r.alpha().estimate()).isCloseTo(0.18, within(0.03));
        assertThat(r.beta().estimate()).isCloseTo(0.38, within(0.03));
    }

    @Test
    void needsALawInNAndDAndEnoughRuns() {
        assertThatThrownBy(() -> Transfer.fit(Laws.byName("power"), new double[] {1, 1}, 0, List.of(), 10, 1, 0.9))
                .isInstanceOf(InputException.class).hasMessageContaining("law in N and D");
        List<Transfer.Run> two = List.of(new Transfer.Run("a", 1e6, 1e5, 5.0), new Transfer.Run("b", 1e6, 1e6, 4.9));
        assertThatThrownBy(() -> Transfer.fit(KAPLAN, SyntheticLaws.KAPLAN, 0, two, 10, 1, 0.9))
                .isInstanceOf(InputException.class).hasMessageContaining("at least 4 runs");
    }
}
