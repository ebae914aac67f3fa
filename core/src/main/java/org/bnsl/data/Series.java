package org.bnsl.data;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One curve to fit: points (x₁…x_k, y), where each x is one of the law's variables.
 *
 * <p>Immutable. Variable values are stored column-major: {@code x(j)[i]} is variable {@code j} at
 * point {@code i}. Each point remembers the line of the file it came from, so later stages
 * (a law that needs positive x, say) can name the offending line in their error message.
 */
public final class Series {
    private final String name;
    private final String source;
    private final List<String> variables;
    private final List<String> columns;
    private final String yColumn;
    private final double[][] x;
    private final double[] y;
    private final double[] weights;
    private final int[] lines;

    private Series(Builder b) {
        this.name = b.name;
        this.source = b.source;
        this.variables = List.copyOf(b.variables);
        this.columns = List.copyOf(b.columns);
        this.yColumn = b.yColumn;
        this.x = b.x;
        this.y = b.y;
        this.weights = b.weights;
        this.lines = b.lines;
    }

    /** A series of one variable, named {@code x}, read from nowhere in particular (tests, synthetic data). */
    public static Series of(String name, double[] x, double[] y) {
        int[] lines = new int[x.length];
        Arrays.setAll(lines, i -> i + 2);
        return builder().name(name).source("<memory>").variable("x", "x", x).y("y", y).lines(lines).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The group name, or the file name when there are no groups. */
    public String name() { return name; }

    /** Where the points came from, for error messages (a file name as the user gave it). */
    public String source() { return source; }

    /** Variable names as the law knows them ({@code x}, or {@code N}, {@code D}). */
    public List<String> variables() { return variables; }

    /** The column each variable was read from, in the order of {@link #variables()}. */
    public List<String> columns() { return columns; }

    public String yColumn() { return yColumn; }

    public int size() { return y.length; }

    public int dimension() { return x.length; }

    /** Values of variable {@code j}; the array is a copy. */
    public double[] x(int j) { return x[j].clone(); }

    /** Values of the only (first) variable; the array is a copy. */
    public double[] x() { return x[0].clone(); }

    public double x(int j, int i) { return x[j][i]; }

    /** The point {@code i} as an array of variable values (a fresh array). */
    public double[] point(int i) {
        double[] p = new double[x.length];
        for (int j = 0; j < x.length; j++) {
            p[j] = x[j][i];
        }
        return p;
    }

    public double[] y() { return y.clone(); }

    public double y(int i) { return y[i]; }

    /** Per-point weights, all 1 unless the user gave a weight column; a copy. */
    public double[] weights() { return weights.clone(); }

    public double weight(int i) { return weights[i]; }

    /** The line of the source file point {@code i} came from (1-based; the header is line 1). */
    public int line(int i) { return lines[i]; }

    /** "file:line" for point i, the prefix of every error message about that point. */
    public String where(int i) {
        return source + ":" + lines[i];
    }

    /** The points for which {@code keep[i]} is true, in order. */
    public Series select(boolean[] keep) {
        int n = 0;
        for (boolean k : keep) {
            if (k) n++;
        }
        double[][] nx = new double[x.length][n];
        double[] ny = new double[n];
        double[] nw = new double[n];
        int[] nl = new int[n];
        int m = 0;
        for (int i = 0; i < y.length; i++) {
            if (!keep[i]) continue;
            for (int j = 0; j < x.length; j++) nx[j][m] = x[j][i];
            ny[m] = y[i];
            nw[m] = weights[i];
            nl[m] = lines[i];
            m++;
        }
        Builder b = toBuilder();
        b.x = nx;
        b.y = ny;
        b.weights = nw;
        b.lines = nl;
        return new Series(b);
    }

    /** The same points with each variable's values shifted by {@code offset} (for {@code --x-offset}). */
    public Series shiftX(double offset) {
        Builder b = toBuilder();
        b.x = new double[x.length][];
        for (int j = 0; j < x.length; j++) {
            b.x[j] = x[j].clone();
            for (int i = 0; i < b.x[j].length; i++) b.x[j][i] += offset;
        }
        return new Series(b);
    }

    private Builder toBuilder() {
        Builder b = new Builder();
        b.name = name;
        b.source = source;
        b.variables.addAll(variables);
        b.columns.addAll(columns);
        b.yColumn = yColumn;
        b.x = x;
        b.y = y;
        b.weights = weights;
        b.lines = lines;
        return b;
    }

    /** Builds a {@link Series}; {@link #build()} checks that the arrays agree in length. */
    public static final class Builder {
        private String name = "series";
        private String source = "<memory>";
        private final java.util.ArrayList<String> variables = new java.util.ArrayList<>();
        private final java.util.ArrayList<String> columns = new java.util.ArrayList<>();
        private final java.util.ArrayList<double[]> xs = new java.util.ArrayList<>();
        private String yColumn = "y";
        private double[][] x;
        private double[] y;
        private double[] weights;
        private int[] lines;

        public Builder name(String name) { this.name = name; return this; }

        public Builder source(String source) { this.source = source; return this; }

        /** Adds a variable called {@code variable}, read from {@code column}. */
        public Builder variable(String variable, String column, double[] values) {
            variables.add(variable);
            columns.add(column);
            xs.add(values.clone());
            return this;
        }

        public Builder y(String column, double[] values) {
            this.yColumn = column;
            this.y = values.clone();
            return this;
        }

        public Builder weights(double[] w) { this.weights = w.clone(); return this; }

        public Builder lines(int[] lines) { this.lines = lines.clone(); return this; }

        public Series build() {
            Objects.requireNonNull(y, "y");
            if (x == null) {
                if (xs.isEmpty()) throw new IllegalStateException("a series needs at least one variable");
                x = xs.toArray(new double[0][]);
            }
            for (double[] col : x) {
                if (col.length != y.length) {
                    throw new IllegalStateException("variable and y lengths differ: " + col.length + " vs " + y.length);
                }
            }
            if (weights == null) {
                weights = new double[y.length];
                Arrays.fill(weights, 1.0);
            }
            if (lines == null) {
                lines = new int[y.length];
                Arrays.setAll(lines, i -> i + 2);
            }
            if (weights.length != y.length || lines.length != y.length) {
                throw new IllegalStateException("weights or lines length differs from y");
            }
            return new Series(this);
        }
    }
}
