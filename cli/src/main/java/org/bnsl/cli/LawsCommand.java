package org.bnsl.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.bnsl.law.Bnsl;
import org.bnsl.law.Law;
import org.bnsl.law.Laws;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code bnsl laws}: the built-in laws, their variables and formulas. */
@Command(name = "laws", mixinStandardHelpOptions = true, description = "List the built-in laws with their variables and formulas.")
final class LawsCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        row(out, Bnsl.withBreaks(1), "bnsl");
        for (Law law : Laws.all()) {
            row(out, law, law.name());
        }
        out.println();
        out.println("Fit one with 'bnsl fit FILE --law NAME --var NAME=COL ... --y COL', or write your own with --formula.");
        out.flush();
        return Main.OK;
    }

    private static void row(PrintWriter out, Law law, String name) {
        out.printf(Locale.ROOT, "%-17s %-10s %s%n", name, String.join(",", law.variables()), law.formula());
        out.printf(Locale.ROOT, "%-17s %-10s parameters: %s%n", "", "", String.join(", ", law.parameters()));
    }
}
