package org.bnsl.cli;

import static org.bnsl.Numbers.format;

import org.bnsl.io.model.ModelFile;

import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The pairs bootstrap of {@code bnsl density} and {@code bnsl transfer}: rows (models, runs) drawn
 * with replacement, seeded, and percentile intervals at a level.
 */
final class ResampleOptions {
    /** The most resamples, as for 'bnsl fit --bootstrap'. */
    static final int MAX_RESAMPLES = 100_000;

    @Option(names = "--bootstrap", paramLabel = "B", defaultValue = "1000",
            description = "bootstrap resamples of the rows for the intervals (default: ${DEFAULT-VALUE})")
    int resamples;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "bootstrap seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--level", paramLabel = "L", defaultValue = "0.9", description = "interval level (default: ${DEFAULT-VALUE})")
    double level;

    /** @throws CommandLine.ParameterException naming the option out of range */
    void check(CommandLine cl) {
        if (resamples < 1 || resamples > MAX_RESAMPLES) {
            throw new CommandLine.ParameterException(cl, "--bootstrap must be between 1 and " + MAX_RESAMPLES + ", got " + resamples);
        }
        if (!(level > 0 && level < 1)) {
            throw new CommandLine.ParameterException(cl, "--level must be between 0 and 1 (exclusive), got " + format(level));
        }
    }

    /**
     * The one series of a model file a command works with: the one named by {@code group}, or the
     * only one.
     *
     * @throws org.bnsl.InputException when there is no such group
     * @throws org.bnsl.io.OptionException when there are several and no --group
     */
    static ModelFile.Entry oneSeries(java.nio.file.Path model, String group, CommandLine cl) {
        return ModelFile.oneSeries(ModelFile.read(model), group, model.toString());
    }
}
