package org.bnsl.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.bnsl.io.FitSpec;

import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The data to fit (a mixin of {@code fit}, {@code report} and {@code compare}): the file, the
 * columns of the law's variables and of the metric, the groups, the rows used and the weights.
 */
final class InputOptions {
    @Parameters(index = "0", paramLabel = "FILE", description = "CSV or JSON file of points")
    Path file;

    @Option(names = "--x", paramLabel = "COL", description = "column of the scale, for laws of one variable (same as --var x=COL)")
    String xColumn;

    @Option(names = "--var", paramLabel = "NAME=COL", description = "map a law's variable to a column, e.g. --var N=params --var D=tokens")
    List<String> vars = new ArrayList<>();

    @Option(names = "--y", required = true, paramLabel = "COL", description = "column of the metric (loss, error, accuracy)")
    String yColumn;

    @Option(names = "--group", paramLabel = "COL", description = "column naming independent curves, fitted in parallel")
    String groupColumn;

    @Option(names = "--where", paramLabel = "EXPR", description = "use only the rows where EXPR holds, e.g. \"loss < 3.4469\"")
    String where;

    @Option(names = "--weights", paramLabel = "COL", description = "column of per-point weights")
    String weightColumn;

    /** Puts these options into a spec (which checks them when it is applied to the file). */
    void fill(FitSpec.Builder b) {
        b.x(xColumn).y(yColumn).group(groupColumn).where(where).weights(weightColumn);
        vars.forEach(b::var);
    }

    /**
     * The spec of these options and the other mixins a command brings ({@code bootstrap} null for
     * a command without one); building it checks the options on their own.
     */
    static FitSpec spec(InputOptions input, LawOptions law, HoldoutOptions holdout, BootstrapOptions bootstrap, ThreadOptions threads) {
        FitSpec.Builder b = FitSpec.builder();
        input.fill(b);
        law.fill(b);
        holdout.fill(b);
        if (bootstrap != null) bootstrap.fill(b);
        threads.fill(b);
        return b.build();
    }
}
