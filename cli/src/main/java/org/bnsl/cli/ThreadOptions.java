package org.bnsl.cli;

import org.bnsl.io.FitSpec;

import picocli.CommandLine.Option;

/** How many curves are fitted at once (a mixin of the commands that fit). */
final class ThreadOptions {
    @Option(names = "--threads", paramLabel = "N", description = "curves (groups) fitted at once (default: all cores)")
    Integer threads;

    /** Puts this option into a spec (which checks it). */
    void fill(FitSpec.Builder b) {
        b.threads(threads);
    }
}
