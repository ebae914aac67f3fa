package org.bnsl.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.bnsl.testing.Examples;
import org.junit.jupiter.api.Test;

/** Reads the real published data sets bundled in {@code examples/}; fails (never skips) without them. */
class ExamplesTest {

    private static Table read(String name) {
        return Table.read(Examples.path(name));
    }

    @Test
    void fourDigitAddition() {
        Table t = read("four_digit_addition.csv");
        assertThat(t.columns()).containsExactly("dataset_size", "test_cross_entropy");
        assertThat(t.rowCount()).isEqualTo(17);
        Series s = SeriesReader.builder().variable("x", "dataset_size").y("test_cross_entropy").build().read(t).get(0);
        assertThat(s.name()).isEqualTo("four_digit_addition");
        assertThat(s.size()).isEqualTo(17);
        assertThat(s.x(0, 0)).isEqualTo(160);
        assertThat(s.y(0)).isEqualTo(2.13809046);
        assertThat(s.line(16)).isEqualTo(18);
    }

    @Test
    void chinchilla() {
        Table t = read("hoffmann2022_fig4_epoch_extraction.csv");
        assertThat(t.columns()).containsExactly("params", "tokens", "training_flop", "loss");
        assertThat(t.rowCount()).isEqualTo(245);
        Series s = SeriesReader.builder().variable("N", "params").variable("D", "tokens").y("loss").build()
                .read(t).get(0);
        assertThat(s.size()).isEqualTo(245);
        assertThat(s.point(0)).containsExactly(6795600349.289497, 245105957.9245427);
    }

    @Test
    void flanHas14GroupsOf14() {
        Table t = read("flan.csv");
        assertThat(t.rowCount()).isEqualTo(196);
        List<Series> groups = SeriesReader.builder().variable("x", "finetune_examples").y("loss").group("model")
                .build().read(t);
        assertThat(groups).hasSize(14);
        assertThat(groups).allSatisfy(g -> assertThat(g.size()).isEqualTo(14));
        assertThat(groups.get(0).name()).isEqualTo("MBZUAI/LaMini-GPT-124M");
        assertThat(groups.get(0).x(0, 0)).isZero();
    }

    @Test
    void muennighoff() {
        Table t = read("muennighoff2023_runs.csv");
        assertThat(t.columns()).containsExactly("id", "params", "unique_tokens", "tokens", "loss");
        // 182 data rows, not 181: the file's last line has no newline, so `wc -l` says 182 lines
        // for header + 182 rows (Python's csv module agrees: 182 records).
        assertThat(t.rowCount()).isEqualTo(182);
        assertThat(t.line(181)).isEqualTo(183);
        Series s = SeriesReader.builder().variable("N", "params").variable("U", "unique_tokens")
                .variable("D", "tokens").y("loss").build().read(t).get(0);
        assertThat(s.size()).isEqualTo(182);
        // the corrected file: tokens seen >= unique tokens on every row (the collected file had them swapped)
        for (int i = 0; i < s.size(); i++) {
            assertThat(s.x(2, i)).as("tokens >= unique_tokens on line %d", s.line(i)).isGreaterThanOrEqualTo(s.x(1, i));
        }
        // run 2b855b9b: 2.8B parameters, 55B tokens seen, 9B unique
        assertThat(s.point(3)).containsExactly(2.81e9, 9e9, 55e9);
    }
}
