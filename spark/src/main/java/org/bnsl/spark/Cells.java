package org.bnsl.spark;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import org.apache.spark.sql.Row;
import org.bnsl.data.Table;

/**
 * The rows of one group as the {@link Table} {@code bnsl fit} would have read: every cell as text
 * (a number as Java prints it, which parses back to the same double; null as an empty cell), so
 * that every rule and message of the readers applies unchanged.
 *
 * <p>The order of the points. Spark gives a group's rows in no fixed order (it depends on the
 * partitioning), and the order of the points can change a fit in its last digits. So the rows are
 * sorted: by the law's variables, then y, then the weight (as numbers, where they parse), then by
 * the text of every column. A row's "line" in messages is its place in that order (1 = first), so
 * {@code source:3} names the third point of the group.
 */
final class Cells implements Serializable {
    private static final long serialVersionUID = 1L;

    private final List<String> columns;
    /** The columns the rows are sorted by first, as indices into {@link #columns}. */
    private final int[] sortBy;

    /** {@code columns}: the dataset's column names; {@code sortBy}: the names to sort by first (absent ones are skipped). */
    Cells(List<String> columns, List<String> sortBy) {
        this.columns = List.copyOf(columns);
        this.sortBy = sortBy.stream().mapToInt(columns::indexOf).filter(i -> i >= 0).toArray();
    }

    List<String> columns() {
        return columns;
    }

    /** The text of one cell, as a CSV file would hold it. */
    static String text(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof BigDecimal d) {
            return d.toPlainString();
        }
        return v.toString();
    }

    /** The cells of one row. */
    String[] cells(Row row) {
        String[] out = new String[columns.size()];
        for (int c = 0; c < out.length; c++) {
            out[c] = text(row.get(c));
        }
        return out;
    }

    /** The group's rows as a table named {@code source}, sorted as the class comment says. */
    Table table(String source, List<String[]> rows) {
        String[][] sorted = rows.toArray(new String[0][]);
        Arrays.sort(sorted, order());
        int[] lines = new int[sorted.length];
        Arrays.setAll(lines, i -> i + 1);
        return Table.of(source, new ArrayList<>(columns), sorted, lines);
    }

    private Comparator<String[]> order() {
        return (a, b) -> {
            for (int c : sortBy) {
                int k = compareCells(a[c], b[c]);
                if (k != 0) return k;
            }
            for (int c = 0; c < a.length; c++) {
                int k = a[c].compareTo(b[c]);
                if (k != 0) return k;
            }
            return 0;
        };
    }

    /** Numbers in numeric order, before any cell that is not a number (those in text order). */
    static int compareCells(String a, String b) {
        double x = number(a);
        double y = number(b);
        if (!Double.isNaN(x) && !Double.isNaN(y)) {
            int k = Double.compare(x, y);
            return k != 0 ? k : a.compareTo(b);
        }
        if (!Double.isNaN(x)) return -1;
        if (!Double.isNaN(y)) return 1;
        return a.compareTo(b);
    }

    private static double number(String s) {
        try {
            return Double.parseDouble(s.strip());
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
