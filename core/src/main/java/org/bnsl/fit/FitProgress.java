package org.bnsl.fit;

/**
 * Told how far a long fit has got: {@code done} of {@code total} steps, and the step now running.
 * Called on the fitting thread; what to draw is the caller's business (the core draws nothing).
 */
@FunctionalInterface
public interface FitProgress {
    /** Ignores every update. */
    FitProgress NONE = (done, total, stage) -> { };

    void update(int done, int total, String stage);
}
