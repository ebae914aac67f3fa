package org.bnsl.bench;

import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Writes the batch CSV of the CLI-path benchmark: {@code java -cp benchmarks.jar org.bnsl.bench.BatchCsv
 * OUT.csv [CURVES [SEED]]} (defaults 10000 curves, seed {@value BenchData#BATCH_SEED}).
 */
public final class BatchCsv {
    private BatchCsv() {
    }

    public static void main(String[] args) {
        if (args.length < 1 || args.length > 3) {
            System.err.println("usage: BatchCsv OUT.csv [CURVES [SEED]]");
            System.exit(2);
        }
        Path out = Paths.get(args[0]);
        int curves = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : BenchData.BATCH_SEED;
        BenchData.writeBatch(out, curves, seed);
        System.err.println("wrote " + curves + " curves of 20 points (seed " + seed + ") to " + out);
    }
}
