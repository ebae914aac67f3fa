package org.bnsl.bench;

import java.nio.file.Path;

/** The baseline of {@link ServeLoad}: the engine's own time for the same fit, in this process. */
final class EngineBaseline {
    private EngineBaseline() {
    }

    /** The median time of {@code runs} fits of the file's curve (1 break), in milliseconds. */
    static double medianMillis(Path csv, int runs) {
        return Double.NaN; // wired to org.bnsl.io.Bnsl when the io module lands
    }
}
