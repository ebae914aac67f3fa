package org.bnsl.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

import org.bnsl.data.Series;
import org.bnsl.fit.BnslFitter;
import org.bnsl.fit.Fit;
import org.bnsl.fit.FitOptions;
import org.bnsl.io.render.BenchReport;
import org.bnsl.io.render.Json;
import org.bnsl.law.Bnsl;
import org.bnsl.select.Backtest;
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

    @Option(names = "--seed", defaultValue = "20221026",
            description = "with --choice: the suite's seed; with --corpus --bootstrap: the bootstrap's (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--corpus", paramLabel = "DIR",
            description = "instead of timings: backtest every curves_*.csv under DIR (one folder per source; columns curve,x,y,better,split)")
    java.nio.file.Path corpus;

    @Option(names = "--candidates", split = ",", paramLabel = "LAW",
            description = "with --corpus: the candidates (default: those of --law auto)")
    List<String> candidates;

    @Option(names = "--auto-candidates", split = ",", paramLabel = "LAW",
            description = "with --corpus: the candidates --law auto chooses among (default: those of --candidates)")
    List<String> autoCandidates;

    @Option(names = "--bootstrap", paramLabel = "B",
            description = "with --corpus: refit auto's choice on B resamples for the coverage of its 90%% intervals")
    Integer bootstrap;

    @Option(names = "--threads", paramLabel = "N", description = "with --corpus: curves fitted at once (default: all cores)")
    Integer threads;

    @Option(names = "--per-curve", description = "with --corpus --json: add each file's per-curve records (picks, RMSLEs, predictions)")
    boolean perCurve;

    @Option(names = "--loso", description = {"with --corpus: choose --law auto's committee leaving one source out, and report",
        "each source with the committee chosen on the others (candidates: the pool to choose from)"})
    boolean loso;

    @Option(names = "--json", description = "with --corpus: write one JSON object to stdout instead of text")
    boolean json;

    @Option(names = "--quiet", description = "with --corpus: no progress on stderr")
    boolean quiet;

    @Override
    public Integer call() {
        if (curvesPerLaw < 1 || curvesPerLaw > MAX_CURVES) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--curves must be between 1 and " + MAX_CURVES + ", got " + curvesPerLaw);
        }
        BacktestCommand.refuseUnused(spec, corpus != null, "--corpus", "--candidates", "--auto-candidates", "--bootstrap",
                "--threads", "--per-curve", "--json", "--quiet", "--loso");
        if (corpus != null) {
            if (choice) {
                throw new CommandLine.ParameterException(spec.commandLine(), "give --corpus or --choice, not both");
            }
            for (String o : new String[] {"--runs", "--warmup", "--examples", "--curves"}) {
                BacktestCommand.refuseUnused(spec, false, "the timings or --choice, not --corpus", o);
            }
            return corpus();
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
        out.print(BenchReport.timingsHeader(Main.version(), Runtime.getRuntime().availableProcessors(), warmup, runs));
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
        // Issue 11: --law auto on a 20-point curve, one thread (the batch path), against its target of 60 ms per curve per core.
        Series twenty = synthetic(new Random(20), 1, 20);
        time(out, "--law auto (committee), 20 points, one thread", () -> org.bnsl.select.AutoFit.laws(twenty,
                org.bnsl.select.AutoFit.DEFAULT_CANDIDATES, FitOptions.breaks(0), org.bnsl.fit.LawFitOptions.defaults(),
                org.bnsl.select.AutoFit.Options.defaults(2.0).withThreads(1), null));
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

    /** One corpus file read into curves: its source folder, its name, its curves. */
    private record CorpusFile(String source, String name, List<Backtest.Task> tasks) {
    }

    /**
     * The backtest over every {@code curves_*.csv} under {@link #corpus}: per file, per source
     * (the file's folder relative to the corpus) and overall. Curves with bad input are named
     * failures, not errors; a file without the corpus columns is an error.
     */
    private int corpus() {
        org.bnsl.io.Backtests.Setup setup = org.bnsl.io.Backtests.setup(candidates, autoCandidates, "log", bootstrap, seed, 0.9, threads);
        if (!java.nio.file.Files.isDirectory(corpus)) {
            throw new org.bnsl.InputException("--corpus " + corpus + ": not a folder");
        }
        List<java.nio.file.Path> paths;
        try (java.util.stream.Stream<java.nio.file.Path> walk = java.nio.file.Files.walk(corpus, java.nio.file.FileVisitOption.FOLLOW_LINKS)) {
            paths = walk.filter(p -> java.nio.file.Files.isRegularFile(p) && p.getFileName().toString().startsWith("curves_")
                    && p.getFileName().toString().endsWith(".csv")).sorted().toList();
        } catch (java.io.IOException e) {
            throw new org.bnsl.InputException("--corpus " + corpus + ": cannot read: " + e.getMessage());
        }
        if (paths.isEmpty()) {
            throw new org.bnsl.InputException("--corpus " + corpus + ": no curves_*.csv file in it");
        }
        org.bnsl.io.Backtests.Layout layout = new org.bnsl.io.Backtests.Layout("x", "y", "curve", "better", "split", null, null);
        List<CorpusFile> files = new ArrayList<>();
        int total = 0;
        for (java.nio.file.Path p : paths) {
            java.nio.file.Path rel = corpus.relativize(p);
            String source = rel.getParent() == null ? "." : rel.getParent().toString();
            List<Backtest.Task> tasks = org.bnsl.io.Backtests.tasks(org.bnsl.data.Table.read(p), layout, true);
            files.add(new CorpusFile(source, p.getFileName().toString(), tasks));
            total += tasks.size();
        }
        long t0 = System.nanoTime();
        java.util.Map<String, List<Backtest.CurveResult>> bySource = new java.util.LinkedHashMap<>();
        List<Backtest.CurveResult> all = new ArrayList<>();
        List<Backtest.Report> fileReports = new ArrayList<>();
        try (Progress progress = Progress.start(total, quiet, spec.commandLine().getErr())) {
            for (CorpusFile f : files) {
                List<Backtest.CurveResult> r = loso
                        ? Backtest.run(f.tasks(), setup.methods(), null, null, null, setup.threads(), i -> progress.step())
                        : setup.run(f.tasks(), i -> progress.step());
                if (!loso) fileReports.add(setup.summarize(r));
                bySource.computeIfAbsent(f.source(), k -> new ArrayList<>()).addAll(r);
                all.addAll(r);
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (loso) {
            return loso(setup, files, bySource, t0);
        }
        java.util.Map<String, Backtest.Report> sourceReports = new java.util.LinkedHashMap<>();
        bySource.forEach((k, v) -> sourceReports.put(k, setup.summarize(v)));
        List<BenchReport.CorpusFile> reports = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            reports.add(new BenchReport.CorpusFile(files.get(i).source(), files.get(i).name(), fileReports.get(i)));
        }
        BenchReport.Corpus c = new BenchReport.Corpus(corpus.toString(), setup.names(), setup.autoNames(), bootstrap,
                setup.threads(), seconds, total, reports, sourceReports, setup.summarize(all));
        PrintWriter out = spec.commandLine().getOut();
        out.print(json ? Json.write(BenchReport.json(c, perCurve)) : BenchReport.text(c, Main.version()));
        out.flush();
        return Main.OK;
    }

    /**
     * Leave one source out: for each source, the committee is selected on the other sources
     * ({@link CommitteeTuning}), then {@code --law auto} with it is run on the source left out. Every
     * figure is a median (or 90th percentile) over the source's curves of the holdout RMSLE, a
     * failed prediction counting as +∞, so a law that cannot fit short curves is not flattered.
     */
    private int loso(org.bnsl.io.Backtests.Setup setup, List<CorpusFile> files,
            java.util.Map<String, List<Backtest.CurveResult>> bySource, long t0) {
        List<org.bnsl.select.CommitteeTuning.Source> sources = new ArrayList<>();
        bySource.forEach((k, v) -> sources.add(new org.bnsl.select.CommitteeTuning.Source(k, v)));
        List<String> pool = setup.names();
        java.util.Map<String, org.bnsl.select.CommitteeTuning.Fold> folds =
                org.bnsl.select.CommitteeTuning.leaveOneSourceOut(sources, pool);
        List<String> shipped = org.bnsl.select.CommitteeTuning.select(sources, pool);
        org.bnsl.fit.Objective space = org.bnsl.fit.Objective.LOG;
        Bootstrap boot = bootstrap == null ? null : Bootstrap.of(bootstrap).withSeed(seed).withLevel(0.9);
        List<BenchReport.LosoSource> results = new ArrayList<>();
        try (Progress progress = Progress.start(bySource.values().stream().mapToInt(List::size).sum(), quiet, spec.commandLine().getErr())) {
            for (org.bnsl.select.CommitteeTuning.Source src : sources) {
                List<Backtest.Task> tasks = new ArrayList<>();
                for (CorpusFile f : files) if (f.source().equals(src.name())) tasks.addAll(f.tasks());
                List<String> members = folds.get(src.name()).members();
                List<Backtest.CurveResult> autoRuns = Backtest.run(tasks, List.of(), "auto", Backtest.auto(members, space), boot,
                        setup.threads(), i -> progress.step());
                results.add(BenchReport.LosoSource.of(src, members, autoRuns, pool));
            }
        }
        BenchReport.Loso l = new BenchReport.Loso(corpus.toString(), pool, shipped, org.bnsl.select.AutoFit.DEFAULT_CANDIDATES,
                results, Math.round((System.nanoTime() - t0) / 1e8) / 10.0);
        PrintWriter out = spec.commandLine().getOut();
        out.print(json ? Json.write(BenchReport.json(l)) : BenchReport.text(l));
        out.flush();
        return Main.OK;
    }

    private int choiceSuite() {
        PrintWriter out = spec.commandLine().getOut();
        long t0 = System.nanoTime();
        java.util.List<org.bnsl.select.ChoiceSuite.Trial> trials = org.bnsl.select.ChoiceSuite.run(curvesPerLaw, seed,
                Runtime.getRuntime().availableProcessors());
        org.bnsl.select.ChoiceSuite.Summary s = org.bnsl.select.ChoiceSuite.summarize(trials);
        out.print(BenchReport.choice(s, curvesPerLaw, seed, (System.nanoTime() - t0) / 1e9));
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
        out.print(BenchReport.timing(name, ms));
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
