package org.bnsl.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reads the real published data sets in {@code bnsl.shared.data}; fails (never skips) without them. */
class SharedDataTest {

    private static Table read(String relative) {
        String dir = System.getProperty("bnsl.shared.data");
        if (dir == null || dir.isBlank()) {
            fail("system property bnsl.shared.data is not set; the root POM sets it for surefire");
        }
        Path file = Path.of(dir, relative);
        assertThat(Files.isRegularFile(file)).as("shared data file %s", file).isTrue();
        return Table.read(file);
    }

    @Test
    void fourDigitAddition() {
        Table t = read("bnsl/four_digit_addition.csv");
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
        Table t = read("chinchilla/hoffmann2022_fig4_epoch_extraction.csv");
        assertThat(t.columns()).containsExactly("params", "tokens", "training_flop", "loss");
        assertThat(t.rowCount()).isEqualTo(245);
        Series s = SeriesReader.builder().variable("N", "params").variable("D", "tokens").y("loss").build()
                .read(t).get(0);
        assertThat(s.size()).isEqualTo(245);
        assertThat(s.point(0)).containsExactly(6795600349.289497, 245105957.9245427);
    }

    @Test
    void flanHas14GroupsOf14() {
        Table t = read("sft/flan.csv");
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
        Table t = read("data_constrained/muennighoff2023_runs.csv");
        assertThat(t.columns()).containsExactly("id", "params", "unique_tokens", "tokens", "loss");
        // 182 data rows, not 181: the file's last line has no newline, so `wc -l` says 182 lines
        // for header + 182 rows (Python's csv module agrees: 182 records).
        assertThat(t.rowCount()).isEqualTo(182);
        assertThat(t.line(181)).isEqualTo(183);
        Series s = SeriesReader.builder().variable("N", "params").variable("U", "unique_tokens")
                .variable("D", "tokens").y("loss").build().read(t).get(0);
        assertThat(s.size()).isEqualTo(182);
    }
}
