package org.bnsl.io;

/**
 * One group's outcome in a batch fit: its {@link Model}, or the one-line reason it failed (a bad
 * cell, too few points, a fit that did not converge). Exactly one of the two is non-null.
 */
public record GroupResult(String name, Model model, String error) {
    /** Whether this group failed (then {@link #error()} says why). */
    public boolean failed() {
        return error != null;
    }
}
