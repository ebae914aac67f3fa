package org.bnsl.spark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;

import org.apache.spark.api.java.function.FlatMapGroupsFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.bnsl.InputException;
import org.bnsl.data.SeriesReader;
import org.bnsl.data.Table;
import org.bnsl.io.Backtests;
import org.bnsl.io.Bnsl;
import org.bnsl.io.FitRun;
import org.bnsl.io.FitSpec;
import org.bnsl.io.GroupResult;
import org.bnsl.io.OptionException;
import org.bnsl.io.model.ModelFile;
import org.bnsl.io.render.BacktestReport;
import org.bnsl.io.render.FitReport;
import org.bnsl.io.render.Json;
import org.bnsl.law.formula.RowPredicate;
import org.bnsl.select.Backtest;
import org.bnsl.select.Extrapolation;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * bnsl on Apache Spark: {@code bnsl fit --group COL} for a {@link Dataset}, one fit per group, on
 * as many executors as the cluster has.
 *
 * <pre>{@code
 * Dataset<Row> evals = spark.read().parquet("s3://lab/evals/");
 * FitSpec spec = FitSpec.builder().x("compute").y("loss").group("task").law("auto").bootstrap(200).build();
 * Dataset<Row> fits = BnslSpark.fit(evals, spec);   // one row per task (see the columns below)
 * fits.write().parquet("s3://lab/fits/");
 * }</pre>
 *
 * <p>How. The rows are grouped by the text of the group column ({@code groupByKey}, so a group is
 * never split across tasks) and each group is fitted by {@link Bnsl} in one task, one thread: the
 * same code, options and messages as {@code bnsl fit --group COL --jsonl}. The columns of the
 * result are described in {@link FitRows}; {@code result} is the CLI's JSON line for the group and
 * {@code model} its model file.
 *
 * <p>Determinism. A group's result depends on its rows only, never on the partitioning: its rows
 * are put in a fixed order first ({@link Cells}), and its bootstrap is seeded from the spec's
 * {@code seed} and the group key ({@code FitRun.groupSeed}, as the CLI seeds every group). So results equal the CLI's on a file whose points are in that order within each
 * group (e.g. sorted by x), and do not change when the data are repartitioned.
 *
 * <p>{@link #backtest} does the same for {@code bnsl backtest}: one row per curve, scored by
 * {@code io.Backtests} as the command scores it.
 *
 * <p>Errors. Options are checked on the driver before any job runs ({@link OptionException}, or an
 * {@link InputException} for a column the dataset lacks). A group that cannot be fitted becomes a
 * row with its {@code error}, the CLI's one-line reason; it never fails the job. Its source in
 * messages is the name given (by default {@code dataset}); a point is named by its place in the
 * group's order ({@code source:3} is the third point).
 */
public final class BnslSpark {
    /** How messages name a dataset given without a name. */
    public static final String DEFAULT_SOURCE = "dataset";

    private BnslSpark() {
    }

    /** As {@link #fit(Dataset, FitSpec, String)}, the dataset named {@value #DEFAULT_SOURCE} in messages. */
    public static Dataset<Row> fit(Dataset<Row> rows, FitSpec spec) {
        return fit(rows, spec, DEFAULT_SOURCE);
    }

    /**
     * Fits every group of {@code rows} as {@code bnsl fit} would; {@code source} names the data in
     * messages and in each model file's {@code fitted_with}. The result is lazy, as every Spark
     * dataset: nothing is fitted until it is written, collected or counted.
     *
     * @throws OptionException when the spec's options do not go together
     * @throws InputException  when a column the spec names is not in {@code rows}
     */
    public static Dataset<Row> fit(Dataset<Row> rows, FitSpec spec, String source) {
        FitSpec one = spec.toBuilder().threads(1).build(); // Spark runs the groups in parallel, each on one thread
        List<String> columns = Arrays.asList(rows.columns());
        check(one, source, columns);
        StructField groupField = null;
        if (one.group() != null) {
            groupField = rows.schema().fields()[rows.schema().fieldIndex(one.group())];
        }
        Fitter fitter = new Fitter(one, source, new Cells(columns, sortColumns(one)), columns.indexOf(one.group()));
        return rows.groupByKey(new Key(fitter.groupIndex), Encoders.STRING())
                .flatMapGroups(fitter, Encoders.row(FitRows.schema(groupField)));
    }

    /**
     * The checks that need no rows: the options, the columns named, the law and its variables. A
     * table with the dataset's columns and no row passes them all and then has "no rows left".
     */
    private static void check(FitSpec spec, String source, List<String> columns) {
        Table empty = Table.of(source, columns, new String[0][], new int[0]);
        try {
            Bnsl.prepare(empty, spec, Fitter.PREPARE);
        } catch (InputException e) {
            if (!noRowsLeft(e, source)) throw e;
        }
    }

    /** The reader's error for a table none of whose rows the filter keeps. */
    static boolean noRowsLeft(InputException e, String source) {
        return (source + ": no rows left after the filter").equals(e.getMessage());
    }

    /** The columns a group's points are ordered by first: the law's variables, y, the weights. */
    private static List<String> sortColumns(FitSpec spec) {
        List<String> out = new ArrayList<>();
        if (spec.x() != null) out.add(spec.x());
        for (String v : spec.vars()) out.add(v.substring(v.indexOf('=') + 1).trim());
        out.add(spec.y());
        if (spec.weights() != null) out.add(spec.weights());
        return out;
    }

    /**
     * {@code bnsl backtest} for a dataset: which law extrapolates best, one row per curve (see
     * {@link BacktestRows}); a curve with bad input is a row with its {@code error}. The curves are
     * grouped and ordered as {@link #fit} groups them, and each is scored by {@code io.Backtests} on one
     * thread. Aggregate the rows (medians per method) with Spark SQL, or collect them.
     *
     * @throws OptionException when the options do not go together
     * @throws InputException  when a column they name is not in {@code rows}
     */
    public static Dataset<Row> backtest(Dataset<Row> rows, BacktestOptions options, String source) {
        List<String> columns = Arrays.asList(rows.columns());
        Table empty = Table.of(source, columns, new String[0][], new int[0]);
        Backtests.checkSplit(source, options.split(), options.holdoutAbove(), options.holdoutWhere());
        Backtester.setup(options);
        Backtests.Layout layout = Backtests.layout(empty, options.x(), options.y(), options.group(), options.better(), options.split(),
                options.holdoutAbove(), options.holdoutWhere());
        for (String c : new String[] {layout.x(), layout.y(), layout.group(), layout.better(), layout.split()}) {
            if (c != null) empty.column(c);
        }
        if (layout.holdoutWhere() != null) RowPredicate.compile(layout.holdoutWhere(), "--holdout-where").bind(columns);
        StructField groupField = layout.group() == null ? null : rows.schema().fields()[rows.schema().fieldIndex(layout.group())];
        List<String> sortBy = new ArrayList<>(List.of(layout.x(), layout.y()));
        BacktestOptions resolved = new BacktestOptions(layout.x(), layout.y(), layout.group(), layout.better(), layout.split(),
                layout.holdoutAbove(), layout.holdoutWhere(), options.candidates(), options.autoCandidates(), options.space(),
                options.bootstrap(), options.seed(), options.level());
        Backtester b = new Backtester(resolved, source, new Cells(columns, sortBy), columns.indexOf(layout.group()));
        return rows.groupByKey(new Key(b.groupIndex), Encoders.STRING()).flatMapGroups(b, Encoders.row(BacktestRows.schema(groupField)));
    }

    /** Scores one curve, in one task: its rows → a table → {@code io.Backtests} → one row. */
    static final class Backtester extends PerGroup {
        private static final long serialVersionUID = 1L;
        /** The options, with the curve and direction columns resolved (io's Layout is not serialisable). */
        private final BacktestOptions options;
        /** The methods (functions, not serialisable): made once per executor JVM's copy of this. */
        private transient Backtests.Setup setup;

        Backtester(BacktestOptions options, String source, Cells cells, int groupIndex) {
            super(source, cells, groupIndex);
            this.options = options;
        }

        static Backtests.Setup setup(BacktestOptions o) {
            return Backtests.setup(o.candidates(), o.autoCandidates(), o.space(), o.bootstrap(), o.seed(), o.level(), 1);
        }

        @Override
        Row row(String key, Object keyValue, Table table) {
            if (setup == null) setup = setup(options);
            try {
                Backtests.Layout layout = new Backtests.Layout(options.x(), options.y(), options.group(), options.better(), options.split(),
                        options.holdoutAbove(), options.holdoutWhere());
                List<Backtest.Task> tasks = Backtests.tasks(table, layout, true);
                Backtest.Report report = setup.summarize(setup.run(tasks, i -> { }));
                return BacktestRows.row(grouped(), keyValue, BacktestReport.json(report, true));
            } catch (InputException | OptionException e) {
                return BacktestRows.failed(grouped(), keyValue, name(key), e.getMessage());
            } catch (RuntimeException e) {
                return BacktestRows.failed(grouped(), keyValue, name(key), "internal error: " + e);
            }
        }
    }

    /**
     * A function of one group: collects its rows as text cells, puts them in order as a table
     * ({@link Cells}), and makes the group's one row (or none) of it.
     */
    abstract static class PerGroup implements FlatMapGroupsFunction<String, Row, Row> {
        private static final long serialVersionUID = 1L;
        final String source;
        final Cells cells;
        final int groupIndex;

        PerGroup(String source, Cells cells, int groupIndex) {
            this.source = source;
            this.cells = cells;
            this.groupIndex = groupIndex;
        }

        @Override
        public Iterator<Row> call(String key, Iterator<Row> rows) {
            List<String[]> list = new ArrayList<>();
            Object keyValue = null;
            while (rows.hasNext()) {
                Row r = rows.next();
                if (list.isEmpty() && groupIndex >= 0) keyValue = r.get(groupIndex);
                list.add(cells.cells(r));
            }
            Row out = row(key, keyValue, cells.table(source, list));
            return out == null ? Collections.emptyIterator() : List.of(out).iterator();
        }

        /** The row of the group of this key, from its table; null for none. */
        abstract Row row(String key, Object keyValue, Table table);

        boolean grouped() {
            return groupIndex >= 0;
        }

        /** The group's name as the CLI's reader names it, for a group that failed before it was read. */
        String name(String key) {
            return grouped() ? (key.isEmpty() ? "''" : key) : SeriesReader.stem(source);
        }
    }

    /** The key of a row: the text of its group cell, as the CLI's reader groups rows; one key without a group column. */
    private record Key(int groupIndex) implements MapFunction<Row, String> {
        @Override
        public String call(Row row) {
            return groupIndex < 0 ? "" : Cells.text(row.get(groupIndex));
        }
    }

    /** Fits one group, in one task: its rows → a table → {@link Bnsl} → one result row. */
    static final class Fitter extends PerGroup {
        private static final long serialVersionUID = 1L;
        /** Lenient (a bad cell fails its group only), read at once, nothing kept, resamples counted as written. */
        static final Bnsl.Prepare PREPARE = new Bnsl.Prepare(true, false, false, true, law -> { }, null);

        private final FitSpec spec;

        Fitter(FitSpec spec, String source, Cells cells, int groupIndex) {
            super(source, cells, groupIndex);
            this.spec = spec;
        }

        /** The row of one group, or null when {@code --where} keeps none of its rows (the CLI never sees such a group). */
        @Override
        Row row(String key, Object keyValue, Table table) {
            boolean grouped = grouped();
            String name = name(key);
            try {
                FitRun run = Bnsl.prepare(table, spec, PREPARE);
                GroupResult g = run.fitGroup(run.groups().get(0));
                if (g.failed()) {
                    return failed(grouped, keyValue, g.name(), g.error());
                }
                Extrapolation e = g.model().extrapolation();
                ObjectNode json = FitReport.seriesJson(e, run.columns());
                String model = Json.write(ModelFile.toJson(List.of(e), run));
                return FitRows.fitted(grouped, keyValue, json, Json.compact(json), model, new ArrayList<>(run.columns().keySet()));
            } catch (InputException e) {
                if (noRowsLeft(e, source)) return null;
                return failed(grouped, keyValue, name, e.getMessage());
            } catch (OptionException e) {
                return failed(grouped, keyValue, name, e.getMessage());
            } catch (RuntimeException e) {
                return failed(grouped, keyValue, name, "internal error: " + e);
            }
        }

        private static Row failed(boolean grouped, Object keyValue, String name, String error) {
            return FitRows.failed(grouped, keyValue, name, error, Json.compact(FitReport.errorJson(name, error)));
        }
    }
}
