package org.bnsl.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.bnsl.data.Table;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CellsTest {
    @Test
    void cellsAreTheTextACsvWouldHold() {
        assertThat(Cells.text(null)).isEmpty();
        assertThat(Cells.text(1.0e9)).isEqualTo("1.0E9");
        assertThat(Double.parseDouble(Cells.text(0.1 + 0.2))).isEqualTo(0.1 + 0.2);
        assertThat(Cells.text(new BigDecimal("1E+3"))).isEqualTo("1000");
        assertThat(Cells.text(7L)).isEqualTo("7");
    }

    /** Whatever order the rows come in (seeded shuffles), the table is the same: by x as numbers, then y, then text. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void theTableDoesNotDependOnTheOrderOfTheRows(long seed) {
        List<String[]> rows = new ArrayList<>(List.of(
                new String[] {"g", "10", "0.5"}, new String[] {"g", "9", "0.7"}, new String[] {"g", "1e2", "0.4"},
                new String[] {"g", "abc", "1"}, new String[] {"g", "", "1"}, new String[] {"g", "9", "0.6"}));
        Collections.shuffle(rows, new Random(seed));
        Table t = new Cells(List.of("group", "x", "y"), List.of("x", "y")).table("evals", rows);
        List<String> order = new ArrayList<>();
        for (int r = 0; r < t.rowCount(); r++) order.add(t.text(r, 1) + "/" + t.text(r, 2) + "@" + t.line(r));
        assertThat(order).containsExactly("9/0.6@1", "9/0.7@2", "10/0.5@3", "1e2/0.4@4", "/1@5", "abc/1@6");
    }
}
