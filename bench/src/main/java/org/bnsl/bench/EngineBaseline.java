package org.bnsl.bench;

import java.nio.file.Path;
import java.util.Arrays;

import org.bnsl.data.Table;
import org.bnsl.io.Bnsl;
import org.bnsl.io.FitSpec;

/** The baseline of {@link ServeLoad}: the engine's own time for the same fit, in this process, as the server runs it (one thread). */
final class EngineBaseline {
    private EngineBaseline() {
    }

    /** The median time of {@code runs} fits of the file's curve (1 break, the table already read), in milliseconds, after as many warm-ups. */
    static double medianMillis(Path csv, int runs) {
        Table table = Table.read(csv);
        FitSpec spec = FitSpec.builder().x("dataset_size").y("test_cross_entropy").breaks(1).threads(1).build();
        double[] ms = new double[runs];
        for (int i = 0; i < 2 * runs; i++) {
            long t0 = System.nanoTime();
            if (Bnsl.fitTable(table, spec).get(0).failed()) throw new IllegalStateException("the baseline fit failed");
            if (i >= runs) ms[i - runs] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        return ms[runs / 2];
    }
}
