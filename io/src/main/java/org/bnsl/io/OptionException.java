package org.bnsl.io;

/**
 * A value of a {@link FitSpec} option that is wrong on its own or with the others (a usage error):
 * the message names the option as the command line spells it ({@code --breaks must be between 0
 * and 4, got 7}), and {@link #option()} says which one, so a form can show the error next to its
 * field. The command line prints it as it prints picocli's usage errors (exit code 2).
 */
public class OptionException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String option;

    /** An error about {@code option} (e.g. {@code "--breaks"}), with a one-line message that names it. */
    public OptionException(String option, String message) {
        super(message);
        this.option = option;
    }

    /** The option the error is about, as the command line spells it (e.g. {@code "--breaks"}). */
    public String option() {
        return option;
    }
}
