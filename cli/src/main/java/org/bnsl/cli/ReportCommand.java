package org.bnsl.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;

import org.bnsl.io.Bnsl;
import org.bnsl.io.FitRun;
import org.bnsl.io.FitSpec;
import org.bnsl.io.OutputFile;
import org.bnsl.io.report.Figure;
import org.bnsl.io.report.HtmlReport;
import org.bnsl.law.Law;
import org.bnsl.select.Extrapolation;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bnsl report}: the fit of {@code bnsl fit} (its input, law, holdout and bootstrap options)
 * as one self-contained HTML page, named by {@code --out}.
 */
@Command(name = "report", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Fit as 'bnsl fit' does and write one self-contained HTML report (--out FILE.html):",
            "the data, each fitted law with its breaks, the held-out points, the plots and the command that made it.",
            "Nothing in the page is fetched from the network."})
final class ReportCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    InputOptions input = new InputOptions();

    @CommandLine.Mixin
    LawOptions law = new LawOptions();

    @CommandLine.Mixin
    HoldoutOptions holdout = new HoldoutOptions();

    @CommandLine.Mixin
    BootstrapOptions bootstrap = new BootstrapOptions();

    @CommandLine.Mixin
    ThreadOptions threads = new ThreadOptions();

    @Option(names = "--out", required = true, paramLabel = "FILE.html",
            description = "the HTML report to write (a name ending in .html or .htm)")
    Path out;

    @CommandLine.Mixin
    PlotOptions plot = new PlotOptions();

    @Option(names = "--backtest", description = {"add a backtest section: every --law auto candidate and auto itself fitted to each",
        "curve's fit points and scored on its held-out points (needs a holdout and a law of one variable)"})
    boolean backtest;

    @Override
    public Integer call() {
        FitSpec fitSpec = InputOptions.spec(input, law, holdout, bootstrap, threads);
        FitRun job = Bnsl.prepare(input.file(), fitSpec, new Bnsl.Prepare(false, false, true, false, this::checkOutputs, plot.extrapolateTo));
        List<Extrapolation> results = job.fitAll();
        // a law of three or more variables cannot be drawn: the report says so in place of the plot
        Figure figure = results.get(0).fit().law().variables().size() > 2 ? null : Figure.of(results, job, plot.figureOptions());
        HtmlReport.Context ctx = new HtmlReport.Context(results, job, figure, commandLine(), Main.version(),
                backtest ? backtest(results, job) : null);
        OutputFile.write(out, HtmlReport.render(ctx), "--out");
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.println("wrote " + out);
        stdout.flush();
        return Main.OK;
    }

    /** The backtest of the report's curves, with the candidates of --law auto (or --candidates). */
    private org.bnsl.select.Backtest.Report backtest(List<Extrapolation> results, FitRun job) {
        if (job.columns().size() != 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--backtest is for laws of one variable");
        }
        List<org.bnsl.select.Backtest.Task> tasks = new java.util.ArrayList<>();
        for (Extrapolation e : results) {
            if (e.holdout().size() == 0) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--backtest: series '" + e.train().name()
                        + "' has no held-out points; give --holdout-above or --holdout-where");
            }
            tasks.add(org.bnsl.select.Backtest.Task.of(e.split(), law.direction == null ? org.bnsl.fit.Direction.AUTO
                    : org.bnsl.fit.Direction.parse(law.direction), 0));
        }
        List<String> names = law.candidates == null ? org.bnsl.select.AutoFit.DEFAULT_CANDIDATES : law.candidates;
        org.bnsl.fit.Objective space = results.get(0).fit().objective();
        List<org.bnsl.select.Backtest.CurveResult> curves = org.bnsl.select.Backtest.run(tasks,
                org.bnsl.select.Backtest.candidates(names, space), "auto", org.bnsl.select.Backtest.auto(names, space), null,
                threads.threads == null ? org.bnsl.fit.Parallel.cores() : threads.threads, null);
        return org.bnsl.select.Backtest.summarize(curves, names, "auto");
    }

    private void checkOutputs(Law law) {
        String name = out.getFileName() == null ? "" : out.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!name.endsWith(".html") && !name.endsWith(".htm")) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--out " + out + ": the report is an HTML page; give a name ending in .html (for a model file, use 'bnsl fit --out')");
        }
        OutputFile.checkWritable(out, "--out");
        OutputFile.checkNotInput(out, "--out", input.file());
        plot.figureOptions();
    }

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./:=,+@%-]+");

    /** The command as typed (shell-quoted where needed), to be run again. */
    private String commandLine() {
        StringBuilder sb = new StringBuilder("bnsl");
        for (String a : spec.commandLine().getParseResult().originalArgs()) {
            sb.append(' ').append(PLAIN.matcher(a).matches() ? a : "'" + a.replace("'", "'\\''") + "'");
        }
        return sb.toString();
    }
}
