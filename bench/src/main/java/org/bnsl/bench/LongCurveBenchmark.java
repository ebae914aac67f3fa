package org.bnsl.bench;

import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.bnsl.data.Series;
import org.bnsl.fit.BnslFitter;
import org.bnsl.fit.Fit;
import org.bnsl.fit.FitOptions;
import org.bnsl.law.Bnsl;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One long curve (issue 10, item 5): a 1-break BNSL fit of n points, x = 1..n, y the law
 * a = 0.5, b = 20, c0 = 0.3, c1 = 0.4, d1 = 3000, f1 = 0.3 with 1% log-normal noise (seed 1), in
 * process, after the series is built. Single-shot: 1 fork, 1 warm-up call, 3 measured calls.
 * Target: 1,000,000 points ≤ 60 s end to end (reading included; see docs/BENCHMARKS.md).
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgs = "-Xmx768m")
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@State(Scope.Benchmark)
public class LongCurveBenchmark {
    @Param({"100000", "1000000"})
    int points;

    Series series;
    FitOptions one;

    @Setup
    public void setup() {
        double[] truth = {0.5, 20, 0.3, 0.4, 3000, 0.3};
        Bnsl law = Bnsl.withBreaks(1);
        Random rnd = new Random(1);
        double[] x = new double[points];
        double[] y = new double[points];
        for (int i = 0; i < points; i++) {
            x[i] = i + 1;
            y[i] = law.value(truth, x[i]) * Math.exp(0.01 * rnd.nextGaussian());
        }
        series = Series.of("long", x, y);
        one = FitOptions.breaks(1);
    }

    @Benchmark
    public Fit oneBreak() {
        return BnslFitter.fit(series, one);
    }
}
