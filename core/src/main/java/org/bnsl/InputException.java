package org.bnsl;

/**
 * A problem with what the user gave us: a file, a column, a value or an option.
 *
 * <p>The message is one line that names where the problem is (file, line, column where known)
 * and what was expected. The command line maps it to exit code 2 and never prints a stack trace
 * for it. Everything else that escapes is a bug.
 */
public class InputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InputException(String message) {
        super(message);
    }

    public InputException(String message, Throwable cause) {
        super(message, cause);
    }
}
