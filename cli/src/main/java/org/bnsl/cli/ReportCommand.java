package org.bnsl.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.regex.Pattern;

import org.bnsl.law.Law;
import org.bnsl.select.Extrapolation;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code bnsl report}: the fit of {@code bnsl fit} (every option of it) as one self-contained HTML
 * page, named by {@code --out}.
 */
@Command(name = "report", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Fit as 'bnsl fit' does and write one self-contained HTML report (--out FILE.html):",
            "the data, each fitted law with its breaks, the held-out points, the plots and the command that made it.",
            "Nothing in the page is fetched from the network."})
final class ReportCommand extends FitCommand {
    @Override
    public Integer call() {
        List<Extrapolation> results = fitAll();
        Figure figure = figure(results);
        HtmlReport.Context ctx = new HtmlReport.Context(results, this, figure, commandLine(), Main.version());
        OutputFile.write(out, HtmlReport.render(ctx), "--out");
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.println("wrote " + out);
        stdout.flush();
        return Main.OK;
    }

    @Override
    void checkOutputs(Law law) {
        if (out == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "missing --out FILE.html: the report to write");
        }
        if (json) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--json is for 'bnsl fit'; the report is HTML");
        }
        super.checkOutputs(law);
        Figure.checkDrawable(law, "bnsl report");
        plot.figureOptions();
    }

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./:=,+@%-]+");

    /** The command as typed (shell-quoted where needed), to be run again. */
    private String commandLine() {
        StringBuilder sb = new StringBuilder("bnsl");
        for (String a : spec.commandLine().getParseResult().originalArgs()) {
            sb.append(' ').append(PLAIN.matcher(a).matches() ? a : "'" + a.replace("'", "'\\''") + "'");
        }
        return sb.toString();
    }
}
