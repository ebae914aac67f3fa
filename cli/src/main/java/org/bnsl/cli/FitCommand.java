package org.bnsl.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Function;

import org.bnsl.InputException;
import org.bnsl.data.GroupStream;
import org.bnsl.data.Series;
import org.bnsl.data.SeriesReader;
import org.bnsl.data.Table;
import org.bnsl.fit.BnslFitter;
import org.bnsl.fit.Direction;
import org.bnsl.fit.Fit;
import org.bnsl.fit.FitOptions;
import org.bnsl.fit.LawFitOptions;
import org.bnsl.fit.LawFitter;
import org.bnsl.fit.Objective;
import org.bnsl.fit.Parallel;
import org.bnsl.law.FittableLaw;
import org.bnsl.law.Law;
import org.bnsl.law.Laws;
import org.bnsl.law.formula.Formula;
import org.bnsl.law.formula.RowPredicate;
import org.bnsl.select.AutoFit;
import org.bnsl.uncertainty.Bootstrap;
import org.bnsl.uncertainty.Refit;
import org.bnsl.select.Extrapolation;
import org.bnsl.select.Holdout;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code bnsl fit}: fits a scaling law to each curve of a CSV or JSON file and scores its extrapolation. */
@Command(name = "fit", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Fit a scaling law (a broken neural scaling law by default) to each curve in FILE",
            "(CSV with a header, or a JSON array of objects). Held-out points are not fitted: they are predicted and scored."})
class FitCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "CSV or JSON file of points")
    Path file;

    @Option(names = "--x", paramLabel = "COL", description = "column of the scale, for laws of one variable (same as --var x=COL)")
    String xColumn;

    @Option(names = "--var", paramLabel = "NAME=COL", description = "map a law's variable to a column, e.g. --var N=params --var D=tokens")
    List<String> vars = new ArrayList<>();

    @Option(names = "--y", required = true, paramLabel = "COL", description = "column of the metric (loss, error, accuracy)")
    String yColumn;

    @Option(names = "--law", paramLabel = "NAME", description = "the law to fit (default bnsl; 'bnsl laws' lists them)")
    String lawName;

    @Option(names = "--formula", paramLabel = "EXPR", description = "fit your own formula, e.g. \"E + A/N^alpha + B/D^beta\"")
    String formula;

    @Option(names = "--group", paramLabel = "COL", description = "column naming independent curves, fitted in parallel")
    String groupColumn;

    @Option(names = "--breaks", paramLabel = "N|auto", description = "number of BNSL breaks, 0 to 4, or auto to choose by extrapolation (default: 1)")
    String breaksText;

    @Option(names = "--fallback", paramLabel = "LAW",
            description = "with auto choice: the law to fit when there are too few points to validate (e.g. bnsl:1, rectified)")
    String fallback;

    @Option(names = "--candidates", split = ",", paramLabel = "LAW",
            description = "the laws --law auto chooses among (default: bnsl:auto,m2,m4,offset-power,rectified)")
    List<String> candidates;

    /** The break count, or -1 for auto; set by {@link #checkOptions()}. */
    Integer breaks;

    @Option(names = "--holdout-above", paramLabel = "X", description = "hold out points with x > X and score the extrapolation to them")
    Double holdoutAbove;

    @Option(names = "--holdout-where", paramLabel = "EXPR", description = "hold out the rows where EXPR holds, e.g. \"params >= 4e9 or tokens > 1e11\"")
    String holdoutWhere;

    @Option(names = "--where", paramLabel = "EXPR", description = "use only the rows where EXPR holds, e.g. \"loss < 3.4469\"")
    String where;

    @Option(names = "--space", paramLabel = "SPACE", defaultValue = "log",
            description = "residuals in log (ln ŷ − ln y), log1p (ln(ŷ+1) − ln(y+1)) or linear space (default: ${DEFAULT-VALUE})")
    String space;

    @Option(names = "--loss", paramLabel = "LOSS", defaultValue = "squared",
            description = "squared or huber:DELTA, summed over points (default: ${DEFAULT-VALUE})")
    String loss;

    @Option(names = "--overestimate-penalty", paramLabel = "W", description = "residuals where the fit lies above the data weigh W times")
    Double overestimatePenalty;

    @Option(names = "--weights", paramLabel = "COL", description = "column of per-point weights")
    String weightColumn;

    @Option(names = "--init", paramLabel = "NAME=V", description = "initial value of a parameter (first start)")
    List<String> inits = new ArrayList<>();

    @Option(names = "--bound", paramLabel = "NAME=LO..HI", description = "bounds of a parameter")
    List<String> bounds = new ArrayList<>();

    @Option(names = "--fix", paramLabel = "NAME=V", description = "hold a parameter at a value")
    List<String> fixes = new ArrayList<>();

    @Option(names = "--direction", paramLabel = "DIR", description = "BNSL only: down (loss), up (accuracy) or auto (default: auto)")
    String direction;

    @Option(names = "--x-offset", paramLabel = "S", defaultValue = "0", description = "fit in x + S, so points at x = 0 can be used (default: ${DEFAULT-VALUE})")
    double xOffset;

    @Option(names = "--bootstrap", paramLabel = "B", description = "refit B resamples for percentile intervals of parameters and predictions")
    Integer bootstrap;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "seed of the bootstrap (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--level", paramLabel = "L", defaultValue = "0.9", description = "level of the intervals, in (0, 1) (default: ${DEFAULT-VALUE})")
    double level;

    @Option(names = "--threads", paramLabel = "N", description = "groups fitted at once (default: all cores)")
    Integer threads;

    @Option(names = "--out", paramLabel = "MODEL.json", description = "write a model file for 'bnsl predict'")
    Path out;

    @Option(names = "--json", description = "write one JSON object to stdout instead of text")
    boolean json;

    @Option(names = "--plot", paramLabel = "FILE.svg|png", description = "draw the fit: points, curve, breaks and residuals")
    Path plotFile;

    @CommandLine.Mixin
    PlotOptions plot = new PlotOptions();

    /** Variable name → column, in the law's order; set by {@link #call()}. */
    Map<String, String> columns;

    @Option(names = "--jsonl", description = "stream one JSON line per group, in input order, as soon as it and the groups before it are done")
    boolean jsonl;

    @Option(names = "--quiet", description = "no progress on stderr")
    boolean quiet;

    @Option(names = "--sorted", description = "the CSV is sorted by --group: stream it, holding only the groups being fitted")
    boolean sorted;

    /** One group's outcome in a batch: its extrapolation, or the reason it failed. */
    record GroupResult(String name, Extrapolation extrapolation, String error) {
    }

    @Override
    public Integer call() {
        if (json && jsonl) {
            throw usage("give --json or --jsonl, not both");
        }
        Job job = prepare(true, sorted);
        PrintWriter stdout = spec.commandLine().getOut();
        boolean keep = out != null || plotFile != null;
        List<Extrapolation> kept = new java.util.ArrayList<>();
        com.fasterxml.jackson.databind.node.ArrayNode jsonSeries = json ? Json.MAPPER.createArrayNode() : null;
        FitReport.Pooled.Accumulator pooled = new FitReport.Pooled.Accumulator();
        List<String> failures = new java.util.ArrayList<>();
        int[] count = {0};
        boolean oneLongCurve = job.groups() != null && job.groups().size() == 1 && !job.groups().get(0).failed()
                && job.groups().get(0).series().size() >= LONG_CURVE;
        try (Progress progress = Progress.start(job.groups() == null ? -1 : job.groups().size(), quiet, spec.commandLine().getErr());
             Progress steps = oneLongCurve ? Progress.steps("fitting " + job.groups().get(0).series().size() + " points",
                     quiet, spec.commandLine().getErr()) : Progress.steps("", true, null);
             GroupStream stream = job.stream()) {
            fitProgress = steps.listener();
            java.util.Iterator<SeriesReader.Group> source = stream != null ? stream : job.groups().iterator();
            Parallel.stream(source, this::fitGroup, job.threads(), 4 * job.threads(), (i, r) -> {
                count[0]++;
                if (r.error() != null) {
                    failures.add(r.name() + ": " + r.error());
                    if (jsonl) stdout.println(Json.compact(FitReport.errorJson(r.name(), r.error())));
                    else if (json) jsonSeries.add(FitReport.errorJson(r.name(), r.error()));
                    else stdout.print(FitReport.errorText(r.name(), r.error()));
                } else {
                    Extrapolation e = r.extrapolation();
                    pooled.add(e);
                    if (keep) kept.add(e);
                    if (jsonl) stdout.println(Json.compact(FitReport.seriesJson(e, columns)));
                    else if (json) jsonSeries.add(FitReport.seriesJson(e, columns));
                    else stdout.print(FitReport.text(e, this));
                }
                stdout.flush();
                progress.step();
            });
        }
        int total = count[0];
        FitReport.Pooled summary = pooled.result();
        if (json) {
            com.fasterxml.jackson.databind.node.ObjectNode root = Json.MAPPER.createObjectNode();
            root.set("series", jsonSeries);
            if ((summary != null && total > 1) || !failures.isEmpty()) {
                root.set("summary", FitReport.summaryJson(total > 1 ? summary : null, total, failures.size()));
            }
            stdout.print(Json.write(root));
        } else if (!jsonl && summary != null && total - failures.size() > 1) {
            stdout.print(FitReport.pooledText(summary, total - failures.size()));
        }
        stdout.flush();
        if (!kept.isEmpty()) {
            if (out != null) {
                OutputFile.write(out, Json.write(ModelFile.toJson(kept, this)), "--out");
            }
            if (plotFile != null) {
                PlotOptions.write(figure(kept), plotFile, "--plot", "bnsl fit of " + file.getFileName());
            }
        }
        if (!failures.isEmpty()) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("bnsl: " + failures.size() + " of " + total + " groups failed; the first: " + failures.get(0));
            err.flush();
            return Main.SOME_FAILED;
        }
        return Main.OK;
    }

    /** Fits one group of a batch; a bad group becomes an error record, never an exception. */
    private GroupResult fitGroup(SeriesReader.Group g) {
        if (g.failed()) {
            return new GroupResult(g.name(), null, g.error());
        }
        try {
            return new GroupResult(g.name(), fitOne(g.series()), null);
        } catch (InputException e) {
            if (groupColumn == null) {
                throw e; // one curve: bad input for the whole run (exit 2), not a failed group
            }
            return new GroupResult(g.name(), null, e.getMessage());
        } catch (RuntimeException e) {
            return new GroupResult(g.name(), null, "internal error: " + e);
        }
    }

    /** Everything a run needs, prepared and checked before any fitting: the groups, or a stream of them. */
    record Job(List<SeriesReader.Group> groups, GroupStream stream, int threads) {
    }

    private Function<Holdout, Extrapolation> fitter;
    /** A single curve with at least this many points shows the steps of its fit on a terminal. */
    private static final int LONG_CURVE = 100_000;
    /** Where the BNSL fitter reports its steps (a bar for one long curve on a terminal). */
    private volatile org.bnsl.fit.FitProgress fitProgress = org.bnsl.fit.FitProgress.NONE;
    /** Threads for scoring the candidates of one group: all cores for a single curve, else 1. */
    private int autoThreads = 1;
    private Set<Integer> heldLines;
    private Bootstrap boot;
    private Objective objective;

    /**
     * Checks the options and the outputs, reads the file once and prepares the fitter. With
     * {@code lenient}, a group with a bad cell becomes a failed group instead of an error for the
     * whole file.
     */
    Job prepare(boolean lenient, boolean streaming) {
        checkOptions();
        objective = parseSpace(space);
        Law law = resolveLaw();
        columns = mapVariables(law);
        fitter = fitter(law, objective);
        checkOutputs(law);
        if (out != null) {
            OutputFile.checkWritable(out, "--out");
            if (out.toAbsolutePath().normalize().equals(file.toAbsolutePath().normalize())) {
                throw new InputException("--out " + out + ": is the input file; choose another name");
            }
        }
        SeriesReader.Builder reader = SeriesReader.builder().y(yColumn);
        columns.forEach(reader::variable);
        if (groupColumn != null) reader.group(groupColumn);
        if (weightColumn != null) reader.weight(weightColumn);
        int cores = threads == null ? Parallel.cores() : threads;
        if (streaming) {
            if (groupColumn == null) {
                throw usage("--sorted streams the groups of --group COL; give a group column");
            }
            if (file.toString().toLowerCase(java.util.Locale.ROOT).endsWith(".json")) {
                throw usage("--sorted streams CSV files; read JSON without it");
            }
            heldLines = java.util.concurrent.ConcurrentHashMap.newKeySet();
            GroupStream stream = GroupStream.open(file, reader.build(), rowFilter(where, "--where"),
                    rowFilter(holdoutWhere, "--holdout-where"), heldLines);
            autoThreads = 1;
            boot = bootstrap == null ? null : Bootstrap.of(bootstrap).withSeed(seed).withLevel(level).withThreads(1);
            return new Job(null, stream, cores);
        }
        Table table = Table.read(file);
        if (where != null) {
            RowPredicate.Bound filter = RowPredicate.compile(where, "--where").bind(table.columns());
            reader.filter(row -> filter.test(j -> table.number(row, j)));
        }
        SeriesReader r = reader.build();
        List<SeriesReader.Group> groups = lenient ? r.readGroups(table)
                : r.read(table).stream().map(s -> new SeriesReader.Group(s.name(), s, null)).toList();
        heldLines = heldLines(table);
        autoThreads = groups.size() > 1 ? 1 : cores;
        boot = bootstrap == null ? null
                : Bootstrap.of(bootstrap).withSeed(seed).withLevel(level).withThreads(groups.size() > 1 ? 1 : cores);
        return new Job(groups, null, cores);
    }

    /** A row condition for the streaming reader, bound to its header once that is read; null without one. */
    private static java.util.function.Function<List<String>, java.util.function.Predicate<GroupStream.Row>> rowFilter(
            String text, String option) {
        if (text == null) {
            return null;
        }
        RowPredicate p = RowPredicate.compile(text, option);
        return header -> {
            RowPredicate.Bound b = p.bind(header);
            return row -> b.test(row::number);
        };
    }

    /** Fits one curve: split, fit (or choose), and the bootstrap when asked for. */
    Extrapolation fitOne(Series s) {
        Extrapolation e = fitter.apply(split(s, heldLines));
        return boot == null ? e : e.withUncertainty(boot.run(e.train(), e.fit(), refitFor(e.fit(), objective)));
    }

    /**
     * Reads the file, fits every curve (in parallel) and scores its holdout: the whole job of
     * {@code fit}, shared with the commands that render its results differently. Any bad input is
     * an error for the whole run here.
     */
    List<Extrapolation> fitAll() {
        Job job = prepare(false, false);
        return Parallel.map(job.groups(), g -> fitOne(g.series()), job.threads());
    }

    /** How a bootstrap resample is refitted: warm-started from the fit, with its law, options and shift. */
    private Refit refitFor(Fit fit, Objective objective) {
        if (fit.law() instanceof org.bnsl.law.Bnsl b) {
            Direction dir = direction == null ? Direction.AUTO : parseDirection(direction);
            return Refit.bnsl(new FitOptions(b.breaks(), objective, dir, fit.xOffset())
                    .withLawOptions(lawOptions(objective).restrictedTo(b.parameters())));
        }
        LawFitter lf = new LawFitter(fittable(fit.law()), lawOptions(objective).restrictedTo(fit.law().parameters()));
        double shift = fit.xOffset();
        if (shift == 0) {
            return Refit.law(lf);
        }
        return (s, start) -> lf.refit(s.shiftX(shift), start.withXOffset(0)).withXOffset(shift);
    }

    /**
     * Checks, before any work, that every output asked for can be made: here the {@code --plot}
     * file (its folder, its extension, a law that can be drawn). Subcommands add their own.
     */
    void checkOutputs(Law law) {
        if (plotFile != null) {
            FigureRenderer.Format.of(plotFile, "--plot");
            OutputFile.checkWritable(plotFile, "--plot");
            Figure.checkDrawable(law, "--plot");
            plot.figureOptions();
        }
    }

    /** The figure of these results, drawn with this command's plot options. */
    Figure figure(List<Extrapolation> results) {
        List<Figure.Curve> curves = new ArrayList<>();
        for (Extrapolation e : results) {
            Fit f = e.fit();
            curves.add(new Figure.Curve(e.train().name(), f.law(), f.parameters(), f.xOffset(), e.train(), e.holdout(),
                    e.uncertainty()));
        }
        return Figure.of(curves, columns, yColumn, plot.figureOptions());
    }

    private void checkOptions() {
        if (bootstrap != null && bootstrap < 1) {
            throw usage("--bootstrap must be a count of at least 1, got " + bootstrap);
        }
        if (!(level > 0 && level < 1)) {
            throw usage("--level must be between 0 and 1 (exclusive), got " + level);
        }
        if (breaksText != null) {
            if (breaksText.equals("auto")) {
                breaks = -1;
            } else {
                try {
                    breaks = Integer.parseInt(breaksText.trim());
                } catch (NumberFormatException e) {
                    throw usage("--breaks must be a number from 0 to 4 or auto, got '" + breaksText + "'");
                }
                if (breaks < 0 || breaks > 4) {
                    throw usage("--breaks must be between 0 and 4, got " + breaks);
                }
            }
        }
        if (breaksText != null && !isBnsl()) {
            throw usage("--breaks goes with --law bnsl");
        }
        if (fallback != null) {
            if (!"auto".equals(lawName) && !"auto".equals(breaksText)) {
                throw usage("--fallback goes with --law auto or --breaks auto");
            }
            AutoFit.check(List.of(fallback));
        }
        if (candidates != null && !"auto".equals(lawName)) {
            throw usage("--candidates goes with --law auto");
        }
        if (threads != null && threads < 1) {
            throw usage("--threads must be at least 1, got " + threads);
        }
        if (holdoutAbove != null && !Double.isFinite(holdoutAbove)) {
            throw usage("--holdout-above must be a finite number");
        }
        if (holdoutAbove != null && holdoutWhere != null) {
            throw usage("give --holdout-above or --holdout-where, not both");
        }
        if (formula != null && lawName != null) {
            throw usage("give --law or --formula, not both");
        }
        if (overestimatePenalty != null && !(overestimatePenalty > 0 && Double.isFinite(overestimatePenalty))) {
            throw usage("--overestimate-penalty must be a positive number, got " + overestimatePenalty);
        }
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    private Objective parseSpace(String s) {
        try {
            return Objective.parse(s);
        } catch (InputException e) {
            throw usage("--space: " + e.getMessage());
        }
    }

    boolean isBnsl() {
        return formula == null && (lawName == null || lawName.equals("bnsl"));
    }

    boolean isAuto() {
        return formula == null && "auto".equals(lawName);
    }

    private Law resolveLaw() {
        if (formula != null) {
            List<String> names = new ArrayList<>();
            if (xColumn != null) names.add("x");
            for (String v : vars) names.add(splitPair(v, "--var")[0]);
            if (names.isEmpty()) {
                throw usage("--formula needs its variables: give --var NAME=COL for each (or --x COL for a variable named x)");
            }
            return Formula.compile(formula, names);
        }
        if (isBnsl()) {
            return org.bnsl.law.Bnsl.withBreaks(breaks == null || breaks < 0 ? 1 : breaks);
        }
        if (isAuto()) {
            return org.bnsl.law.Bnsl.withBreaks(1); // stands for "a law of one variable x" until each group chooses
        }
        return Laws.byName(lawName);
    }

    private Map<String, String> mapVariables(Law law) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String v : vars) {
            String[] kv = splitPair(v, "--var");
            if (!law.variables().contains(kv[0])) {
                throw usage("--var " + v + ": law '" + law.name() + "' has no variable '" + kv[0] + "'; its variables are "
                        + String.join(", ", law.variables()));
            }
            if (m.put(kv[0], kv[1]) != null) {
                throw usage("--var " + kv[0] + " is given twice");
            }
        }
        if (xColumn != null) {
            if (law.variables().size() != 1) {
                throw usage("--x is for laws of one variable; law '" + law.name() + "' takes " + String.join(", ", law.variables())
                        + ": map each with --var NAME=COL");
            }
            if (m.put(law.variables().get(0), xColumn) != null) {
                throw usage("give --x or --var " + law.variables().get(0) + "=COL, not both");
            }
        }
        Map<String, String> ordered = new LinkedHashMap<>();
        for (String v : law.variables()) {
            String col = m.get(v);
            if (col == null) {
                throw usage(law.variables().size() == 1
                        ? "missing --x COL: the column of the scale"
                        : "law '" + law.name() + "' takes variables " + String.join(", ", law.variables())
                                + ": map '" + v + "' with --var " + v + "=COL");
            }
            ordered.put(v, col);
        }
        if (holdoutAbove != null && ordered.size() != 1) {
            throw usage("--holdout-above is for laws of one variable; use --holdout-where for " + String.join(", ", ordered.keySet()));
        }
        return ordered;
    }

    private static String[] splitPair(String s, String option) {
        int eq = s.indexOf('=');
        if (eq <= 0 || eq == s.length() - 1) {
            throw new InputException(option + " " + s + ": expected NAME=VALUE");
        }
        return new String[] {s.substring(0, eq).trim(), s.substring(eq + 1).trim()};
    }

    private Function<Holdout, Extrapolation> fitter(Law law, Objective objective) {
        Function<Series, Fit> f = plainFitter(law, objective);
        if (f != null) {
            return split -> Extrapolation.of(split, f.apply(split.train()));
        }
        Direction dir = direction == null ? Direction.AUTO : parseDirection(direction);
        FitOptions base = new FitOptions(0, objective, dir, xOffset).withLawOptions(lawOptions(objective));
        if (isAuto()) {
            List<String> names = candidates == null ? AutoFit.DEFAULT_CANDIDATES : candidates;
            AutoFit.check(names);
            LawFitOptions lawOptions = lawOptions(objective);
            return split -> Extrapolation.of(split, AutoFit.laws(split.train(), names, base, lawOptions,
                    AutoFit.Options.defaults(Extrapolation.horizon(split, 2)).withThreads(autoThreads), fallback));
        }
        return split -> Extrapolation.of(split, AutoFit.breaks(split.train(), base,
                AutoFit.Options.defaults(Extrapolation.horizon(split, 2)).withThreads(autoThreads), fallback));
    }

    /** The fitter of a law the user named, or null when a choice is to be made (auto). */
    private Function<Series, Fit> plainFitter(Law law, Objective objective) {
        if (isAuto() || (isBnsl() && breaks != null && breaks < 0)) {
            if (columns.size() != 1) {
                throw usage("auto choice is for laws of one variable");
            }
            return null;
        }
        if (law instanceof org.bnsl.law.Bnsl b) {
            Direction dir = direction == null ? Direction.AUTO : parseDirection(direction);
            FitOptions options = new FitOptions(b.breaks(), objective, dir, xOffset).withLawOptions(lawOptions(objective));
            return s -> BnslFitter.fit(s, options, fitProgress);
        }
        if (breaks != null) {
            throw usage("--breaks is for --law bnsl");
        }
        if (direction != null) {
            throw usage("--direction is for --law bnsl");
        }
        if (!Double.isFinite(xOffset) || xOffset < 0) {
            throw usage("--x-offset must be a finite number ≥ 0, got " + xOffset);
        }
        FittableLaw fl = fittable(law);
        LawFitter lf = new LawFitter(fl, lawOptions(objective));
        double shift = xOffset;
        return s -> shift == 0 ? lf.fit(s) : lf.fit(s.shiftX(shift)).withXOffset(shift);
    }

    private LawFitOptions lawOptions(Objective objective) {
        LawFitOptions.Builder o = LawFitOptions.builder().space(objective).loss(parseLoss(loss));
        if (overestimatePenalty != null) o.overestimatePenalty(overestimatePenalty);
        for (String s : inits) o.init(s);
        for (String s : bounds) o.bound(s);
        for (String s : fixes) o.fix(s);
        return o.build();
    }

    private FittableLaw fittable(Law law) {
        if (law instanceof FittableLaw f) {
            return f;
        }
        throw usage("law '" + law.name() + "' cannot be fitted by the general fitter yet");
    }

    private Direction parseDirection(String s) {
        try {
            return Direction.parse(s);
        } catch (InputException e) {
            throw usage("--direction: " + e.getMessage());
        }
    }

    private LawFitOptions.Loss parseLoss(String s) {
        String t = s.trim();
        if (t.equals("squared")) {
            return LawFitOptions.Loss.squared();
        }
        if (t.startsWith("huber:")) {
            String d = t.substring(6);
            double delta;
            try {
                delta = Double.parseDouble(d);
            } catch (NumberFormatException e) {
                throw usage("--loss " + s + ": '" + d + "' is not a number");
            }
            if (!(delta > 0) || !Double.isFinite(delta)) {
                throw usage("--loss " + s + ": delta must be a positive number");
            }
            return LawFitOptions.Loss.huber(delta);
        }
        throw usage("--loss " + s + ": expected squared or huber:DELTA");
    }

    /** The file lines of the rows that --holdout-where holds out (empty without it). */
    private Set<Integer> heldLines(Table table) {
        Set<Integer> lines = new HashSet<>();
        if (holdoutWhere == null) {
            return lines;
        }
        RowPredicate.Bound held = RowPredicate.compile(holdoutWhere, "--holdout-where").bind(table.columns());
        for (int row = 0; row < table.rowCount(); row++) {
            int r = row;
            if (held.test(j -> table.number(r, j))) {
                lines.add(table.line(row));
            }
        }
        return lines;
    }

    private Holdout split(Series s, Set<Integer> heldLines) {
        if (holdoutAbove != null) {
            return Holdout.above(s, holdoutAbove);
        }
        if (holdoutWhere != null) {
            boolean[] held = new boolean[s.size()];
            for (int i = 0; i < held.length; i++) held[i] = heldLines.contains(s.line(i));
            return Holdout.of(s, held, "--holdout-where");
        }
        return Holdout.none(s);
    }
}
