package org.bnsl.cli;

import java.io.PrintWriter;

import org.bnsl.InputException;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code bnsl} command. Exit codes are decided here and only here: 0 success, 2 bad input or
 * usage, 3 when some groups failed, 1 for anything else (a bug).
 */
@Command(name = "bnsl", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Fit, extrapolate and plan with neural scaling laws.",
        subcommands = {FitCommand.class, PredictCommand.class, CompareCommand.class, PlanCommand.class, IsoflopCommand.class,
            ReportCommand.class, PlotCommand.class, BacktestCommand.class,
            LawsCommand.class, BenchCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    public static final int OK = 0;
    public static final int INTERNAL = 1;
    public static final int BAD_INPUT = 2;
    public static final int SOME_FAILED = 3;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command: try 'bnsl fit FILE --x COL --y COL'");
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        int code = run(args, out, err);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** Runs the command with the given streams and returns its exit code (used by tests, too). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler((ex, a) -> {
            err.println("bnsl: " + oneLine(ex.getMessage()));
            CommandLine c = ex.getCommandLine();
            err.println("Try '" + c.getCommandSpec().qualifiedName() + " --help' for more information.");
            return BAD_INPUT;
        });
        cl.setExecutionExceptionHandler((ex, c, parsed) -> {
            Throwable t = ex;
            if (t instanceof InputException) {
                err.println("bnsl: " + oneLine(t.getMessage()));
                return BAD_INPUT;
            }
            err.println("bnsl: internal error: " + t);
            t.printStackTrace(err);
            return INTERNAL;
        });
        return cl.execute(args);
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replace('\n', ' ').replace('\r', ' ');
    }

    /** The version from the jar manifest, or "dev" when run from classes. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"bnsl " + version()};
        }
    }

    static String version() {
        String v = Main.class.getPackage().getImplementationVersion();
        return v == null ? "0.1.0-dev" : v;
    }
}
