package org.bnsl.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.bnsl.data.GroupStream;
import org.bnsl.data.Series;
import org.bnsl.data.SeriesReader;
import org.bnsl.data.Table;
import org.bnsl.fit.Fit;
import org.bnsl.fit.Objective;
import org.bnsl.fit.Parallel;
import org.bnsl.law.Law;
import org.bnsl.law.formula.RowPredicate;
import org.bnsl.select.Extrapolation;
import org.bnsl.select.Holdout;
import org.bnsl.uncertainty.Bootstrap;

import picocli.CommandLine;

/**
 * The preparation and fitting shared by {@code fit}, {@code report} and {@code compare}: checks the
 * options, reads the file once, and fits every curve (split, fit or choose, bootstrap). Each command
 * brings the option mixins it honours; {@code boot} is null for a command without a bootstrap.
 */
final class FitJob {
    final CommandLine.Model.CommandSpec spec;
    final InputOptions input;
    final HoldoutOptions holdout;
    final LawOptions law;
    final BootstrapOptions bootstrap;
    final ThreadOptions threads;

    /** Variable name → column, in the law's order; set by {@link #prepare}. */
    Map<String, String> columns;
    /** The law (for auto choice: a stand-in of one variable); set by {@link #prepare}. */
    Law resolved;

    private Function<Holdout, Extrapolation> fitter;
    /** Threads for scoring the candidates of one group: all cores for a single curve, else 1. */
    private int autoThreads = 1;
    private Set<Integer> heldLines;
    private Bootstrap boot;
    private Objective objective;

    FitJob(CommandLine.Model.CommandSpec spec, InputOptions input, HoldoutOptions holdout, LawOptions law,
            BootstrapOptions bootstrap, ThreadOptions threads) {
        this.spec = spec;
        this.input = input;
        this.holdout = holdout;
        this.law = law;
        this.bootstrap = bootstrap;
        this.threads = threads;
    }

    /** Everything a run needs, prepared and checked before any fitting: the groups, or a stream of them. */
    record Job(List<SeriesReader.Group> groups, GroupStream stream, int threads) {
    }

    Path file() {
        return input.file;
    }

    /**
     * Checks the options, then (through {@code checkOutputs}) the outputs, then reads the file once
     * and prepares the fitter. With {@code lenient}, a group with a bad cell becomes a failed group
     * instead of an error for the whole file. {@code kept} says whether every curve's results are
     * kept to the end (for a model file or a figure), {@code written} whether the bootstrap
     * resamples go to a model file (both for the memory check).
     */
    Job prepare(boolean lenient, boolean streaming, boolean kept, boolean written, java.util.function.Consumer<Law> checkOutputs) {
        return prepare(lenient, streaming, kept, written, checkOutputs, null);
    }

    /** As above; {@code plot}, when curves will be drawn, is checked against the data before any fitting. */
    Job prepare(boolean lenient, boolean streaming, boolean kept, boolean written, java.util.function.Consumer<Law> checkOutputs,
            PlotOptions plot) {
        law.check();
        if (bootstrap != null) bootstrap.check();
        threads.check();
        objective = law.parseSpace();
        resolved = law.resolveLaw(input.variableNames());
        columns = input.mapVariables(resolved);
        holdout.check(columns.size());
        fitter = law.fitter(resolved, objective, columns.size(), () -> autoThreads);
        checkOutputs.accept(resolved);
        SeriesReader.Builder reader = SeriesReader.builder().y(input.yColumn);
        columns.forEach(reader::variable);
        if (input.groupColumn != null) reader.group(input.groupColumn);
        if (input.weightColumn != null) reader.weight(input.weightColumn);
        int cores = threads.threads == null ? Parallel.cores() : threads.threads;
        if (streaming) {
            if (input.groupColumn == null) {
                throw usage("--sorted streams the groups of --group COL; give a group column");
            }
            if (input.file.toString().toLowerCase(java.util.Locale.ROOT).endsWith(".json")) {
                throw usage("--sorted streams CSV files; read JSON without it");
            }
            if (bootstrap != null) bootstrap.checkMemory(kept ? 1 : cores, resolved.parameterCount(), 0, cores, written);
            heldLines = java.util.concurrent.ConcurrentHashMap.newKeySet();
            GroupStream stream = GroupStream.open(input.file, reader.build(), rowFilter(input.where, "--where"),
                    rowFilter(holdout.holdoutWhere, "--holdout-where"), heldLines);
            autoThreads = 1;
            boot = bootstrap == null ? null : bootstrap.make(1);
            return new Job(null, stream, cores);
        }
        Table table = Table.read(input.file);
        if (input.where != null) {
            RowPredicate.Bound filter = RowPredicate.compile(input.where, "--where").bind(table.columns());
            reader.filter(row -> filter.test(j -> table.number(row, j)));
        }
        SeriesReader r = reader.build();
        List<SeriesReader.Group> groups = lenient ? r.readGroups(table)
                : r.read(table).stream().map(s -> new SeriesReader.Group(s.name(), s, null)).toList();
        heldLines = holdout.heldLines(table);
        if (plot != null && plot.extrapolateTo != null) {
            double xMax = 0;
            for (SeriesReader.Group g : groups) {
                if (g.series() != null) xMax = Math.max(xMax, FitReport.max(g.series().x(0)));
            }
            Figure.checkExtrapolation(plot.extrapolateTo, xMax);
        }
        autoThreads = groups.size() > 1 ? 1 : cores;
        if (bootstrap != null) {
            int points = 0;
            for (SeriesReader.Group g : groups) {
                if (g.series() != null) points = Math.max(points, g.series().size());
            }
            bootstrap.checkMemory(kept ? groups.size() : Math.min(groups.size(), cores), resolved.parameterCount(), points, cores,
                    written);
            boot = bootstrap.make(groups.size() > 1 ? 1 : cores);
        }
        return new Job(groups, null, cores);
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    /** A row condition for the streaming reader, bound to its header once that is read; null without one. */
    private static Function<List<String>, java.util.function.Predicate<GroupStream.Row>> rowFilter(String text, String option) {
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
        Extrapolation e = fitter.apply(holdout.split(s, heldLines));
        return boot == null ? e : e.withUncertainty(boot.run(e.train(), e.fit(), law.refitFor(e.fit(), objective)));
    }

    /** Reads the file and fits every curve (in parallel); any bad input is an error for the whole run here. */
    List<Extrapolation> fitAll(boolean written, java.util.function.Consumer<Law> checkOutputs, PlotOptions plot) {
        Job job = prepare(false, false, true, written, checkOutputs, plot);
        return Parallel.map(job.groups(), g -> fitOne(g.series()), job.threads());
    }

    /** The figure of these results, drawn with these plot options. */
    Figure figure(List<Extrapolation> results, PlotOptions plot) {
        List<Figure.Curve> curves = new ArrayList<>();
        for (Extrapolation e : results) {
            Fit f = e.fit();
            curves.add(new Figure.Curve(e.train().name(), f.law(), f.parameters(), f.xOffset(), e.train(), e.holdout(),
                    e.uncertainty()));
        }
        return Figure.of(curves, columns, input.yColumn, plot.figureOptions());
    }
}
