package org.bnsl.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.bnsl.data.GroupStream;
import org.bnsl.data.SeriesReader;
import org.bnsl.fit.Parallel;
import org.bnsl.io.Bnsl;
import org.bnsl.io.FitRun;
import org.bnsl.io.FitSpec;
import org.bnsl.io.OutputFile;
import org.bnsl.io.model.ModelFile;
import org.bnsl.io.render.FitReport;
import org.bnsl.io.render.Json;
import org.bnsl.io.report.Figure;
import org.bnsl.io.report.FigureRenderer;
import org.bnsl.law.Law;
import org.bnsl.select.Extrapolation;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bnsl fit}: fits a scaling law to each curve of a CSV or JSON file and scores its extrapolation. */
@Command(name = "fit", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Fit a scaling law (a broken neural scaling law by default) to each curve in FILE",
            "(CSV with a header, or a JSON array of objects). Held-out points are not fitted: they are predicted and scored."})
final class FitCommand implements Callable<Integer> {
    /** How many flagged fits have their warnings repeated on stderr. */
    private static final int MAX_WARNED = 5;
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

    @Option(names = "--out", paramLabel = "MODEL.json", description = "write a model file (JSON) for 'bnsl predict', 'plot' and 'plan'")
    Path out;

    @Option(names = "--json", description = "write one JSON object to stdout instead of text")
    boolean json;

    @Option(names = "--jsonl", description = "stream one JSON line per group, in input order, as soon as it and the groups before it are done")
    boolean jsonl;

    @Option(names = "--plot", paramLabel = "FILE.svg|png", description = "draw the fit: points, curve, breaks and residuals")
    Path plotFile;

    @CommandLine.Mixin
    PlotOptions plot = new PlotOptions();

    @Option(names = "--quiet", description = "no progress on stderr")
    boolean quiet;

    @Option(names = "--sorted", description = "the CSV is sorted by --group: stream it, holding only the groups being fitted")
    boolean sorted;

    /** A single curve with at least this many points shows the steps of its fit on a terminal. */
    private static final int LONG_CURVE = 100_000;

    @Override
    public Integer call() {
        if (json && jsonl) {
            throw usage("give --json or --jsonl, not both");
        }
        FitSpec fitSpec = InputOptions.spec(input, law, holdout, bootstrap, threads);
        FitRun job = Bnsl.prepare(input.file(), fitSpec, new Bnsl.Prepare(true, sorted, out != null || plotFile != null, out != null,
                this::checkOutputs, plotFile != null ? plot.extrapolateTo : null));
        PrintWriter stdout = spec.commandLine().getOut();
        boolean keep = out != null || plotFile != null;
        List<Extrapolation> kept = new java.util.ArrayList<>();
        FitReport.Batch batch = new FitReport.Batch(job.columns(), json);
        List<String> failures = new java.util.ArrayList<>();
        int[] flagged = {0};
        PrintWriter stderr = spec.commandLine().getErr();
        boolean oneLongCurve = job.groups() != null && job.groups().size() == 1 && !job.groups().get(0).failed()
                && job.groups().get(0).series().size() >= LONG_CURVE;
        try (Progress progress = Progress.start(job.groups() == null ? -1 : job.groups().size(), quiet, spec.commandLine().getErr());
             Progress steps = oneLongCurve ? Progress.steps("fitting " + job.groups().get(0).series().size() + " points",
                     quiet, spec.commandLine().getErr()) : Progress.steps("", true, null);
             GroupStream stream = job.stream()) {
            job.progress(steps.listener());
            java.util.Iterator<SeriesReader.Group> source = stream != null ? stream : job.groups().iterator();
            Parallel.stream(source, job::fitGroup, job.threads(), 4 * job.threads(), (i, r) -> {
                batch.add(r);
                if (jsonl) stdout.println(Json.compact(FitReport.record(r, job.columns())));
                if (r.error() != null) {
                    failures.add(r.name() + ": " + r.error());
                    if (!json && !jsonl) stdout.print(FitReport.errorText(r.name(), r.error()));
                } else {
                    Extrapolation e = r.model().extrapolation();
                    // a flagged fit still succeeds (exit 0), and says why on stderr: the first few in full
                    List<String> ws = e.fit().warnings();
                    if (!ws.isEmpty() && ++flagged[0] <= MAX_WARNED) {
                        for (String w : ws) stderr.println("bnsl: warning: series " + r.name() + ": " + w);
                        stderr.flush();
                    }
                    if (keep) kept.add(e);
                    if (!json && !jsonl) stdout.print(FitReport.text(e, job));
                }
                stdout.flush();
                progress.step();
            });
        }
        int total = batch.total();
        if (flagged[0] > MAX_WARNED) {
            stderr.println("bnsl: warning: " + (flagged[0] - MAX_WARNED) + " more of the " + total
                    + " fits have warnings; each is in its output");
            stderr.flush();
        }
        FitReport.Pooled summary = batch.pooled();
        if (json) {
            stdout.print(Json.write(batch.json()));
        } else if (!jsonl && summary != null && total - failures.size() > 1) {
            stdout.print(FitReport.pooledText(summary, total - failures.size()));
        }
        stdout.flush();
        if (!kept.isEmpty()) {
            if (out != null) {
                OutputFile.write(out, Json.write(ModelFile.toJson(kept, job)), "--out");
            }
            if (plotFile != null) {
                PlotOptions.write(Figure.of(kept, job, plot.figureOptions()), plotFile, "--plot", "bnsl fit of " + input.file().getFileName());
            }
        }
        if (!failures.isEmpty()) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("bnsl: " + failures.size() + " of " + total + " groups failed; the first: " + failures.get(0));
            err.flush();
            return Main.SOME_FAILED;
        }
        return Main.OK;
    }

    /**
     * Checks, before any work, that every output asked for can be made, and that none of them is
     * the input file (by any name): the model file, and the {@code --plot} file (its folder, its
     * extension, a law that can be drawn).
     */
    private void checkOutputs(Law law) {
        if (plotFile == null) {
            PlotOptions.checkUnused(spec.commandLine().getParseResult(), "--plot FILE");
        }
        if (plotFile != null) {
            FigureRenderer.Format.of(plotFile, "--plot");
            OutputFile.checkWritable(plotFile, "--plot");
            OutputFile.checkNotInput(plotFile, "--plot", input.file());
            Figure.checkDrawable(law, "--plot");
            plot.figureOptions();
        }
        if (out != null) {
            OutputFile.checkWritable(out, "--out");
            OutputFile.checkNotInput(out, "--out", input.file());
            if (plotFile != null && (OutputFile.sameFile(out, plotFile)
                    || out.toAbsolutePath().normalize().equals(plotFile.toAbsolutePath().normalize()))) {
                throw usage("--out and --plot name the same file " + out + "; choose two names");
            }
        }
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
