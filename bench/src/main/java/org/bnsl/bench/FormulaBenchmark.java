package org.bnsl.bench;

import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.bnsl.data.Series;
import org.bnsl.fit.Fit;
import org.bnsl.fit.LawFitOptions;
import org.bnsl.fit.LawFitter;
import org.bnsl.fit.Objective;
import org.bnsl.law.FittableLaw;
import org.bnsl.law.Laws;
import org.bnsl.law.formula.Formula;
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
 * The cost of issue 12's robust search: the same {@link LawFitter} fits with the wider search on
 * ({@code wider=true}, the default) and off, in one run. Cases: a bump off the starting range
 * (the best fit of 32 starts has a collapsed scale, so the wider search runs and finds the bump),
 * a Gauss1-like curve of 250 points (NIST's certified parameters, seeded noise; its linear
 * parameters solved in closed form), a three-variable sum of powers in linear space, and the
 * Chinchilla refit (a built-in law).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class FormulaBenchmark {

    @State(Scope.Benchmark)
    public static class Case {
        @Param({"bump", "gauss", "three-variable", "chinchilla"})
        public String name;

        @Param({"true", "false"})
        public boolean wider;

        Series series;
        LawFitter fitter;

        @Setup
        public void setup() {
            LawFitOptions.Builder o = LawFitOptions.builder().widerSearch(wider);
            Random rnd = new Random(1);
            FittableLaw law;
            switch (name) {
                case "bump" -> {
                    Formula f = Formula.compile("a + b*exp(-(log(x) - m)^2)", List.of("x"));
                    double[] x = new double[30], y = new double[30];
                    for (int i = 0; i < 30; i++) {
                        x[i] = Math.pow(10, 2 + 5.0 * i / 29);
                        y[i] = f.value(new double[] {1, 2, 10}, new double[] {x[i]}) * Math.exp(0.01 * rnd.nextGaussian());
                    }
                    series = Series.of("bump", x, y);
                    law = f;
                }
                case "gauss" -> {
                    Formula f = Formula.compile("b1*exp(-b2*x) + b3*exp(-(x-b4)^2/b5^2) + b6*exp(-(x-b7)^2/b8^2)", List.of("x"));
                    double[] p = {98.778210871, 0.010497276517, 100.48990633, 67.481111276, 23.12977336, 71.994503004,
                        178.99805021, 18.389389025};
                    double[] x = new double[250], y = new double[250];
                    for (int i = 0; i < 250; i++) {
                        x[i] = i + 1;
                        y[i] = f.value(p, new double[] {x[i]}) + 2.5 * rnd.nextGaussian();
                    }
                    series = Series.of("gauss", x, y);
                    law = f;
                    o.space(Objective.LINEAR);
                }
                case "three-variable" -> {
                    List<String> vars = List.of("N", "V", "D");
                    Formula f = Formula.compile("A/N^alpha + B/V^beta + C/D^gamma + E", vars);
                    int n = 120;
                    double[][] cols = new double[3][n];
                    double[] y = new double[n];
                    for (int i = 0; i < n; i++) {
                        cols[0][i] = Math.pow(10, 7 + 3 * rnd.nextDouble());
                        cols[1][i] = Math.pow(10, 3.6 + 1.8 * rnd.nextDouble());
                        cols[2][i] = Math.pow(10, 9 + 3 * rnd.nextDouble());
                        y[i] = (180 / Math.pow(cols[0][i], 0.3) + 12 / Math.pow(cols[1][i], 0.35)
                                + 400 / Math.pow(cols[2][i], 0.28) - 3.5) * (1 + 0.001 * rnd.nextGaussian());
                    }
                    Series.Builder b = Series.builder().name("three").source("synthetic");
                    for (int j = 0; j < 3; j++) b.variable(vars.get(j), vars.get(j), cols[j]);
                    series = b.y("y", y).build();
                    law = f;
                    o.space(Objective.LINEAR);
                }
                case "chinchilla" -> {
                    series = BenchData.chinchillaRuns();
                    law = Laws.byName("chinchilla");
                    o.loss(LawFitOptions.Loss.huber(1e-3));
                }
                default -> throw new IllegalStateException(name);
            }
            fitter = new LawFitter(law, o.build());
        }
    }

    /** One fit with the default 32 starts. */
    @Benchmark
    public Fit fit(Case c) {
        return c.fitter.fit(c.series);
    }
}
