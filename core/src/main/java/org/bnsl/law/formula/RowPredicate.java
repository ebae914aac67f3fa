package org.bnsl.law.formula;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntToDoubleFunction;
import org.bnsl.InputException;
import org.bnsl.law.formula.Node.Name;

/**
 * A condition on the numeric columns of a row, for {@code --where "loss < 3.4469"} and
 * {@code --holdout-where "tokens >= 6e11 or params >= 4.2465e9"}.
 *
 * <p>Arithmetic and functions are those of {@link Formula}, over column names; on top come the
 * comparisons {@code < <= > >= == !=}, then {@code not} (or {@code !}), {@code and} ({@code &&})
 * and {@code or} ({@code ||}), in that order of increasing looseness, so
 * {@code not a < 1 or b > 2 and c == 3} is {@code (not (a < 1)) or ((b > 2) and (c == 3))}.
 * The grammar is in the {@linkplain org.bnsl.law.formula package documentation}.
 *
 * <p>Comparisons follow Java: any comparison with NaN is false except {@code !=}, which is true.
 *
 * <p>Errors are {@link InputException}s whose message starts with the option name, e.g.
 * {@code --where: expected a comparison at column 9}. Immutable and thread-safe.
 */
public final class RowPredicate {
    private final String text;
    private final String optionName;
    private final Node root;
    /** Each column the predicate uses, once, in order of first appearance, with that column (1-based). */
    private final Map<String, Integer> firstColumn;

    private RowPredicate(String text, String optionName, Node root, Map<String, Integer> firstColumn) {
        this.text = text;
        this.optionName = optionName;
        this.root = root;
        this.firstColumn = firstColumn;
    }

    /** Parses {@code text}; {@code optionName} (e.g. {@code --where}) prefixes every error message. */
    public static RowPredicate compile(String text, String optionName) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(optionName, "optionName");
        Errors errors = new Errors(optionName + ": ", text, "input");
        Parser.Parsed parsed = Parser.predicate(text, errors);
        Map<String, Integer> first = new LinkedHashMap<>();
        for (Name n : parsed.names()) {
            first.putIfAbsent(n.name(), n.column());
        }
        return new RowPredicate(text, optionName, parsed.root(), first);
    }

    public String text() {
        return text;
    }

    /** The column names the predicate uses, each once, in order of first appearance. */
    public List<String> columns() {
        return List.copyOf(firstColumn.keySet());
    }

    /**
     * Resolves the column names against a table's header.
     *
     * @throws InputException {@code --where: unknown column 'foo' at column 1; the columns are: a, b, c}
     */
    public Bound bind(List<String> tableColumns) {
        Map<String, Integer> index = new HashMap<>();
        for (int j = 0; j < tableColumns.size(); j++) {
            index.putIfAbsent(tableColumns.get(j), j);
        }
        List<String> used = columns();
        int[] tableIndex = new int[used.size()];
        Map<String, Integer> local = new HashMap<>();
        for (int u = 0; u < used.size(); u++) {
            String c = used.get(u);
            Integer j = index.get(c);
            if (j == null) {
                throw new InputException(optionName + ": unknown column '" + c + "' at column "
                        + firstColumn.get(c) + "; the columns are: " + String.join(", ", tableColumns));
            }
            tableIndex[u] = j;
            local.put(c, u);
        }
        Program program = Program.compile(root, name -> -1 - local.get(name.name()), 0, used.size());
        return new Bound(this, program, tableIndex, List.copyOf(tableColumns));
    }

    @Override
    public String toString() {
        return optionName + " " + text;
    }

    /**
     * The predicate with its columns resolved to positions in one table. Immutable and thread-safe;
     * the {@code test} methods do not allocate.
     */
    public static final class Bound {
        private final RowPredicate predicate;
        private final Program program;
        private final int[] tableIndex;
        private final List<String> tableColumns;

        private Bound(RowPredicate predicate, Program program, int[] tableIndex, List<String> tableColumns) {
            this.predicate = predicate;
            this.program = program;
            this.tableIndex = tableIndex;
            this.tableColumns = tableColumns;
        }

        public RowPredicate predicate() {
            return predicate;
        }

        public List<String> tableColumns() {
            return tableColumns;
        }

        /** The table positions of the columns the predicate reads, in the order of {@link RowPredicate#columns()}. */
        public int[] columnIndexes() {
            return tableIndex.clone();
        }

        /** Tests one row given as all its values in the table's column order. */
        public boolean test(double[] row) {
            Program.Workspace ws = program.workspace();
            double[] in = ws.in;
            for (int u = 0; u < tableIndex.length; u++) in[u] = row[tableIndex[u]];
            return program.value(null, in, ws) != 0;
        }

        /**
         * Tests one row whose values are read on demand: {@code column.applyAsDouble(j)} is the value
         * in table column {@code j}; only the columns the predicate uses are read, once each.
         */
        public boolean test(IntToDoubleFunction column) {
            Program.Workspace ws = program.workspace();
            double[] in = ws.in;
            for (int u = 0; u < tableIndex.length; u++) in[u] = column.applyAsDouble(tableIndex[u]);
            return program.value(null, in, ws) != 0;
        }

        /**
         * Tests every row of a column-major table: {@code columns[j][i]} is column {@code j} at row
         * {@code i}. Returns one flag per row (allocates that array).
         */
        public boolean[] select(double[][] columns) {
            int n = columns.length == 0 ? 0 : columns[tableIndex.length > 0 ? tableIndex[0] : 0].length;
            boolean[] keep = new boolean[n];
            Program.Workspace ws = program.workspace();
            double[] in = ws.in;
            for (int i = 0; i < n; i++) {
                for (int u = 0; u < tableIndex.length; u++) in[u] = columns[tableIndex[u]][i];
                keep[i] = program.value(null, in, ws) != 0;
            }
            return keep;
        }

        @Override
        public String toString() {
            return predicate + " over " + tableColumns;
        }
    }
}
