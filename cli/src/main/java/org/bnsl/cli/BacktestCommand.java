package org.bnsl.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.bnsl.data.Table;
import org.bnsl.io.Backtests;
import org.bnsl.io.render.BacktestReport;
import org.bnsl.io.render.Json;
import org.bnsl.select.Backtest;

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
            "per-curve oracle (best candidate), auto's pick for each curve and every failed fit by name.",
            "--x is required; --group defaults to the column 'curve' when the file has one; --bootstrap B reports the",
            "coverage of auto's intervals."})
public final class BacktestCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** FILE, --x (required here), --y and --group (default: the column 'curve' when the file has one). */
    @CommandLine.Mixin
    ColumnOptions columns = new ColumnOptions();

    @Option(names = "--better-column", paramLabel = "COL",
            description = "column saying lower or higher is better for each curve; higher ones are fitted as rising metrics "
                    + "(default: 'better' when the file has it, else the direction is left to each law)")
    String betterColumn;

    @Option(names = "--split-column", paramLabel = "COL", description = "column marking each row fit or holdout")
    String splitColumn;

    @CommandLine.Mixin
    HoldoutOptions holdout = new HoldoutOptions();

    @Option(names = "--candidates", split = ",", paramLabel = "LAW",
            description = "the candidates (default: the committee of --law auto: power, m3, sigmoid, bnsl:1, bnsl:2)")
    List<String> candidates;

    @Option(names = "--auto-candidates", split = ",", paramLabel = "LAW",
            description = "the committee --law auto predicts with (default: the candidates of --candidates)")
    List<String> autoCandidates;

    @Option(names = "--space", paramLabel = "SPACE", defaultValue = Backtests.DEFAULT_SPACE, description = "fit in log, log1p or linear space (default: ${DEFAULT-VALUE})")
    String space;

    /** --bootstrap B: refit auto's fit on B resamples and report the coverage of its intervals (--level, --seed). */
    @CommandLine.Mixin
    BootstrapOptions bootstrap = new BootstrapOptions();

    @CommandLine.Mixin
    ThreadOptions threads = new ThreadOptions();

    @Option(names = "--json", description = "write one JSON object to stdout instead of text")
    boolean json;

    @Option(names = "--quiet", description = "no progress on stderr")
    boolean quiet;

    @Override
    public Integer call() {
        Path file = columns.file;
        if (columns.xColumn == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "Missing required option: '--x=COL'");
        }
        Backtests.checkSplit(file.toString(), splitColumn, holdout.holdoutAbove, holdout.holdoutWhere);
        refuseUnused(spec, bootstrap.bootstrap != null, "--bootstrap", "--seed", "--level");
        Backtests.Setup setup = Backtests.setup(candidates, autoCandidates, space, bootstrap.bootstrap, bootstrap.seed, bootstrap.level,
                threads.threads);
        Table table = Table.read(file);
        List<Backtest.Task> tasks = Backtests.tasks(table, Backtests.layout(table, columns.xColumn, columns.yColumn, columns.groupColumn,
                betterColumn, splitColumn, holdout.holdoutAbove, holdout.holdoutWhere), false);
        List<Backtest.CurveResult> curves;
        try (Progress progress = Progress.start(tasks.size(), quiet, spec.commandLine().getErr())) {
            curves = setup.run(tasks, i -> progress.step());
        }
        Backtest.Report report = setup.summarize(curves);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.print(Json.write(BacktestReport.json(file.toString(), setup.names(), setup.autoNames(), report)));
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

}
