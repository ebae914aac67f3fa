package org.bnsl.cli;

import java.util.Locale;

import org.bnsl.uncertainty.Bootstrap;

import picocli.CommandLine;
import picocli.CommandLine.Option;

/** Percentile intervals by refitting resamples (a mixin of {@code fit} and {@code report}). */
final class BootstrapOptions {
    /**
     * The most resamples asked for at once. A 90% percentile interval from 100,000 resamples is
     * already stable to a fraction of a percent; more only costs time (each is a full refit).
     */
    static final int MAX_RESAMPLES = 100_000;

    @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--bootstrap", paramLabel = "B",
            description = "refit B resamples for percentile intervals of parameters and predictions (1 to " + MAX_RESAMPLES
                    + ", and as many as memory holds)")
    Integer bootstrap;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "seed of the bootstrap (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--level", paramLabel = "L", defaultValue = "0.9", description = "level of the intervals, in (0, 1) (default: ${DEFAULT-VALUE})")
    double level;

    void check() {
        CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
        if (bootstrap == null && parsed != null && (parsed.hasMatchedOption("--seed") || parsed.hasMatchedOption("--level"))) {
            throw usage("--seed and --level go with --bootstrap B");
        }
        if (bootstrap != null && bootstrap < 1) {
            throw usage("--bootstrap must be a count of at least 1, got " + bootstrap);
        }
        if (bootstrap != null && bootstrap > MAX_RESAMPLES) {
            throw usage("--bootstrap " + bootstrap + " is more than the cap of " + String.format(Locale.ROOT, "%,d", MAX_RESAMPLES)
                    + " resamples; intervals from that many are already stable");
        }
        if (!(level > 0 && level < 1)) {
            throw usage("--level must be between 0 and 1 (exclusive), got " + level);
        }
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    /** The bootstrap asked for, or null. */
    Bootstrap make(int threads) {
        return bootstrap == null ? null : Bootstrap.of(bootstrap).withSeed(seed).withLevel(level).withThreads(threads);
    }

    /**
     * Refuses, before any fitting, a bootstrap whose resamples would not fit in memory: each curve
     * keeps B parameter vectors (about 8p + 80 bytes each, 70 bytes more per number when they are
     * written to a model file), and each thread holds B predictions for each of n points while it
     * draws intervals. Half the JVM's maximum heap is the budget.
     */
    void checkMemory(int curves, int parameters, int points, int threads, boolean written) {
        if (bootstrap == null) {
            return;
        }
        long b = bootstrap;
        double perResample = 8.0 * parameters + 80 + (written ? 70.0 * parameters : 0);
        double bytes = curves * b * perResample + b * 8.0 * points * threads;
        long budget = Runtime.getRuntime().maxMemory() / 2;
        if (bytes > budget) {
            long most = (long) Math.floor(b * budget / bytes);
            throw usage(String.format(Locale.ROOT,
                    "--bootstrap %d needs about %s of memory for %d curve(s) of %d parameters and up to %d points, more than the %s "
                            + "this run may use; give at most %d, or more memory with BNSL_JAVA_OPTS=-Xmx…",
                    b, size(bytes), curves, parameters, points, size(budget), Math.max(most, 1)));
        }
    }

    private static String size(double bytes) {
        return bytes >= 1e9 ? String.format(Locale.ROOT, "%.1f GB", bytes / 1e9) : String.format(Locale.ROOT, "%.0f MB", bytes / 1e6);
    }
}
