package org.bnsl.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.bnsl.InputException;
import org.bnsl.data.Series;
import org.bnsl.data.SeriesReader;
import org.bnsl.data.Table;
import org.bnsl.fit.BnslFitter;
import org.bnsl.fit.Direction;
import org.bnsl.fit.Fit;
import org.bnsl.fit.FitOptions;
import org.bnsl.fit.Objective;
import org.bnsl.fit.Parallel;
import org.bnsl.select.Extrapolation;
import org.bnsl.select.Holdout;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code bnsl fit}: fits a BNSL to each curve of a CSV or JSON file and scores its extrapolation. */
@Command(name = "fit", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Fit a broken neural scaling law to each curve in FILE (CSV with a header, or a JSON array of objects).",
            "Points with x above --holdout-above are not fitted: they are predicted and scored."})
final class FitCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "CSV or JSON file of points")
    Path file;

    @Option(names = "--x", required = true, paramLabel = "COL", description = "column of the scale (model size, data, compute)")
    String xColumn;

    @Option(names = "--y", required = true, paramLabel = "COL", description = "column of the metric (loss, error, accuracy)")
    String yColumn;

    @Option(names = "--group", paramLabel = "COL", description = "column naming independent curves, fitted in parallel")
    String groupColumn;

    @Option(names = "--breaks", paramLabel = "N", defaultValue = "1", description = "number of breaks, 0 to 4 (default: ${DEFAULT-VALUE})")
    int breaks;

    @Option(names = "--holdout-above", paramLabel = "X", description = "hold out points with x > X and score the extrapolation to them")
    Double holdoutAbove;

    @Option(names = "--space", paramLabel = "SPACE", defaultValue = "log",
            description = "residuals in log (ln ŷ − ln y), log1p (ln(ŷ+1) − ln(y+1), as the BNSL paper's code) or linear space (default: ${DEFAULT-VALUE})")
    String space;

    @Option(names = "--direction", paramLabel = "DIR", defaultValue = "auto",
            description = "down (loss), up (accuracy) or auto (default: ${DEFAULT-VALUE})")
    String direction;

    @Option(names = "--x-offset", paramLabel = "S", defaultValue = "0", description = "fit in x + S, so points at x = 0 can be used (default: ${DEFAULT-VALUE})")
    double xOffset;

    @Option(names = "--threads", paramLabel = "N", description = "groups fitted at once (default: all cores)")
    Integer threads;

    @Option(names = "--out", paramLabel = "MODEL.json", description = "write a model file for 'bnsl predict'")
    Path out;

    @Option(names = "--json", description = "write one JSON object to stdout instead of text")
    boolean json;

    @Override
    public Integer call() {
        if (breaks < 0 || breaks > 4) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--breaks must be between 0 and 4, got " + breaks);
        }
        if (threads != null && threads < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--threads must be at least 1, got " + threads);
        }
        if (holdoutAbove != null && !Double.isFinite(holdoutAbove)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--holdout-above must be a finite number");
        }
        FitOptions options = new FitOptions(breaks, Objective.parse(space), Direction.parse(direction), xOffset);
        if (out != null) {
            OutputFile.checkWritable(out, "--out");
            if (OutputFile.sameFile(out, file)) {
                throw new InputException("--out " + out + ": is the input file " + file + "; it would be overwritten");
            }
        }
        Table table = Table.read(file);
        SeriesReader.Builder reader = SeriesReader.builder().variable("x", xColumn).y(yColumn);
        if (groupColumn != null) {
            reader.group(groupColumn);
        }
        List<Series> series = reader.build().read(table);
        List<Extrapolation> results = Parallel.map(series, s -> {
            Holdout split = holdoutAbove == null ? Holdout.none(s) : Holdout.above(s, holdoutAbove);
            Fit fit = BnslFitter.fit(split.train(), options);
            return Extrapolation.of(split, fit);
        }, threads == null ? Parallel.cores() : threads);

        PrintWriter stdout = spec.commandLine().getOut();
        if (out != null) {
            OutputFile.write(out, Json.write(ModelFile.toJson(results, this)), "--out");
        }
        if (json) {
            stdout.print(Json.write(FitReport.json(results)));
        } else {
            stdout.print(FitReport.text(results, this));
        }
        stdout.flush();
        return Main.OK;
    }
}
