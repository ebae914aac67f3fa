package org.bnsl.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

import org.bnsl.data.Series;
import org.bnsl.fit.BnslFitter;
import org.bnsl.fit.Fit;
import org.bnsl.fit.FitOptions;
import org.bnsl.law.Bnsl;
import org.bnsl.uncertainty.Bootstrap;
import org.bnsl.uncertainty.Refit;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bnsl bench}: times the core fits in process, after warm-up, and prints median and spread.
 * Speed claims live here (and in docs/BENCHMARKS.md), never in tests.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Time the core fits in process (after warm-up): median, 10th and 90th percentiles.")
public final class BenchCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--runs", defaultValue = "50", description = "timed runs per case (default: ${DEFAULT-VALUE})")
    int runs;

    @Option(names = "--warmup", defaultValue = "20", description = "untimed runs first (default: ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--examples", defaultValue = "examples", paramLabel = "DIR",
            description = "folder of the bundled example data, for the cases that read it (default: ${DEFAULT-VALUE})")
    java.nio.file.Path examples;

    /** The 4-digit-addition curve (Caballero et al. 2022, Fig. 4 left): the first 14 points, as fitted. */
    static final double[] FOUR_DIGIT_X = {160, 192, 256, 320, 384, 448, 480, 512, 544, 576, 608, 640, 672, 736};
    static final double[] FOUR_DIGIT_Y = {2.13809046, 2.11813418, 2.08955508, 2.06988398, 2.05404987, 2.03837089,
        2.02814281, 2.00496872, 1.95576149, 1.86313841, 1.70891537, 1.50637664, 1.29754721, 0.96559684};

    @Option(names = "--choice", description = "instead of timings: does --law auto earn its keep on a seeded synthetic suite?")
    boolean choice;

    /** The most curves per true law in the choice suite (each is several fits). */
    static final int MAX_CURVES = 10_000;

    @Option(names = "--curves", defaultValue = "40",
            description = "with --choice: curves per true law, 1 to " + MAX_CURVES + " (default: ${DEFAULT-VALUE})")
    int curvesPerLaw;

    @Option(names = "--seed", defaultValue = "20221026", description = "with --choice: the suite's seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Override
    public Integer call() {
        if (curvesPerLaw < 1 || curvesPerLaw > MAX_CURVES) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--curves must be between 1 and " + MAX_CURVES + ", got " + curvesPerLaw);
        }
        CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
        for (String o : choice ? new String[] {"--runs", "--warmup", "--examples"} : new String[] {"--curves", "--seed"}) {
            if (parsed != null && parsed.hasMatchedOption(o)) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        o + (choice ? " is for the timings, not --choice" : " goes with --choice"));
            }
        }
        if (choice) {
            return choiceSuite();
        }
        if (runs < 1 || warmup < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--runs must be ≥ 1 and --warmup ≥ 0");
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "bnsl %s on %d cores, %s %s; %d warm-up and %d timed runs per case%n",
                Main.version(), Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"),
                System.getProperty("java.version"), warmup, runs);
        Series fourDigit = Series.of("four_digit_addition", FOUR_DIGIT_X, FOUR_DIGIT_Y);
        time(out, "1-break BNSL, 4-digit addition (14 points)", () -> BnslFitter.fit(fourDigit, FitOptions.breaks(1)));
        List<Series> threeBreak = new ArrayList<>();
        Random rnd = new Random(60);
        for (int i = 0; i < 10; i++) {
            threeBreak.add(synthetic(rnd, 3, 60));
        }
        int[] next = {0};
        time(out, "3-break BNSL, 60 synthetic points (10 curves, cycled)",
                () -> BnslFitter.fit(threeBreak.get(next[0]++ % threeBreak.size()), FitOptions.breaks(3)));
        java.nio.file.Path chinchilla = examples.resolve("hoffmann2022_fig4_epoch_extraction.csv");
        if (java.nio.file.Files.isRegularFile(chinchilla)) {
            org.bnsl.data.Table t = org.bnsl.data.Table.read(chinchilla);
            int loss = t.column("loss");
            Series runs = org.bnsl.data.SeriesReader.builder().variable("N", "params").variable("D", "tokens").y("loss")
                    .filter(row -> t.number(row, loss) < 3.4469).build().read(t).get(0);
            org.bnsl.fit.LawFitter epoch = new org.bnsl.fit.LawFitter(org.bnsl.law.Laws.byName("chinchilla"),
                    org.bnsl.fit.LawFitOptions.builder().loss(org.bnsl.fit.LawFitOptions.Loss.huber(1e-3)).build());
            time(out, "Chinchilla refit, 240 runs, Huber 1e-3 (Epoch AI)", () -> epoch.fit(runs));
        } else {
            out.println("  (Chinchilla refit skipped: " + chinchilla + " not found; run from the repository root)");
        }
        // Issue 4: 1,000 residual-bootstrap warm-start refits of a 20-point 1-break curve, on all cores.
        // Each run is ~1 s, so this case runs at most 3 warm-up and 10 timed runs.
        Series oneBreak = synthetic(new Random(4), 1, 20);
        FitOptions one = FitOptions.breaks(1);
        Fit oneFit = BnslFitter.fit(oneBreak, one);
        Bootstrap boot = Bootstrap.of(1000).withSeed(1);
        time(out, "1,000 bootstrap refits, 1-break, 20 points, all cores",
                () -> boot.run(oneBreak, oneFit, Refit.bnsl(one)), Math.min(warmup, 3), Math.min(runs, 10));
        out.flush();
        return Main.OK;
    }

    private int choiceSuite() {
        PrintWriter out = spec.commandLine().getOut();
        long t0 = System.nanoTime();
        java.util.List<org.bnsl.select.ChoiceSuite.Trial> trials = org.bnsl.select.ChoiceSuite.run(curvesPerLaw, seed,
                Runtime.getRuntime().availableProcessors());
        org.bnsl.select.ChoiceSuite.Summary s = org.bnsl.select.ChoiceSuite.summarize(trials);
        out.printf(Locale.ROOT, "--law auto on %d synthetic curves (%d per true law, seed %d), %.0f s%n", s.curves(),
                curvesPerLaw, seed, (System.nanoTime() - t0) / 1e9);
        out.printf(Locale.ROOT, "  median holdout RMSLE, automatic choice      %.4f%n", s.autoMedian());
        s.singleMedians().forEach((k, v) -> out.printf(Locale.ROOT, "  median holdout RMSLE, always %-14s %.4f%s%n", k, v,
                k.equals(s.bestSingle()) ? "   (best single)" : ""));
        out.println("  confusion (true law → chosen):");
        s.confusion().forEach((t, m) -> out.printf(Locale.ROOT, "    %-13s %s%n", t, m));
        out.flush();
        return Main.OK;
    }

    private void time(PrintWriter out, String name, Supplier<?> job) {
        time(out, name, job, warmup, runs);
    }

    private static void time(PrintWriter out, String name, Supplier<?> job, int warmup, int runs) {
        for (int i = 0; i < warmup; i++) {
            job.get();
        }
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            job.get();
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        out.printf(Locale.ROOT, "  %-55s median %8.2f ms   p10 %8.2f   p90 %8.2f%n", name, ms[runs / 2],
                ms[runs / 10], ms[Math.min(runs - 1, runs * 9 / 10)]);
    }

    /** A BNSL curve with breaks a decade apart inside 4 decades, 1% noise (seeded). */
    public static Series synthetic(Random rnd, int breaks, int points) {
        double[] p = new double[3 + 3 * breaks];
        p[0] = 0.2;
        p[1] = 5;
        p[2] = 0.2 + 0.2 * rnd.nextDouble();
        for (int j = 0; j < breaks; j++) {
            p[3 + 3 * j] = (j % 2 == 0 ? 1 : -1) * (0.2 + 0.3 * rnd.nextDouble());
            p[4 + 3 * j] = Math.pow(10, 1.5 + j + 0.5 * rnd.nextDouble());
            p[5 + 3 * j] = 0.05 + 0.3 * rnd.nextDouble();
        }
        Bnsl law = Bnsl.withBreaks(breaks);
        double[] x = new double[points];
        double[] y = new double[points];
        for (int i = 0; i < points; i++) {
            x[i] = Math.pow(10, 4.0 * i / (points - 1));
            y[i] = law.value(p, new double[] {x[i]}) * (1 + 0.01 * rnd.nextGaussian());
        }
        return Series.of("synthetic", x, y);
    }
}
