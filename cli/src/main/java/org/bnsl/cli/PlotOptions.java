package org.bnsl.cli;

import java.nio.file.Path;

import org.bnsl.io.OutputFile;
import org.bnsl.io.report.Figure;
import org.bnsl.io.report.FigureRenderer;

import picocli.CommandLine;
import picocli.CommandLine.Option;

/** How plots are drawn; shared by {@code fit --plot}, {@code plot} and {@code report}. */
final class PlotOptions {
    @Option(names = "--linear-y", description = "linear y axis (default: log)")
    boolean linearY;

    @Option(names = "--facet", description = "one small plot per group instead of all groups on one plot")
    boolean facet;

    @Option(names = "--x-label", paramLabel = "TEXT", description = "x axis label (default: the column name)")
    String xLabel;

    @Option(names = "--y-label", paramLabel = "TEXT", description = "y axis label (default: the column name)")
    String yLabel;

    @Option(names = "--extrapolate-to", paramLabel = "X", description = "draw the fitted curves up to X (default: 10 × the largest x)")
    Double extrapolateTo;

    /** Refuses drawing options when nothing is drawn (fit without --plot). */
    static void checkUnused(CommandLine.ParseResult parsed, String drawnBy) {
        for (String o : new String[] {"--linear-y", "--facet", "--x-label", "--y-label", "--extrapolate-to"}) {
            if (parsed != null && parsed.hasMatchedOption(o)) {
                throw new CommandLine.ParameterException(parsed.commandSpec().commandLine(), o + " goes with " + drawnBy);
            }
        }
    }

    Figure.Options figureOptions() {
        if (extrapolateTo != null && !(extrapolateTo > 0 && Double.isFinite(extrapolateTo))) {
            throw new org.bnsl.InputException("--extrapolate-to must be a positive number, got " + extrapolateTo);
        }
        return new Figure.Options(xLabel, yLabel, linearY, facet, extrapolateTo);
    }

    /** Writes the figure to an .svg or .png file, whole or not at all. */
    static void write(Figure f, Path file, String option, String title) {
        FigureRenderer.Format format = FigureRenderer.Format.of(file, option);
        if (format == FigureRenderer.Format.SVG) {
            OutputFile.write(file, FigureRenderer.svg(f, title), option);
        } else {
            OutputFile.write(file, FigureRenderer.png(f), option);
        }
    }
}
