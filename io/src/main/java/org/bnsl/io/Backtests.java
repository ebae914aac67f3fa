package org.bnsl.io;

import static org.bnsl.Numbers.format;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.bnsl.InputException;
import org.bnsl.data.Series;
import org.bnsl.data.SeriesReader;
import org.bnsl.data.Table;
import org.bnsl.fit.Direction;
import org.bnsl.fit.Objective;
import org.bnsl.fit.Parallel;
import org.bnsl.law.formula.RowPredicate;
import org.bnsl.select.AutoFit;
import org.bnsl.select.Backtest;
import org.bnsl.select.Holdout;
import org.bnsl.uncertainty.Bootstrap;

/**
 * A backtest as {@code bnsl backtest} runs it (and the server's {@code POST backtest}, and
 * {@code bnsl bench --corpus}): the options checked, the curves of a table split into fit and
 * held-out points, the methods built. Which law extrapolates best is then {@link Backtest}'s work.
 */
public final class Backtests {
    /** The name of the rule in reports. */
    public static final String AUTO = "auto";
    /** The residual space unless told. */
    public static final String DEFAULT_SPACE = "log";
    /** The level of auto's intervals unless told (text, as an option's default). */
    public static final String DEFAULT_LEVEL = "0.9";

    private Backtests() {
    }

    /**
     * Checks that exactly one split is given (a split column, {@code holdoutAbove} or
     * {@code holdoutWhere}), the first for {@code source}.
     */
    public static void checkSplit(String source, String splitColumn, Double holdoutAbove, String holdoutWhere) {
        int given = (splitColumn != null ? 1 : 0) + (holdoutAbove != null ? 1 : 0) + (holdoutWhere != null ? 1 : 0);
        if (given == 0) {
            throw new OptionException("--holdout-above", source + ": no split: give --split-column COL, --holdout-above X or --holdout-where EXPR");
        }
        if (given > 1) {
            throw new OptionException("--split-column", "give one of --split-column, --holdout-above and --holdout-where");
        }
        if (holdoutAbove != null && !Double.isFinite(holdoutAbove)) {
            throw new OptionException("--holdout-above", "--holdout-above must be a finite number");
        }
    }

    /** The layout of a table: the curve and direction columns default to "curve" and "better" when the table has them. */
    public static Layout layout(Table table, String x, String y, String group, String better, String split, Double holdoutAbove,
            String holdoutWhere) {
        String g = group != null ? group : table.hasColumn("curve") ? "curve" : null;
        String b = better != null ? better : table.hasColumn("better") ? "better" : null;
        return new Layout(x, y, g, b, split, holdoutAbove, holdoutWhere);
    }

    /** Where a file's curves are (columns of x, y, the curve, the direction) and how each is split (one of split, holdoutAbove, holdoutWhere). */
    public record Layout(String x, String y, String group, String better, String split, Double holdoutAbove, String holdoutWhere) {
    }

    /** What a backtest needs besides the curves: methods, rule, bootstrap, threads. */
    public record Setup(List<String> names, List<String> autoNames, List<Backtest.Method> methods, Backtest.Rule rule, Bootstrap boot, int threads) {
        /** The methods of these candidate names and auto's committee, in {@code space}, with auto's bootstrap. */
        public static Setup of(List<String> names, List<String> autoNames, Objective space, Integer bootstrap, long seed, double level,
                int threads) {
            List<String> n = names.stream().map(s -> s.trim().toLowerCase(Locale.ROOT)).toList();
            List<String> a = autoNames.stream().map(s -> s.trim().toLowerCase(Locale.ROOT)).toList();
            Bootstrap b = bootstrap == null ? null : Bootstrap.of(bootstrap).withSeed(seed).withLevel(level).withThreads(1);
            return new Setup(n, a, Backtest.candidates(n, space), Backtest.auto(a, space), b, threads);
        }

        /** Fits and scores every method and the rule on each curve; {@code step} is told of each curve done. */
        public List<Backtest.CurveResult> run(List<Backtest.Task> tasks, java.util.function.IntConsumer step) {
            return Backtest.run(tasks, methods, AUTO, rule, boot, threads, step);
        }

        /** The report of these curves' results. */
        public Backtest.Report summarize(List<Backtest.CurveResult> curves) {
            return Backtest.summarize(curves, names, AUTO);
        }
    }

    /**
     * Checks the options shared by {@code bnsl backtest} and {@code bnsl bench --corpus} and builds
     * the methods: the candidates (the committee of {@code --law auto} by default), auto's committee
     * (the candidates by default), the space, the bootstrap of auto's fit; bad ones are
     * {@link OptionException}s (usage errors).
     */
    public static Setup setup(List<String> names, List<String> autoNames, String space, Integer bootstrap, long seed, double level,
            Integer threads) {
        if (bootstrap != null && bootstrap < 1) {
            throw new OptionException("--bootstrap", "--bootstrap must be a count of at least 1, got " + bootstrap);
        }
        if (bootstrap != null && bootstrap > FitSpec.MAX_RESAMPLES) {
            throw new OptionException("--bootstrap", "--bootstrap takes at most " + FitSpec.MAX_RESAMPLES + " resamples, got " + bootstrap);
        }
        if (!(level > 0 && level < 1)) {
            throw new OptionException("--level", "--level must be between 0 and 1 (exclusive), got " + level);
        }
        if (threads != null && threads < 1) {
            throw new OptionException("--threads", "--threads must be at least 1, got " + threads);
        }
        Objective objective;
        List<String> n = names == null ? AutoFit.DEFAULT_CANDIDATES : names;
        List<String> a = autoNames == null ? n : autoNames;
        try {
            objective = Objective.parse(space);
        } catch (InputException e) {
            throw new OptionException("--space", "--space: " + e.getMessage());
        }
        try {
            Backtest.candidates(n, objective);
        } catch (InputException e) {
            throw new OptionException("--candidates", "--candidates: " + e.getMessage());
        }
        try {
            return Setup.of(n, a, objective, bootstrap, seed, level, threads == null ? Parallel.cores() : threads);
        } catch (InputException e) {
            throw new OptionException("--auto-candidates", "--auto-candidates: " + e.getMessage());
        }
    }

    /**
     * The curves of {@code table}, split as {@code layout} says. Points with y ≤ 0 cannot be scored in
     * log space: each curve drops them and counts them. With {@code lenient}, a curve with bad input
     * becomes a failed task with the reason; otherwise the first one is an {@link InputException}.
     */
    public static List<Backtest.Task> tasks(Table table, Layout layout, boolean lenient) {
        SeriesReader reader = SeriesReader.builder().variable("x", layout.x()).y(layout.y()).group(layout.group()).build();
        List<SeriesReader.Group> groups = lenient ? reader.readGroups(table)
                : reader.read(table).stream().map(s -> new SeriesReader.Group(s.name(), s, null)).toList();
        Map<Integer, Integer> rowOfLine = new HashMap<>();
        for (int r = 0; r < table.rowCount(); r++) rowOfLine.put(table.line(r), r);
        int splitCol = layout.split() == null ? -1 : table.column(layout.split());
        int betterCol = layout.better() == null ? -1 : table.column(layout.better());
        RowPredicate.Bound where = layout.holdoutWhere() == null ? null
                : RowPredicate.compile(layout.holdoutWhere(), "--holdout-where").bind(table.columns());
        List<Backtest.Task> out = new ArrayList<>(groups.size());
        for (SeriesReader.Group g : groups) {
            if (g.failed()) {
                out.add(Backtest.Task.failed(g.name(), 0, g.error()));
                continue;
            }
            Series s = g.series();
            int unusable = 0;
            try {
                boolean[] keep = new boolean[s.size()];
                boolean[] held = new boolean[s.size()];
                Direction d = Direction.AUTO;
                String firstBetter = null;
                for (int i = 0; i < s.size(); i++) {
                    int row = rowOfLine.get(s.line(i));
                    keep[i] = s.y(i) > 0;
                    if (!keep[i]) unusable++;
                    if (betterCol >= 0) {
                        String v = table.text(row, betterCol).trim();
                        if (!v.equals("lower") && !v.equals("higher")) {
                            throw at(table, row, betterCol, "'" + v + "' is not a direction; expected lower or higher");
                        }
                        if (firstBetter == null) {
                            firstBetter = v;
                            d = v.equals("higher") ? Direction.UP : Direction.DOWN;
                        } else if (!v.equals(firstBetter)) {
                            throw at(table, row, betterCol, "'" + v + "' differs from '" + firstBetter
                                    + "' earlier in curve '" + s.name() + "'; one curve has one direction");
                        }
                    }
                    if (splitCol >= 0) {
                        String v = table.text(row, splitCol).trim();
                        if (!v.equals("fit") && !v.equals("holdout")) {
                            throw at(table, row, splitCol, "'" + v + "' is not a split; expected fit or holdout");
                        }
                        held[i] = v.equals("holdout");
                    } else if (where != null) {
                        held[i] = where.test(j -> table.number(row, j));
                    } else {
                        held[i] = s.x(0, i) > layout.holdoutAbove();
                    }
                }
                Series kept = s.select(keep);
                boolean[] keptHeld = new boolean[kept.size()];
                int m = 0;
                for (int i = 0; i < s.size(); i++) {
                    if (keep[i]) keptHeld[m++] = held[i];
                }
                String why = splitCol >= 0 ? "--split-column " + layout.split()
                        : where != null ? "--holdout-where" : "--holdout-above " + format(layout.holdoutAbove());
                String dropped = unusable == 0 ? "" : " (after dropping " + unusable + " point(s) with y ≤ 0)";
                Holdout h = Holdout.of(kept, keptHeld, why);
                if (h.holdout().size() == 0) {
                    throw new InputException(curve(table, s) + "no point is held out by " + why + dropped);
                }
                if (h.train().size() < 2) {
                    throw new InputException(curve(table, s) + h.train().size() + " fit point" + dropped
                            + "; at least 2 are needed");
                }
                out.add(Backtest.Task.of(h, d, unusable));
            } catch (InputException e) {
                if (!lenient) throw e;
                out.add(Backtest.Task.failed(s.name(), unusable, e.getMessage()));
            }
        }
        return out;
    }

    private static String curve(Table table, Series s) {
        return table.source() + ": curve '" + s.name() + "': ";
    }

    private static InputException at(Table table, int row, int col, String what) {
        return new InputException(table.source() + ":" + table.line(row) + ": column '" + table.columns().get(col) + "': " + what);
    }

}
