package org.bnsl.cli;

import java.util.HashSet;
import java.util.Set;

import org.bnsl.InputException;
import org.bnsl.data.Series;
import org.bnsl.data.Table;
import org.bnsl.law.formula.RowPredicate;
import org.bnsl.select.Holdout;

import picocli.CommandLine;
import picocli.CommandLine.Option;

/** Which points are held out of the fit and scored as extrapolation (a mixin of {@code fit}, {@code report}, {@code compare}). */
final class HoldoutOptions {
    @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--holdout-above", paramLabel = "X",
            description = "hold out points with x > X and score the extrapolation to them (an error for a curve with no point beyond X)")
    Double holdoutAbove;

    @Option(names = "--holdout-where", paramLabel = "EXPR", description = "hold out the rows where EXPR holds, e.g. \"params >= 4e9 or tokens > 1e11\"")
    String holdoutWhere;

    void check(int variables) {
        if (holdoutAbove != null && !Double.isFinite(holdoutAbove)) {
            throw usage("--holdout-above must be a finite number");
        }
        if (holdoutAbove != null && holdoutWhere != null) {
            throw usage("give --holdout-above or --holdout-where, not both");
        }
        if (holdoutAbove != null && variables != 1) {
            throw usage("--holdout-above is for laws of one variable; use --holdout-where for a law of " + variables + " variables");
        }
    }

    boolean any() {
        return holdoutAbove != null || holdoutWhere != null;
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    /** The file lines of the rows that --holdout-where holds out (empty without it). */
    Set<Integer> heldLines(Table table) {
        Set<Integer> lines = new HashSet<>();
        if (holdoutWhere == null) {
            return lines;
        }
        RowPredicate.Bound held = RowPredicate.compile(holdoutWhere, "--holdout-where").bind(table.columns());
        for (int row = 0; row < table.rowCount(); row++) {
            int r = row;
            if (held.test(j -> table.number(r, j))) {
                lines.add(table.line(row));
            }
        }
        return lines;
    }

    /**
     * The curve split into the points fitted and those held out. {@code --holdout-above} beyond
     * every point of a curve is an error: the user asked for a score that cannot be computed.
     */
    Holdout split(Series s, Set<Integer> heldLines) {
        if (holdoutAbove != null) {
            Holdout h = Holdout.above(s, holdoutAbove);
            if (h.holdout().size() == 0) {
                throw new InputException(s.source() + ": series '" + s.name() + "': --holdout-above "
                        + org.bnsl.Numbers.format(holdoutAbove) + " holds out nothing: the largest x is "
                        + org.bnsl.Numbers.format(FitReport.max(s.x(0))) + "; give a smaller X, or leave the option out to fit every point");
            }
            return h;
        }
        if (holdoutWhere != null) {
            boolean[] held = new boolean[s.size()];
            for (int i = 0; i < held.length; i++) held[i] = heldLines.contains(s.line(i));
            return Holdout.of(s, held, "--holdout-where");
        }
        return Holdout.none(s);
    }
}
