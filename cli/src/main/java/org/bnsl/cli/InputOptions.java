package org.bnsl.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bnsl.InputException;
import org.bnsl.law.Law;

import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The data to fit (a mixin of {@code fit}, {@code report} and {@code compare}): the file, the
 * columns of the law's variables and of the metric, the groups, the rows used and the weights.
 */
final class InputOptions {
    @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
    CommandLine.Model.CommandSpec spec;

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

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    /** The variable names given by --x (named x) and --var, for a formula. */
    List<String> variableNames() {
        List<String> names = new ArrayList<>();
        if (xColumn != null) names.add("x");
        for (String v : vars) names.add(splitPair(v, "--var")[0]);
        return names;
    }

    /** Variable name → column, in the law's order. */
    Map<String, String> mapVariables(Law law) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String v : vars) {
            String[] kv = splitPair(v, "--var");
            if (!law.variables().contains(kv[0])) {
                throw usage("--var " + v + ": law '" + law.name() + "' has no variable '" + kv[0] + "'; its variables are "
                        + String.join(", ", law.variables()));
            }
            if (m.put(kv[0], kv[1]) != null) {
                throw usage("--var " + kv[0] + " is given twice");
            }
        }
        if (xColumn != null) {
            if (law.variables().size() != 1) {
                throw usage("--x is for laws of one variable; law '" + law.name() + "' takes " + String.join(", ", law.variables())
                        + ": map each with --var NAME=COL");
            }
            if (m.put(law.variables().get(0), xColumn) != null) {
                throw usage("give --x or --var " + law.variables().get(0) + "=COL, not both");
            }
        }
        Map<String, String> ordered = new LinkedHashMap<>();
        for (String v : law.variables()) {
            String col = m.get(v);
            if (col == null) {
                throw usage(law.variables().size() == 1
                        ? "missing --x COL: the column of the scale"
                        : "law '" + law.name() + "' takes variables " + String.join(", ", law.variables())
                                + ": map '" + v + "' with --var " + v + "=COL");
            }
            ordered.put(v, col);
        }
        return ordered;
    }

    private static String[] splitPair(String s, String option) {
        int eq = s.indexOf('=');
        if (eq <= 0 || eq == s.length() - 1) {
            throw new InputException(option + " " + s + ": expected NAME=VALUE");
        }
        return new String[] {s.substring(0, eq).trim(), s.substring(eq + 1).trim()};
    }
}
