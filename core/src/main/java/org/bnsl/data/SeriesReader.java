package org.bnsl.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntPredicate;
import org.bnsl.InputException;

/**
 * Turns a {@link Table} into the {@link Series} to fit: which columns are the law's variables,
 * which is y, and optionally which column names the groups, which holds weights, and which rows
 * to keep.
 *
 * <p>Immutable; made by {@link #builder()}. {@link #read(Table)} gives one series per group in
 * order of first appearance (or a single series named after the file stem when there is no
 * group column). Every cell used goes through {@link Table#number(int, int)}, so a bad value is
 * reported as {@code file:line: column 'name': ...}; weights must also be positive.
 *
 * <pre>{@code
 * List<Series> curves = SeriesReader.builder()
 *         .variable("N", "params").variable("D", "tokens")
 *         .y("loss")
 *         .build()
 *         .read(Table.read(Path.of("chinchilla.csv")));
 * }</pre>
 */
public final class SeriesReader {
    private final List<String> variables;
    private final List<String> variableColumns;
    private final String yColumn;
    private final String groupColumn;
    private final String weightColumn;
    private final IntPredicate filter;

    private SeriesReader(Builder b) {
        this.variables = List.copyOf(b.variables);
        this.variableColumns = List.copyOf(b.columns);
        this.yColumn = b.yColumn;
        this.groupColumn = b.groupColumn;
        this.weightColumn = b.weightColumn;
        this.filter = b.filter;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The series in {@code table}, one per group in order of first appearance. A group whose name
     * is empty is called {@code ''}.
     *
     * @throws InputException if a column is missing, a used cell is not a finite number, a weight
     *     is not positive, or the filter keeps no row
     */
    public List<Series> read(Table table) {
        List<Series> out = new ArrayList<>();
        for (Group g : read(table, false)) {
            out.add(g.series());
        }
        return List.copyOf(out);
    }

    /**
     * One group of the table: its series, or, when one of its cells was bad, the one-line reason
     * (file, line, column and what was expected) and no series.
     */
    public record Group(String name, Series series, String error) {
        public boolean failed() {
            return error != null;
        }
    }

    /**
     * As {@link #read(Table)}, but with a group column a bad cell fails only its own group: the
     * group comes back with the error instead of a series, and the other groups are read on. Without
     * a group column a bad cell is still an {@link InputException} for the whole file.
     */
    public List<Group> readGroups(Table table) {
        return read(table, groupColumn != null);
    }

    private List<Group> read(Table table, boolean lenient) {
        int k = variables.size();
        int[] xCols = new int[k];
        for (int j = 0; j < k; j++) {
            xCols[j] = table.column(variableColumns.get(j));
        }
        int yCol = table.column(yColumn);
        int gCol = groupColumn == null ? -1 : table.column(groupColumn);
        int wCol = weightColumn == null ? -1 : table.column(weightColumn);

        Map<String, Points> groups = new LinkedHashMap<>();
        String lastName = null;
        Points last = null;
        int rows = table.rowCount();
        for (int r = 0; r < rows; r++) {
            if (filter != null && !filter.test(r)) {
                continue;
            }
            String name = gCol < 0 ? "" : table.text(r, gCol);
            if (last == null || !name.equals(lastName)) {
                last = groups.get(name);
                if (last == null) {
                    last = new Points(k);
                    groups.put(name, last);
                }
                lastName = name;
            }
            try {
                double w = 1.0;
                if (wCol >= 0) {
                    w = table.number(r, wCol);
                    if (w <= 0) {
                        throw table.at(r, wCol, Table.quote(table.text(r, wCol).trim())
                                + " is not a valid weight, expected a finite number > 0");
                    }
                }
                double[] xs = new double[k];
                for (int j = 0; j < k; j++) {
                    xs[j] = table.number(r, xCols[j]);
                }
                double y = table.number(r, yCol);
                last.grow();
                int i = last.size;
                for (int j = 0; j < k; j++) {
                    last.x[j][i] = xs[j];
                }
                last.y[i] = y;
                last.w[i] = w;
                last.lines[i] = table.line(r);
                last.size++;
            } catch (InputException e) {
                if (!lenient) {
                    throw e;
                }
                if (last.error == null) {
                    last.error = e.getMessage();
                }
            }
        }
        if (groups.isEmpty()) {
            throw new InputException(table.source() + ": no rows left after the filter");
        }

        List<Group> out = new ArrayList<>(groups.size());
        for (Map.Entry<String, Points> e : groups.entrySet()) {
            String name = gCol < 0 ? stem(table.source()) : e.getKey().isEmpty() ? "''" : e.getKey();
            Points pts = e.getValue();
            out.add(pts.error != null ? new Group(name, null, pts.error)
                    : new Group(name, pts.toSeries(name, table.source(), variables, variableColumns, yColumn), null));
        }
        return List.copyOf(out);
    }

    /** The file name without directories and extension: {@code runs/flan.csv} gives {@code flan} (a single curve's name). */
    public static String stem(String source) {
        int slash = Math.max(source.lastIndexOf('/'), source.lastIndexOf('\\'));
        String name = source.substring(slash + 1);
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name.isEmpty() ? source : name;
    }

    /** The variable names, in order. */
    public List<String> variables() { return variables; }

    /** The column each variable is read from, in the order of {@link #variables()}. */
    public List<String> variableColumns() { return variableColumns; }

    public String yColumn() { return yColumn; }

    /** The group column, or null when all rows form one series. */
    public String groupColumn() { return groupColumn; }

    /** The weight column, or null when every point weighs 1. */
    public String weightColumn() { return weightColumn; }

    /** Growable primitive columns for one group. */
    static final class Points {
        double[][] x;
        double[] y = new double[16];
        double[] w = new double[16];
        int[] lines = new int[16];
        int size;
        String error;

        Points(int k) {
            x = new double[k][16];
        }

        void grow() {
            if (size < y.length) return;
            int n = 2 * y.length;
            for (int j = 0; j < x.length; j++) x[j] = Arrays.copyOf(x[j], n);
            y = Arrays.copyOf(y, n);
            w = Arrays.copyOf(w, n);
            lines = Arrays.copyOf(lines, n);
        }

        Series toSeries(String name, String source, List<String> variables, List<String> columns, String yColumn) {
            Series.Builder b = Series.builder().name(name).source(source);
            for (int j = 0; j < x.length; j++) {
                b.variable(variables.get(j), columns.get(j), Arrays.copyOf(x[j], size));
            }
            return b.y(yColumn, Arrays.copyOf(y, size))
                    .weights(Arrays.copyOf(w, size))
                    .lines(Arrays.copyOf(lines, size))
                    .build();
        }
    }

    /** Collects the choices; {@link #build()} checks them. */
    public static final class Builder {
        private final List<String> variables = new ArrayList<>();
        private final List<String> columns = new ArrayList<>();
        private String yColumn;
        private String groupColumn;
        private String weightColumn;
        private IntPredicate filter;

        private Builder() {}

        /** Adds the law variable {@code variable} (e.g. {@code x}, {@code N}), read from {@code column}. */
        public Builder variable(String variable, String column) {
            variables.add(Objects.requireNonNull(variable, "variable"));
            columns.add(Objects.requireNonNull(column, "column"));
            return this;
        }

        /** The column of the measured quantity (loss, error). */
        public Builder y(String column) {
            this.yColumn = Objects.requireNonNull(column, "column");
            return this;
        }

        /** One series per distinct value of {@code column}; null for a single series. */
        public Builder group(String column) {
            this.groupColumn = column;
            return this;
        }

        /** Per-point weights from {@code column} (each finite and > 0); null for weight 1. */
        public Builder weight(String column) {
            this.weightColumn = column;
            return this;
        }

        /** Keeps only the table rows (0-based row indices) the predicate accepts; null keeps all. */
        public Builder filter(IntPredicate rows) {
            this.filter = rows;
            return this;
        }

        /** @throws InputException if no variable or y column was given, or a variable is named twice */
        public SeriesReader build() {
            if (variables.isEmpty()) {
                throw new InputException("no x column given: name at least one variable and its column");
            }
            if (yColumn == null) {
                throw new InputException("no y column given");
            }
            for (int j = 0; j < variables.size(); j++) {
                if (variables.indexOf(variables.get(j)) != j) {
                    throw new InputException("variable " + Table.quote(variables.get(j)) + " is given twice");
                }
            }
            return new SeriesReader(this);
        }
    }
}
