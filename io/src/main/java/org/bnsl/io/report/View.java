package org.bnsl.io.report;

import static org.bnsl.Numbers.format;

import java.util.List;

/**
 * What the report's templates ({@code io/src/main/jte}) draw: plain values, formatted here and
 * escaped by jte. Null attributes are left out of the page (jte's smart attributes).
 */
final class View {
    private View() {
    }

    /**
     * A table cell: its text, an optional class, and for numbers the exact value in
     * {@code data-value} (or an interval's ends in {@code data-lo}, {@code data-hi}) under a
     * {@code data-key}, for scripts and tests.
     */
    record Cell(String text, String cls, String key, String value, String lo, String hi) {
        static Cell text(String t) {
            return new Cell(t, null, null, null, null, null);
        }

        static Cell text(Object t) {
            return text(String.valueOf(t));
        }

        /** A number: the rounded value for reading (with a true minus), the exact one in {@code data-value}. */
        static Cell num(double v, int digits, String key) {
            String shown = Double.isFinite(v) ? format(v, digits).replace('-', '−') : "—";
            return new Cell(shown, null, key, Double.isFinite(v) ? Double.toString(v) : "", null, null);
        }

        /** An interval "lo – hi", its ends exact in {@code data-lo} and {@code data-hi}. */
        static Cell interval(double lo, double hi, int digits, String key) {
            if (!Double.isFinite(lo) || !Double.isFinite(hi)) return new Cell("—", null, key, null, "", "");
            return new Cell(format(lo, digits).replace('-', '−') + " – " + format(hi, digits).replace('-', '−'), null, key, null,
                    Double.toString(lo), Double.toString(hi));
        }

        Cell withClass(String c) {
            return new Cell(text, c, key, value, lo, hi);
        }
    }

    /** A table row; a chosen row (the model comparison's pick) is marked. */
    record Row(List<Cell> cells, boolean chosen) {
        Row(List<Cell> cells) {
            this(cells, false);
        }
    }

    /** A table: an optional caption, the column heads and the rows. */
    record Table(String caption, List<String> heads, List<Row> rows) {
    }

    /** The page: its title, the style and script inlined, and the sections that apply, each already drawn. */
    record Page(String title, String version, String css, String script, List<Part> parts) {
    }

    /** A drawn section of the page. */
    record Part(String id, String title, String html) {
    }

    /** One fact of the data summary: a variable and its column. */
    record Column(String variable, String column) {
    }

    /** The data summary: where the points came from and how they were split, and a table of ranges per group. */
    record Data(String source, String metric, List<Column> scale, String where, int groups, String groupColumn, int fitted, int held,
            String holdoutAbove, String holdoutWhere, Table ranges) {
    }

    /**
     * One fitted law: its formula, how it was fitted (null parts unknown, as for a model read from
     * a file), its parameters (with intervals after a bootstrap) and, for a BNSL, its breaks.
     */
    record Parameters(String anchor, String name, String formula, String law, int breaks, int points, String objective,
            String shift, String bootstrap, Table parameters, Table breakTable) {
    }

    /** One rendering of a chart: the inline SVG, its layout ("wide", "narrow" or "facet") and its smallest text in px. */
    record Chart(String svg, String layout, double minFont) {
    }

    /** A figure: its charts and the caption saying what is drawn. */
    record Plot(List<Chart> charts, boolean facets, boolean held, String band, boolean frontier, boolean breaks) {
    }

    /** A table under a heading (the group's name when there are several), or a one-line note instead. */
    record Group(String heading, String note, Table table) {
    }

    /** The held-out points of every group. */
    record Holdout(boolean perVariable, List<Group> groups) {
    }

    /** The model comparison of every group. */
    record Comparison(List<Group> groups) {
    }

    /** The backtest: its summary table and the first failure, if any. */
    record Backtest(int curves, Table table, int failed, String firstFailure) {
    }

    /** Planning for one group: the closed form (chinchilla) and the table of budgets; or why it cannot plan. */
    record Plan(String heading, String error, Table closedForm, Table plans) {
    }

    /** The planning section. */
    record Planning(String nColumn, String dColumn, String reach, List<Plan> groups) {
    }

    /** The footer: the version and the command that made the page. */
    record Reproduce(String version, String commandLine) {
    }
}
