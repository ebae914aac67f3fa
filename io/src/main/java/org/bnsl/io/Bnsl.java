package org.bnsl.io;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

import org.bnsl.data.GroupStream;
import org.bnsl.data.Series;
import org.bnsl.data.SeriesReader;
import org.bnsl.data.Table;
import org.bnsl.fit.Objective;
import org.bnsl.fit.Parallel;
import org.bnsl.law.Law;
import org.bnsl.law.formula.RowPredicate;
import org.bnsl.io.report.Figure;

/**
 * The library's entry point: fit a scaling law as {@code bnsl fit} does, from a {@link Series}, a
 * {@link Table} or a CSV/JSON file, and load a model file.
 *
 * <pre>{@code
 * FitSpec spec = FitSpec.builder().x("dataset_size").y("test_cross_entropy").breaks(1).build();
 * Model m = Bnsl.fitFile(Path.of("four_digit_addition.csv"), spec).get(0).model();
 * double at10x = m.predict(10 * 1_000_000);
 * m.save(Path.of("model.json"));
 * Model again = Bnsl.load(Path.of("model.json"));
 * }</pre>
 *
 * <p>Bad input is an {@link org.bnsl.InputException} (a file, a cell, a column) or an
 * {@link OptionException} (an option), each with a one-line message; the command line prints that
 * message as it is.
 */
public final class Bnsl {
    private Bnsl() {
    }

    /**
     * How a {@link #prepare} reads the data. {@code lenient}: a group with a bad cell becomes a
     * failed group instead of an error for the whole file. {@code streaming}: a CSV sorted by its
     * group column is read group by group. {@code keepAll}: every curve's results are kept to the
     * end, {@code writeResamples}: the bootstrap resamples go to a model file (both for the memory
     * check). {@code checkOutputs} is called with the resolved law after the options and before the
     * file is read; {@code extrapolateTo}, when curves will be drawn that far, is checked against the data.
     */
    public record Prepare(boolean lenient, boolean streaming, boolean keepAll, boolean writeResamples, Consumer<Law> checkOutputs,
            Double extrapolateTo) {
        /** Lenient, read at once, every result kept, no outputs to check. */
        public static Prepare defaults() {
            return new Prepare(true, false, true, false, law -> { }, null);
        }
    }

    /**
     * Checks the spec against the file and reads it: the law resolved, the columns mapped, the
     * holdout and bootstrap checked, then the groups read (or opened as a stream).
     */
    public static FitRun prepare(Path file, FitSpec spec, Prepare how) {
        Setup s = setup(spec, file.toString(), file, how);
        if (how.streaming()) {
            if (spec.group() == null) {
                throw new OptionException("--sorted", "--sorted streams the groups of --group COL; give a group column");
            }
            if (file.toString().toLowerCase(Locale.ROOT).endsWith(".json")) {
                throw new OptionException("--sorted", "--sorted streams CSV files; read JSON without it");
            }
            FitRun run = s.run;
            int cores = run.threads();
            spec.checkMemory(how.keepAll() ? 1 : cores, run.law().parameterCount(), 0, cores, how.writeResamples());
            run.heldLines = java.util.concurrent.ConcurrentHashMap.newKeySet();
            run.stream = GroupStream.open(file, s.reader.build(), rowFilter(spec.where(), "--where"),
                    rowFilter(spec.holdoutWhere(), "--holdout-where"), run.heldLines);
            run.autoThreads = 1;
            run.boot = spec.makeBootstrap(1);
            return run;
        }
        return read(s, Table.read(file), how);
    }

    /** As {@link #prepare(Path, FitSpec, Prepare)}, for a table already read (never streamed). */
    public static FitRun prepare(Table table, FitSpec spec, Prepare how) {
        if (how.streaming()) {
            throw new IllegalArgumentException("a table in memory is not streamed");
        }
        return read(setup(spec, table.source(), null, how), table, how);
    }

    /**
     * Fits every curve of a CSV or JSON file, in parallel: one result per group, in the file's
     * order, each a {@link Model} or the reason that group failed. Without a group column, bad input
     * is an {@link org.bnsl.InputException} instead.
     */
    public static List<GroupResult> fitFile(Path file, FitSpec spec) {
        return fitAll(prepare(file, spec, Prepare.defaults()));
    }

    /** As {@link #fitFile}, for a table already read. */
    public static List<GroupResult> fitTable(Table table, FitSpec spec) {
        return fitAll(prepare(table, spec, Prepare.defaults()));
    }

    private static List<GroupResult> fitAll(FitRun run) {
        return Parallel.map(run.groups(), run::fitGroup, run.threads());
    }

    /**
     * Fits one curve. The spec's column options are optional here: without {@code x}/{@code var},
     * the law's variables are the series' in order. {@code holdoutWhere} needs a table's rows and is
     * refused; use {@link #fitTable}.
     */
    public static Model fit(Series series, FitSpec spec) {
        Objective objective = spec.parseSpace();
        boolean mapped = spec.x() != null || !spec.vars().isEmpty();
        Law law = spec.resolveLaw(mapped ? spec.variableNames() : series.variables());
        Map<String, String> columns;
        if (mapped) {
            columns = spec.mapVariables(law);
        } else {
            if (law.variables().size() != series.dimension()) {
                throw new IllegalArgumentException("law '" + law.name() + "' takes " + law.variables().size() + " variable(s) ("
                        + String.join(", ", law.variables()) + "); the series has " + series.dimension());
            }
            columns = new java.util.LinkedHashMap<>();
            for (int j = 0; j < series.dimension(); j++) columns.put(law.variables().get(j), series.columns().get(j));
        }
        if (spec.holdoutWhere() != null) {
            throw new OptionException("--holdout-where", "--holdout-where needs the rows of a table; use Bnsl.fitTable");
        }
        spec.checkHoldout(columns.size());
        int cores = spec.threads() == null ? Parallel.cores() : spec.threads();
        FitRun run = new FitRun(spec, series.source(), null, columns, law, objective, 1);
        run.heldLines = java.util.Set.of();
        run.autoThreads = cores;
        spec.checkMemory(1, law.parameterCount(), series.size(), cores, false);
        run.boot = spec.makeBootstrap(cores);
        return new Model(run.fitOne(series), run);
    }

    /** Reads a model file of one curve (see {@link Model#load}). */
    public static Model load(Path file) {
        return Model.load(file);
    }

    /** This bnsl's version (from the jar's manifest), or {@code 0.1.0-dev} when run from classes. */
    public static String version() {
        String v = Bnsl.class.getPackage().getImplementationVersion();
        return v == null ? "0.1.0-dev" : v;
    }

    private record Setup(FitRun run, SeriesReader.Builder reader) {
    }

    /** The checks that need no data, in the order the command line has always made them. */
    private static Setup setup(FitSpec spec, String source, Path file, Prepare how) {
        if (spec.y() == null) {
            throw new OptionException("--y", "missing --y COL: the column of the metric");
        }
        Objective objective = spec.parseSpace();
        Law law = spec.resolveLaw(spec.variableNames());
        Map<String, String> columns = spec.mapVariables(law);
        spec.checkHoldout(columns.size());
        int cores = spec.threads() == null ? Parallel.cores() : spec.threads();
        FitRun run = new FitRun(spec, source, file, columns, law, objective, cores);
        how.checkOutputs().accept(law);
        SeriesReader.Builder reader = SeriesReader.builder().y(spec.y());
        columns.forEach(reader::variable);
        if (spec.group() != null) reader.group(spec.group());
        if (spec.weights() != null) reader.weight(spec.weights());
        return new Setup(run, reader);
    }

    private static FitRun read(Setup s, Table table, Prepare how) {
        FitRun run = s.run;
        FitSpec spec = run.spec();
        SeriesReader.Builder reader = s.reader;
        if (spec.where() != null) {
            RowPredicate.Bound filter = RowPredicate.compile(spec.where(), "--where").bind(table.columns());
            reader.filter(row -> filter.test(j -> table.number(row, j)));
        }
        SeriesReader r = reader.build();
        List<SeriesReader.Group> groups = how.lenient() ? r.readGroups(table)
                : r.read(table).stream().map(x -> new SeriesReader.Group(x.name(), x, null)).toList();
        run.groups = groups;
        run.heldLines = spec.heldLines(table);
        if (how.extrapolateTo() != null) {
            double xMax = 0;
            for (SeriesReader.Group g : groups) {
                if (g.series() != null) {
                    xMax = Math.max(xMax, org.bnsl.io.render.FitReport.max(g.series().x(0)));
                }
            }
            Figure.checkExtrapolation(how.extrapolateTo(), xMax);
        }
        int cores = run.threads();
        run.autoThreads = groups.size() > 1 ? 1 : cores;
        if (spec.bootstrap() != null) {
            int points = 0;
            for (SeriesReader.Group g : groups) {
                if (g.series() != null) points = Math.max(points, g.series().size());
            }
            spec.checkMemory(how.keepAll() ? groups.size() : Math.min(groups.size(), cores), run.law().parameterCount(), points, cores,
                    how.writeResamples());
            run.boot = spec.makeBootstrap(groups.size() > 1 ? 1 : cores);
        }
        return run;
    }

    /** A row condition for the streaming reader, bound to its header once that is read; null without one. */
    private static Function<List<String>, java.util.function.Predicate<GroupStream.Row>> rowFilter(String text, String option) {
        if (text == null) {
            return null;
        }
        RowPredicate p = RowPredicate.compile(text, option);
        return header -> {
            RowPredicate.Bound b = p.bind(header);
            return row -> b.test(row::number);
        };
    }
}
