package org.bnsl.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

import org.bnsl.InputException;
import org.bnsl.data.Table;
import org.bnsl.io.Bnsl;
import org.bnsl.io.OptionException;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code bnsl} command. Exit codes are decided here and only here: 0 success, 2 bad input or
 * usage, 3 when some groups failed, 1 for anything else (a bug). A bug, even an {@link Error} such
 * as a stack overflow, is one line on stderr; its stack trace only with {@code --debug}.
 */
@Command(name = "bnsl", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Fit, extrapolate and plan with neural scaling laws.",
        subcommands = {FitCommand.class, PredictCommand.class, CompareCommand.class, PlanCommand.class, IsoflopCommand.class,
            DensityCommand.class, TransferCommand.class,
            ReportCommand.class, PlotCommand.class, BacktestCommand.class,
            LawsCommand.class, BenchCommand.class, ServeCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    public static final int OK = 0;
    public static final int INTERNAL = 1;
    public static final int BAD_INPUT = 2;
    public static final int SOME_FAILED = 3;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Inherited by every subcommand, so it may be given anywhere on the line. */
    @CommandLine.Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT,
            description = "on an internal error, print its stack trace too")
    boolean debug;

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
        return run(args, out, err, new Object[0]);
    }

    /** As {@link #run(String[], PrintWriter, PrintWriter)}, with more subcommands (tests add one that fails). */
    static int run(String[] args, PrintWriter out, PrintWriter err, Object... moreCommands) {
        Main main = new Main();
        try {
            CommandLine cl = new CommandLine(main);
            for (Object c : moreCommands) cl.addSubcommand(c);
            cl.setOut(out);
            cl.setErr(err);
            String unknown = unknownCommand(cl, args);
            if (unknown != null) {
                err.println("bnsl: " + unknown);
                err.println("Try 'bnsl --help' for more information.");
                return BAD_INPUT;
            }
            cl.setParameterExceptionHandler((ex, a) -> {
                err.println("bnsl: " + oneLine(ex.getMessage()));
                CommandLine c = ex.getCommandLine();
                err.println("Try '" + c.getCommandSpec().qualifiedName() + " --help' for more information.");
                return BAD_INPUT;
            });
            cl.setExecutionExceptionHandler((ex, c, parsed) -> {
                if (ex instanceof OptionException) { // a usage error found by FitSpec: printed as picocli prints its own
                    err.println("bnsl: " + oneLine(ex.getMessage()));
                    err.println("Try '" + c.getCommandSpec().qualifiedName() + " --help' for more information.");
                    return BAD_INPUT;
                }
                if (ex instanceof InputException) {
                    err.println("bnsl: " + oneLine(ex.getMessage()));
                    return BAD_INPUT;
                }
                return internal(ex, main.debug, err);
            });
            return cl.execute(args);
        } catch (Throwable t) { // an Error (stack overflow, out of memory) passes through picocli's handlers
            return internal(t, main.debug, err);
        }
    }

    /** A bug: one line naming it, the trace only with {@code --debug}. */
    private static int internal(Throwable t, boolean debug, PrintWriter err) {
        String what = t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + oneLine(t.getMessage()));
        if (what.length() > 300) {
            what = what.substring(0, 300) + "…";
        }
        err.println("bnsl: internal error: " + what + " (please report" + (debug ? ")" : "; --debug shows the stack trace)"));
        if (debug) {
            t.printStackTrace(err);
        }
        err.flush();
        return INTERNAL;
    }

    /**
     * The message for a first word that is not a command ("unknown command 'X'" with the nearest
     * command), or null. Checked before parsing, so that {@code bnsl density --help} is an error too.
     */
    static String unknownCommand(CommandLine cl, String[] args) {
        int i = 0;
        while (i < args.length && args[i].startsWith("-")) {
            i++; // bnsl's own options (--debug, --help, --version) take no value
        }
        if (i == args.length) {
            return null;
        }
        List<String> names = new ArrayList<>(cl.getSubcommands().keySet());
        if (names.contains(args[i])) {
            return null;
        }
        String guess = Table.closest(args[i], names);
        return "unknown command '" + args[i] + "'" + (guess != null ? "; did you mean '" + guess + "'?"
                : "; the commands are " + String.join(", ", names));
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
        return Bnsl.version();
    }
}
