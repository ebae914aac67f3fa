package org.bnsl.cli;

import static org.bnsl.Numbers.format;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.bnsl.InputException;
import org.bnsl.data.Series;
import org.bnsl.data.SeriesReader;
import org.bnsl.data.Table;
import org.bnsl.fit.Direction;
import org.bnsl.fit.Objective;
import org.bnsl.fit.Parallel;
import org.bnsl.io.render.BacktestReport;
import org.bnsl.io.render.Json;
import org.bnsl.law.formula.RowPredicate;
import org.bnsl.select.AutoFit;
import org.bnsl.select.Backtest;
import org.bnsl.select.Holdout;
import org.bnsl.uncertainty.Bootstrap;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code bnsl backtest}: which law extrapolates best on curves like these? Fits every candidate
 * and {@code --law auto} on each curve's fit points and scores them on its held-out points
 * ({@link Backtest}).
 *
 * <p>Curve-level bad input (a bad cell, a split value other than {@code fit}/{@code holdout}, a
 * curve left with no held-out point or fewer than 2 fit points) is an error for the whole file,
 * naming the file, the curve and where known the line and column. A method that cannot fit a
 * curve (too few points for its parameters, for rolling-origin validation, a failed fit) is a
 * named failure in the report, not an error.
 */
@Command(name = "backtest", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Which law extrapolates best on data like mine?",
            "Fits every candidate and --law auto on each curve's fit points, scores each on the curve's held-out points",
            "(holdout RMSLE), and prints per method the median, 90th percentile and worst, how often it is best, the",
            "per-curve oracle (best candidate), auto's pick for each curve and every failed fit by name."})
public final class BacktestCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "CSV or JSON table of curves")
    Path file;

    @Option(names = "--x", required = true, paramLabel = "COL", description = "column of the scale")
    String xColumn;

    @Option(names = "--y", required = true, paramLabel = "COL", description = "column of the metric")
    String yColumn;

    @Option(names = "--group", paramLabel = "COL", description = "column naming the curves (default: 'curve' when the file has it, else one curve)")
    String groupColumn;

    @Option(names = "--better-column", paramLabel = "COL",
            description = "column saying lower or higher is better for each curve; higher ones are fitted as rising metrics "
                    + "(default: 'better' when the file has it, else the direction is left to each law)")
    String betterColumn;

    @Option(names = "--split-column", paramLabel = "COL", description = "column marking each row fit or holdout")
    String splitColumn;

    @Option(names = "--holdout-above", paramLabel = "X", description = "hold out points with x > X")
    Double holdoutAbove;

    @Option(names = "--holdout-where", paramLabel = "EXPR", description = "hold out the rows where EXPR holds")
    String holdoutWhere;

    @Option(names = "--candidates", split = ",", paramLabel = "LAW",
            description = "the candidates (default: the committee of --law auto: power, m3, sigmoid, bnsl:1, bnsl:2)")
    List<String> candidates;

    @Option(names = "--auto-candidates", split = ",", paramLabel = "LAW",
            description = "the committee --law auto predicts with (default: the candidates of --candidates)")
    List<String> autoCandidates;

    @Option(names = "--space", paramLabel = "SPACE", defaultValue = "log", description = "fit in log, log1p or linear space (default: ${DEFAULT-VALUE})")
    String space;

    @Option(names = "--bootstrap", paramLabel = "B", description = "refit auto's fit on B resamples and report the coverage of its 90% intervals")
    Integer bootstrap;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "seed of the bootstrap (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--level", paramLabel = "L", defaultValue = "0.9", description = "level of the intervals (default: ${DEFAULT-VALUE})")
    double level;

    @Option(names = "--threads", paramLabel = "N", description = "curves fitted at once (default: all cores)")
    Integer threads;

    @Option(names = "--json", description = "write one JSON object to stdout instead of text")
    boolean json;

    @Option(names = "--quiet", description = "no progress on stderr")
    boolean quiet;

    /** The name of the rule in reports. */
    static final String AUTO = "auto";

    /** Where a file's curves are and how each is split. */
    record Layout(String x, String y, String group, String better, String split, Double holdoutAbove, String holdoutWhere) {
    }

    /** What a backtest needs besides the curves: methods, rule, bootstrap, threads. */
    record Setup(List<String> names, List<String> autoNames, List<Backtest.Method> methods, Backtest.Rule rule, Bootstrap boot, int threads) {
        static Setup of(List<String> names, List<String> autoNames, Objective space, Integer bootstrap, long seed, double level,
                int threads) {
            List<String> n = names.stream().map(s -> s.trim().toLowerCase(Locale.ROOT)).toList();
            List<String> a = autoNames.stream().map(s -> s.trim().toLowerCase(Locale.ROOT)).toList();
            Bootstrap b = bootstrap == null ? null : Bootstrap.of(bootstrap).withSeed(seed).withLevel(level).withThreads(1);
            return new Setup(n, a, Backtest.candidates(n, space), Backtest.auto(a, space), b, threads);
        }

        List<Backtest.CurveResult> run(List<Backtest.Task> tasks, Progress progress) {
            return Backtest.run(tasks, methods, AUTO, rule, boot, threads, i -> progress.step());
        }

        Backtest.Report summarize(List<Backtest.CurveResult> curves) {
            return Backtest.summarize(curves, names, AUTO);
        }
    }

    @Override
    public Integer call() {
        int given = (splitColumn != null ? 1 : 0) + (holdoutAbove != null ? 1 : 0) + (holdoutWhere != null ? 1 : 0);
        if (given == 0) {
            throw usage(file + ": no split: give --split-column COL, --holdout-above X or --holdout-where EXPR");
        }
        if (given > 1) {
            throw usage("give one of --split-column, --holdout-above and --holdout-where");
        }
        if (holdoutAbove != null && !Double.isFinite(holdoutAbove)) {
            throw usage("--holdout-above must be a finite number");
        }
        refuseUnused(spec, bootstrap != null, "--bootstrap", "--seed", "--level");
        Setup setup = setup(spec, candidates, autoCandidates, space, bootstrap, seed, level, threads);
        Table table = Table.read(file);
        String group = groupColumn != null ? groupColumn : table.hasColumn("curve") ? "curve" : null;
        String better = betterColumn != null ? betterColumn : table.hasColumn("better") ? "better" : null;
        List<Backtest.Task> tasks = tasks(table, new Layout(xColumn, yColumn, group, better, splitColumn, holdoutAbove, holdoutWhere),
                false);
        List<Backtest.CurveResult> curves;
        try (Progress progress = Progress.start(tasks.size(), quiet, spec.commandLine().getErr())) {
            curves = setup.run(tasks, progress);
        }
        Backtest.Report report = setup.summarize(curves);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectNode root = Json.MAPPER.createObjectNode();
            root.put("file", file.toString());
            root.set("candidates", Json.MAPPER.valueToTree(setup.names()));
            root.set("auto_candidates", Json.MAPPER.valueToTree(setup.autoNames()));
            root.setAll(BacktestReport.json(report, true));
            out.print(Json.write(root));
        } else {
            out.print(BacktestReport.text(file.toString(), report, true));
        }
        out.flush();
        return Main.OK;
    }

    /** Options that would be ignored are refused: each of {@code options} goes with {@code needed}. */
    static void refuseUnused(CommandLine.Model.CommandSpec spec, boolean given, String needed, String... options) {
        CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
        for (String o : options) {
            if (!given && parsed != null && parsed.hasMatchedOption(o)) {
                throw new CommandLine.ParameterException(spec.commandLine(), o + " goes with " + needed);
            }
        }
    }

    /** Checks the shared options and builds the methods; bad ones are usage errors (exit 2). */
    static Setup setup(CommandLine.Model.CommandSpec spec, List<String> names, List<String> autoNames, String space,
            Integer bootstrap, long seed, double level, Integer threads) {
        CommandLine cl = spec.commandLine();
        if (bootstrap != null && bootstrap < 1) {
            throw new CommandLine.ParameterException(cl, "--bootstrap must be a count of at least 1, got " + bootstrap);
        }
        if (!(level > 0 && level < 1)) {
            throw new CommandLine.ParameterException(cl, "--level must be between 0 and 1 (exclusive), got " + level);
        }
        if (threads != null && threads < 1) {
            throw new CommandLine.ParameterException(cl, "--threads must be at least 1, got " + threads);
        }
        Objective objective;
        List<String> n = names == null ? AutoFit.DEFAULT_CANDIDATES : names;
        List<String> a = autoNames == null ? n : autoNames;
        try {
            objective = Objective.parse(space);
        } catch (InputException e) {
            throw new CommandLine.ParameterException(cl, "--space: " + e.getMessage());
        }
        try {
            Backtest.candidates(n, objective);
        } catch (InputException e) {
            throw new CommandLine.ParameterException(cl, "--candidates: " + e.getMessage());
        }
        try {
            return Setup.of(n, a, objective, bootstrap, seed, level, threads == null ? Parallel.cores() : threads);
        } catch (InputException e) {
            throw new CommandLine.ParameterException(cl, "--auto-candidates: " + e.getMessage());
        }
    }

    /**
     * The curves of {@code table}, split as {@code layout} says. Points with y ≤ 0 cannot be scored in
     * log space: each curve drops them and counts them. With {@code lenient}, a curve with bad input
     * becomes a failed task with the reason; otherwise the first one is an {@link InputException}.
     */
    static List<Backtest.Task> tasks(Table table, Layout layout, boolean lenient) {
        SeriesReader reader = SeriesReader.builder().variable("x", layout.x()).y(layout.y()).group(layout.group()).build();
        List<SeriesReader.Group> groups = lenient ? reader.readGroups(table)
                : reader.read(table).stream().map(s -> new SeriesReader.Group(s.name(), s, null)).toList();
        Map<Integer, Integer> rowOfLine = new HashMap<>();
        for (int r = 0; r < table.rowCount(); r++) rowOfLine.put(table.line(r), r);
        int splitCol = layout.split() == null ? -1 : table.column(layout.split());
        int betterCol = layout.better() == null ? -1 : table.column(layout.better());
        RowPredicate.Bound where = layout.holdoutWhere() == null ? null
                : RowPredicate.compile(layout.holdoutWhere(), "--holdout-where").bind(table.columns());
        List<Backtest.Task> out = new ArrayList<>(groups.size());
        for (SeriesReader.Group g : groups) {
            if (g.failed()) {
                out.add(Backtest.Task.failed(g.name(), 0, g.error()));
                continue;
            }
            Series s = g.series();
            int unusable = 0;
            try {
                boolean[] keep = new boolean[s.size()];
                boolean[] held = new boolean[s.size()];
                Direction d = Direction.AUTO;
                String firstBetter = null;
                for (int i = 0; i < s.size(); i++) {
                    int row = rowOfLine.get(s.line(i));
                    keep[i] = s.y(i) > 0;
                    if (!keep[i]) unusable++;
                    if (betterCol >= 0) {
                        String v = table.text(row, betterCol).trim();
                        if (!v.equals("lower") && !v.equals("higher")) {
                            throw at(table, row, betterCol, "'" + v + "' is not a direction; expected lower or higher");
                        }
                        if (firstBetter == null) {
                            firstBetter = v;
                            d = v.equals("higher") ? Direction.UP : Direction.DOWN;
                        } else if (!v.equals(firstBetter)) {
                            throw at(table, row, betterCol, "'" + v + "' differs from '" + firstBetter
                                    + "' earlier in curve '" + s.name() + "'; one curve has one direction");
                        }
                    }
                    if (splitCol >= 0) {
                        String v = table.text(row, splitCol).trim();
                        if (!v.equals("fit") && !v.equals("holdout")) {
                            throw at(table, row, splitCol, "'" + v + "' is not a split; expected fit or holdout");
                        }
                        held[i] = v.equals("holdout");
                    } else if (where != null) {
                        held[i] = where.test(j -> table.number(row, j));
                    } else {
                        held[i] = s.x(0, i) > layout.holdoutAbove();
                    }
                }
                Series kept = s.select(keep);
                boolean[] keptHeld = new boolean[kept.size()];
                int m = 0;
                for (int i = 0; i < s.size(); i++) {
                    if (keep[i]) keptHeld[m++] = held[i];
                }
                String why = splitCol >= 0 ? "--split-column " + layout.split()
                        : where != null ? "--holdout-where" : "--holdout-above " + format(layout.holdoutAbove());
                String dropped = unusable == 0 ? "" : " (after dropping " + unusable + " point(s) with y ≤ 0)";
                Holdout h = Holdout.of(kept, keptHeld, why);
                if (h.holdout().size() == 0) {
                    throw new InputException(curve(table, s) + "no point is held out by " + why + dropped);
                }
                if (h.train().size() < 2) {
                    throw new InputException(curve(table, s) + h.train().size() + " fit point" + dropped
                            + "; at least 2 are needed");
                }
                out.add(Backtest.Task.of(h, d, unusable));
            } catch (InputException e) {
                if (!lenient) throw e;
                out.add(Backtest.Task.failed(s.name(), unusable, e.getMessage()));
            }
        }
        return out;
    }

    private static String curve(Table table, Series s) {
        return table.source() + ": curve '" + s.name() + "': ";
    }

    private static InputException at(Table table, int row, int col, String what) {
        return new InputException(table.source() + ":" + table.line(row) + ": column '" + table.columns().get(col) + "': " + what);
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
