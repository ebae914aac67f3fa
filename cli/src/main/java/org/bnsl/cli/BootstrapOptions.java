package org.bnsl.cli;

import org.bnsl.io.FitSpec;

import picocli.CommandLine;
import picocli.CommandLine.Option;

/** Percentile intervals by refitting resamples (a mixin of {@code fit}, {@code report} and {@code backtest}). */
final class BootstrapOptions {
    @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--bootstrap", paramLabel = "B",
            description = "refit B resamples for percentile intervals of parameters and predictions (1 to " + FitSpec.MAX_RESAMPLES
                    + ", and as many as memory holds)")
    Integer bootstrap;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "seed of the bootstrap (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--level", paramLabel = "L", defaultValue = "0.9", description = "level of the intervals, in (0, 1) (default: ${DEFAULT-VALUE})")
    double level;

    /** Puts these options into a spec (which checks them); --seed and --level only when given, so the spec can refuse them alone. */
    void fill(FitSpec.Builder b) {
        b.bootstrap(bootstrap);
        CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
        if (parsed != null && parsed.hasMatchedOption("--seed")) b.seed(seed);
        if (parsed != null && parsed.hasMatchedOption("--level")) b.level(level);
    }
}
