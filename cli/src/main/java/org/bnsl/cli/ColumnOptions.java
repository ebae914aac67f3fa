package org.bnsl.cli;

import java.nio.file.Path;

import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * A table of curves and where its points are: the file, the columns of the scale and of the metric,
 * and the column naming the curves. A mixin of {@code backtest}, and part of {@link InputOptions}.
 */
final class ColumnOptions {
    @Parameters(index = "0", paramLabel = "FILE", description = "CSV or JSON file of points")
    Path file;

    @Option(names = "--x", paramLabel = "COL", description = "column of the scale, for laws of one variable")
    String xColumn;

    @Option(names = "--y", required = true, paramLabel = "COL", description = "column of the metric (loss, error, accuracy)")
    String yColumn;

    @Option(names = "--group", paramLabel = "COL", description = "column naming independent curves, fitted in parallel")
    String groupColumn;
}
