package org.bnsl.cli;

import org.bnsl.io.FitSpec;

import picocli.CommandLine.Option;

/** Which points are held out of the fit and scored as extrapolation (a mixin of {@code fit}, {@code report}, {@code compare} and {@code backtest}). */
final class HoldoutOptions {
    @Option(names = "--holdout-above", paramLabel = "X",
            description = "hold out points with x > X and score the extrapolation to them (an error for a curve with no point beyond X)")
    Double holdoutAbove;

    @Option(names = "--holdout-where", paramLabel = "EXPR", description = "hold out the rows where EXPR holds, e.g. \"params >= 4e9 or tokens > 1e11\"")
    String holdoutWhere;

    /** Puts these options into a spec (which checks them). */
    void fill(FitSpec.Builder b) {
        b.holdoutAbove(holdoutAbove).holdoutWhere(holdoutWhere);
    }
}
