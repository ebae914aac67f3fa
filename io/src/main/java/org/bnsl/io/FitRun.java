package org.bnsl.io;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.bnsl.InputException;
import org.bnsl.data.GroupStream;
import org.bnsl.data.Series;
import org.bnsl.data.SeriesReader;
import org.bnsl.fit.FitProgress;
import org.bnsl.fit.Objective;
import org.bnsl.fit.Parallel;
import org.bnsl.law.Law;
import org.bnsl.select.Extrapolation;
import org.bnsl.select.Holdout;
import org.bnsl.uncertainty.Bootstrap;

/**
 * A {@link FitSpec} applied to one file or table, checked and ready to fit: the law resolved, the
 * columns of its variables, the groups read (or a stream of them), and the fitter of one curve
 * (split, fit or choose, bootstrap). Made by {@link Bnsl#prepare}; the renderers read the spec, the
 * source and the columns from it.
 */
public final class FitRun {
    private final FitSpec spec;
    private final String source;
    private final Path file;
    private final Map<String, String> columns;
    private final Law law;
    private final Objective objective;
    private final Function<Holdout, Extrapolation> fitter;
    private final int threads;
    /** Threads for scoring the candidates of one group: all cores for a single curve, else 1. */
    volatile int autoThreads = 1;
    volatile FitProgress progress = FitProgress.NONE;
    Set<Integer> heldLines;
    Bootstrap boot;
    List<SeriesReader.Group> groups;
    GroupStream stream;

    FitRun(FitSpec spec, String source, Path file, Map<String, String> columns, Law law, Objective objective, int threads) {
        this.spec = spec;
        this.source = source;
        this.file = file;
        this.columns = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(columns));
        this.law = law;
        this.objective = objective;
        this.threads = threads;
        this.fitter = spec.fitter(law, objective, columns.size(), () -> autoThreads, () -> progress);
    }

    /** The spec this run applies. */
    public FitSpec spec() { return spec; }

    /** Where the data came from, as messages name it (a file's path), never null. */
    public String source() { return source; }

    /** The file read, or null for a table given in memory. */
    public Path file() { return file; }

    /** The file's name without its folder (or the source's name for a table). */
    public String fileName() {
        return file != null && file.getFileName() != null ? file.getFileName().toString() : source;
    }

    /** Variable name → column, in the law's order. */
    public Map<String, String> columns() { return columns; }

    /** The law fitted (for an automatic choice, a stand-in of one variable x until each group chooses). */
    public Law law() { return law; }

    /** The groups read, each a series or the reason it cannot be fitted; null when streaming. */
    public List<SeriesReader.Group> groups() { return groups; }

    /** The stream of groups of a sorted CSV, or null when the groups were read at once. */
    public GroupStream stream() { return stream; }

    /** The groups fitted at once. */
    public int threads() { return threads; }

    /** Where the BNSL fitter reports the steps of a long fit (e.g. a progress bar). */
    public void progress(FitProgress listener) {
        this.progress = listener == null ? FitProgress.NONE : listener;
    }

    /** Fits one curve: split, fit (or choose), and the bootstrap when asked for. */
    public Extrapolation fitOne(Series s) {
        Extrapolation e = fitter.apply(spec.split(s, heldLines));
        return boot == null ? e : e.withUncertainty(boot.run(e.train(), e.fit(), spec.refitFor(e.fit(), objective)));
    }

    /**
     * Fits one group of a batch; a bad group becomes a failed result, never an exception. With no
     * group column (one curve) bad input is an {@link InputException} for the whole run instead.
     */
    public GroupResult fitGroup(SeriesReader.Group g) {
        if (g.failed()) {
            return new GroupResult(g.name(), null, g.error());
        }
        try {
            return new GroupResult(g.name(), new Model(fitOne(g.series()), this), null);
        } catch (InputException e) {
            if (spec.group() == null) {
                throw e;
            }
            return new GroupResult(g.name(), null, e.getMessage());
        } catch (RuntimeException e) {
            return new GroupResult(g.name(), null, "internal error: " + e);
        }
    }

    /** Fits every group read (in parallel); any bad input is an error for the whole run. */
    public List<Extrapolation> fitAll() {
        return Parallel.map(groups, g -> fitOne(g.series()), threads);
    }
}
