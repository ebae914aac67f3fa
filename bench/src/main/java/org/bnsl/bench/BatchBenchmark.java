package org.bnsl.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.bnsl.cli.Main;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The CLI path on a batch: {@code bnsl fit FILE --group group --breaks 1 --json} on 10,000 seeded
 * 20-point 1-break curves (one CSV written once per trial), in process through {@link Main#run},
 * with the JSON discarded. One call takes seconds, so this is single-shot: 1 fork, 1 warm-up
 * call, 2 measured calls. The whole process (JVM start, peak RSS) is measured by
 * {@code bench/run-batch.sh}. Target ≤ 60 s.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 1)
@Measurement(iterations = 2)
@State(Scope.Benchmark)
public class BatchBenchmark {
    static final int CURVES = 10_000;

    Path file;
    String[] args;

    @Setup(Level.Trial)
    public void setup() throws IOException {
        file = Files.createTempFile("bnsl-batch-", ".csv");
        BenchData.writeBatch(file, CURVES, BenchData.BATCH_SEED);
        args = new String[] {"fit", file.toString(), "--x", "x", "--y", "y", "--group", "group", "--breaks", "1", "--json"};
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        Files.deleteIfExists(file);
    }

    /** Fits the 10,000 curves through the CLI (all cores), output discarded; fails on a nonzero exit code. */
    @Benchmark
    public int fitTenThousandCurves() {
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(Writer.nullWriter()), new PrintWriter(err));
        if (code != Main.OK) {
            throw new IllegalStateException("bnsl fit exited with " + code + ": " + err);
        }
        return code;
    }
}
