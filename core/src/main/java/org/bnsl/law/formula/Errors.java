package org.bnsl.law.formula;

import org.bnsl.InputException;

/**
 * Makes the one-line error messages: an optional prefix ({@code "--where: "}), the problem, and
 * {@code " at column N"}, followed by {@code " (end of formula)"} when N is just past the text.
 */
final class Errors {
    private final String prefix;
    private final int endColumn;
    private final String endName;

    Errors(String prefix, String text, String endName) {
        this.prefix = prefix;
        this.endColumn = text.length() + 1;
        this.endName = endName;
    }

    InputException at(String problem, int column) {
        String end = column == endColumn ? " (end of " + endName + ")" : "";
        return new InputException(prefix + problem + " at column " + column + end);
    }

    InputException plain(String problem) {
        return new InputException(prefix + problem);
    }
}
