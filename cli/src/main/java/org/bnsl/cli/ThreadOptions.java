package org.bnsl.cli;

import picocli.CommandLine;
import picocli.CommandLine.Option;

/** How many curves are fitted at once (a mixin of the commands that fit). */
final class ThreadOptions {
    @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--threads", paramLabel = "N", description = "groups fitted at once (default: all cores)")
    Integer threads;

    void check() {
        if (threads != null && threads < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--threads must be at least 1, got " + threads);
        }
    }
}
