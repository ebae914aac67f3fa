package org.bnsl.testing;

import org.bnsl.InputException;

/**
 * The contract every fuzz target checks: a parser either returns a result or throws an
 * {@link InputException} whose message is one non-empty line. Anything else (another exception,
 * an error, a multi-line message) escapes and is a finding.
 */
public final class Outcome {
    private Outcome() {}

    /** Runs {@code body}; an {@link InputException} is accepted if its message is one line. */
    public static void resultOrOneLine(Runnable body) {
        try {
            body.run();
        } catch (InputException e) {
            requireOneLine(e);
        }
    }

    /** Throws {@link AssertionError} unless the message is one non-empty line. */
    public static void requireOneLine(InputException e) {
        String m = e.getMessage();
        if (m == null || m.isBlank() || m.indexOf('\n') >= 0 || m.indexOf('\r') >= 0) {
            throw new AssertionError("InputException message is not one line: " + m, e);
        }
    }
}
