package org.bnsl.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.bnsl.io.FitSpec;

import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The data to fit (a mixin of {@code fit}, {@code report} and {@code compare}): the file, the
 * columns of the law's variables and of the metric, the groups ({@link ColumnOptions}), the rows
 * used and the weights.
 */
final class InputOptions {
    /** The file, --x, --y and --group. */
    @CommandLine.Mixin
    ColumnOptions columns = new ColumnOptions();

    @Option(names = "--var", paramLabel = "NAME=COL",
            description = "map a law's variable to a column, e.g. --var N=params --var D=tokens (--x COL is --var x=COL)")
    List<String> vars = new ArrayList<>();

    @Option(names = "--where", paramLabel = "EXPR", description = "use only the rows where EXPR holds, e.g. \"loss < 3.4469\"")
    String where;

    @Option(names = "--weights", paramLabel = "COL", description = "column of per-point weights")
    String weightColumn;

    /** The file of points. */
    Path file() {
        return columns.file;
    }

    /** Puts these options into a spec (which checks them when it is applied to the file). */
    void fill(FitSpec.Builder b) {
        b.x(columns.xColumn).y(columns.yColumn).group(columns.groupColumn).where(where).weights(weightColumn);
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
