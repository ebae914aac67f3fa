package org.bnsl.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.bnsl.data.Series;
import org.bnsl.fit.BnslFitter;
import org.bnsl.fit.Fit;
import org.bnsl.fit.FitOptions;
import org.bnsl.fit.LawFitOptions;
import org.bnsl.fit.LawFitter;
import org.bnsl.law.Laws;
import org.bnsl.select.AutoFit;
import org.bnsl.uncertainty.Bootstrap;
import org.bnsl.uncertainty.BootstrapResult;
import org.bnsl.uncertainty.Refit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The in-process fits, one call per sample (SampleTime, so the JSON carries percentiles). Each
 * benchmark uses only its own state, so a missing data file fails only the case that reads it.
 * Data and seeds are those of {@code bnsl bench} (see {@link BenchData}). Sized for about
 * 45 s per benchmark (2 forks × (3 × 2 s warm-up + 5 × 2 s measured) plus JVM start) on 2 cores.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(2)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class FitBenchmarks {

    @State(Scope.Benchmark)
    public static class FourDigit {
        Series series;
        FitOptions options;

        @Setup
        public void setup() {
            series = BenchData.fourDigitAddition();
            options = FitOptions.breaks(1);
        }
    }

    @State(Scope.Benchmark)
    public static class ThreeBreak {
        List<Series> curves;
        FitOptions options;
        int next;

        @Setup
        public void setup() {
            curves = BenchData.threeBreakCurves();
            options = FitOptions.breaks(3);
        }

        Series nextCurve() {
            Series s = curves.get(next);
            next = (next + 1) % curves.size();
            return s;
        }
    }

    @State(Scope.Benchmark)
    public static class TwentyPoints {
        Series series;
        FitOptions one;
        AutoFit.Options auto;
        Fit fit;
        Bootstrap bootstrap;
        Refit refit;

        @Setup
        public void setup() {
            series = BenchData.twentyPointOneBreak();
            one = FitOptions.breaks(1);
            // Horizon 2: what `bnsl fit --breaks auto` uses when there is no holdout.
            auto = AutoFit.Options.defaults(2.0).withThreads(Runtime.getRuntime().availableProcessors()); // as the CLI does for one curve
            fit = BnslFitter.fit(series, one);
            bootstrap = Bootstrap.of(1000).withSeed(1);
            refit = Refit.bnsl(one);
        }
    }

    @State(Scope.Benchmark)
    public static class Chinchilla {
        Series runs;
        LawFitter fitter;

        @Setup
        public void setup() {
            runs = BenchData.chinchillaRuns();
            if (runs.size() != 240) {
                throw new IllegalStateException("expected the 240 Chinchilla runs with loss < 3.4469, read " + runs.size());
            }
            fitter = new LawFitter(Laws.byName("chinchilla"),
                    LawFitOptions.builder().loss(LawFitOptions.Loss.huber(1e-3)).build());
        }
    }

    /** One 1-break BNSL fit (multi-start + polish) of the first 14 points of 4-digit addition. Target ≤ 10 ms. */
    @Benchmark
    public Fit oneBreakFourDigit(FourDigit s) {
        return BnslFitter.fit(s.series, s.options);
    }

    /** One 3-break BNSL fit of a 60-point synthetic curve; the ten seeded curves are cycled. Target ≤ 100 ms. */
    @Benchmark
    public Fit threeBreakSixtyPoints(ThreeBreak s) {
        return BnslFitter.fit(s.nextCurve(), s.options);
    }

    /**
     * {@code --breaks auto}: rolling-origin choice of 0..4 breaks and the final fit, on the 20-point
     * 1-break curve. Target ≤ 200 ms.
     */
    @Benchmark
    public AutoFit.Outcome breaksAutoTwentyPoints(TwentyPoints s) {
        return AutoFit.breaks(s.series, s.one, s.auto, null);
    }

    /**
     * {@code --law auto}: the committee median of the default candidates on the 20-point 1-break
     * curve, on one thread (the batch path: one core per curve). Target ≤ 60 ms per curve per core
     * (issue 11).
     */
    @Benchmark
    public AutoFit.Outcome lawAutoTwentyPoints(TwentyPoints s) {
        return AutoFit.laws(s.series, AutoFit.DEFAULT_CANDIDATES, FitOptions.breaks(0), LawFitOptions.defaults(),
                AutoFit.Options.defaults(2.0).withThreads(1), null);
    }

    /**
     * 1,000 residual-bootstrap warm-start refits of the 20-point 1-break fit, on all cores (seed 1),
     * intervals included. Target ≤ 2 s.
     */
    @Benchmark
    public BootstrapResult bootstrapThousandRefits(TwentyPoints s) {
        return s.bootstrap.run(s.series, s.fit, s.refit);
    }

    /** The Epoch AI refit of Chinchilla: 240 runs, Huber δ = 1e−3 on ln residuals. Target ≤ 1 s. */
    @Benchmark
    public Fit chinchillaHuberRefit(Chinchilla s) {
        return s.fitter.fit(s.runs);
    }
}
