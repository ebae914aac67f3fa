package org.bnsl.io;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

import org.bnsl.InputException;
import org.bnsl.Numbers;
import org.bnsl.data.Series;
import org.bnsl.data.Table;
import org.bnsl.fit.BnslFitter;
import org.bnsl.fit.Direction;
import org.bnsl.fit.Fit;
import org.bnsl.fit.FitOptions;
import org.bnsl.fit.FitProgress;
import org.bnsl.fit.LawFitOptions;
import org.bnsl.fit.LawFitter;
import org.bnsl.fit.Objective;
import org.bnsl.law.FittableLaw;
import org.bnsl.law.Law;
import org.bnsl.law.Laws;
import org.bnsl.law.formula.Formula;
import org.bnsl.law.formula.RowPredicate;
import org.bnsl.select.AutoFit;
import org.bnsl.select.Extrapolation;
import org.bnsl.select.Holdout;
import org.bnsl.uncertainty.Bootstrap;
import org.bnsl.uncertainty.Refit;

/**
 * Everything {@code bnsl fit} is told about one fit, as an immutable value: which columns hold the
 * law's variables, the metric, the groups and the weights, which rows are used; which law is fitted
 * and how (law, formula or {@code auto}, candidates, breaks, residual space, loss, starts, bounds,
 * fixes); which points are held out; the bootstrap; the threads.
 *
 * <p>This class is the one place where these options are checked and turned into a fitter: the
 * command line's options, the server's JSON and Spark's options all fill a {@link Builder}, so each
 * front door gets the same behaviour and the same messages. {@link Builder#build()} checks the
 * options on their own and throws {@link OptionException} (naming the option as the command line
 * spells it, e.g. {@code --breaks}); what depends on the data (a column, a formula's variables) is
 * checked when the spec is applied ({@link Bnsl}), with {@link OptionException} or
 * {@link InputException}.
 *
 * <p>Serializable (plain values only), so that Spark can ship a spec to its executors.
 *
 * <pre>{@code
 * FitSpec spec = FitSpec.builder().x("dataset_size").y("test_cross_entropy").breaks(1).holdoutAbove(736).build();
 * Model m = Bnsl.fit(series, spec);
 * }</pre>
 */
public final class FitSpec implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    /**
     * The most bootstrap resamples asked for at once. A 90% percentile interval from 100,000
     * resamples is already stable to a fraction of a percent; more only costs time (each is a full refit).
     */
    public static final int MAX_RESAMPLES = 100_000;
    /** The most starts {@code --starts} takes. */
    public static final int MAX_STARTS = 100_000;

    // input
    private final String x;
    private final List<String> vars;
    private final String y;
    private final String group;
    private final String weights;
    private final String where;
    // law
    private final String law;
    private final String formula;
    private final String breaksText;
    private final String fallback;
    private final List<String> candidates;
    private final String space;
    private final String loss;
    private final Double overestimatePenalty;
    private final List<String> inits;
    private final List<String> bounds;
    private final List<String> fixes;
    private final Integer starts;
    private final String direction;
    private final double xOffset;
    // holdout
    private final Double holdoutAbove;
    private final String holdoutWhere;
    // bootstrap
    private final Integer bootstrap;
    private final long seed;
    private final double level;
    private final boolean seedOrLevelGiven;
    // threads
    private final Integer threads;

    /** The break count, or -1 for auto; null when not given. */
    private final Integer breaks;

    private FitSpec(Builder b) {
        x = b.x;
        vars = List.copyOf(b.vars);
        y = b.y;
        group = b.group;
        weights = b.weights;
        where = b.where;
        law = b.law;
        formula = b.formula;
        breaksText = b.breaks;
        fallback = b.fallback;
        candidates = b.candidates == null ? null : List.copyOf(b.candidates);
        space = b.space;
        loss = b.loss;
        overestimatePenalty = b.overestimatePenalty;
        inits = List.copyOf(b.inits);
        bounds = List.copyOf(b.bounds);
        fixes = List.copyOf(b.fixes);
        starts = b.starts;
        direction = b.direction;
        xOffset = b.xOffset;
        holdoutAbove = b.holdoutAbove;
        holdoutWhere = b.holdoutWhere;
        bootstrap = b.bootstrap;
        seed = b.seed;
        level = b.level;
        seedOrLevelGiven = b.seedOrLevelGiven;
        threads = b.threads;
        breaks = checkLaw();
        checkBootstrap();
        if (threads != null && threads < 1) {
            throw new OptionException("--threads", "--threads must be at least 1, got " + threads);
        }
    }

    /** A new, empty builder: the defaults of {@code bnsl fit}. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this spec's values, to change some of them. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.x = x;
        b.vars.addAll(vars);
        b.y = y;
        b.group = group;
        b.weights = weights;
        b.where = where;
        b.law = law;
        b.formula = formula;
        b.breaks = breaksText;
        b.fallback = fallback;
        b.candidates = candidates == null ? null : new ArrayList<>(candidates);
        b.space = space;
        b.loss = loss;
        b.overestimatePenalty = overestimatePenalty;
        b.inits.addAll(inits);
        b.bounds.addAll(bounds);
        b.fixes.addAll(fixes);
        b.starts = starts;
        b.direction = direction;
        b.xOffset = xOffset;
        b.holdoutAbove = holdoutAbove;
        b.holdoutWhere = holdoutWhere;
        b.bootstrap = bootstrap;
        b.seed = seed;
        b.level = level;
        b.seedOrLevelGiven = seedOrLevelGiven;
        b.threads = threads;
        return b;
    }

    /** The column of the scale for a law of one variable ({@code --x}), or null. */
    public String x() { return x; }

    /** The variable mappings {@code NAME=COL} ({@code --var}), in the order given. */
    public List<String> vars() { return vars; }

    /** The column of the metric ({@code --y}). */
    public String y() { return y; }

    /** The column naming independent curves ({@code --group}), or null. */
    public String group() { return group; }

    /** The column of per-point weights ({@code --weights}), or null. */
    public String weights() { return weights; }

    /** The condition on the rows used ({@code --where}), or null. */
    public String where() { return where; }

    /** The law's name ({@code --law}; {@code auto} to choose), or null for the default (bnsl). */
    public String law() { return law; }

    /** The formula fitted ({@code --formula}), or null. */
    public String formula() { return formula; }

    /** The break count as given ({@code --breaks}: 0 to 4 or {@code auto}), or null. */
    public String breaks() { return breaksText; }

    /** The law fitted when too few points validate an automatic choice ({@code --fallback}), or null. */
    public String fallback() { return fallback; }

    /** The laws {@code --law auto} chooses among ({@code --candidates}), or null for the default ones. */
    public List<String> candidates() { return candidates; }

    /** The residual space: log, log1p or linear ({@code --space}). */
    public String space() { return space; }

    /** The loss: squared or huber:DELTA ({@code --loss}). */
    public String loss() { return loss; }

    /** The weight of residuals where the fit lies above the data ({@code --overestimate-penalty}), or null. */
    public Double overestimatePenalty() { return overestimatePenalty; }

    /** The first starts {@code NAME=V} ({@code --init}). */
    public List<String> inits() { return inits; }

    /** The bounds {@code NAME=LO..HI} ({@code --bound}). */
    public List<String> bounds() { return bounds; }

    /** The fixed parameters {@code NAME=V} ({@code --fix}). */
    public List<String> fixes() { return fixes; }

    /** The general fitter's starting points ({@code --starts}), or null for its default. */
    public Integer starts() { return starts; }

    /** BNSL's direction: down, up or auto ({@code --direction}), or null. */
    public String direction() { return direction; }

    /** The shift S: the law is fitted in x + S ({@code --x-offset}). */
    public double xOffset() { return xOffset; }

    /** Points with x above this are held out ({@code --holdout-above}), or null. */
    public Double holdoutAbove() { return holdoutAbove; }

    /** The condition on the rows held out ({@code --holdout-where}), or null. */
    public String holdoutWhere() { return holdoutWhere; }

    /** Whether any point is held out. */
    public boolean holdsOut() { return holdoutAbove != null || holdoutWhere != null; }

    /** The bootstrap resamples ({@code --bootstrap}), or null for none. */
    public Integer bootstrap() { return bootstrap; }

    /** The bootstrap's seed ({@code --seed}). */
    public long seed() { return seed; }

    /** The level of the bootstrap intervals ({@code --level}). */
    public double level() { return level; }

    /** Groups fitted at once ({@code --threads}), or null for all cores. */
    public Integer threads() { return threads; }

    // ---- the law (what cli's LawOptions checked) ----

    private Integer checkLaw() {
        Integer n = null;
        if (breaksText != null) {
            if (breaksText.equals("auto")) {
                n = -1;
            } else {
                try {
                    n = Integer.parseInt(breaksText.trim());
                } catch (NumberFormatException e) {
                    throw usage("--breaks", "--breaks must be a number from 0 to 4 or auto, got '" + breaksText + "'");
                }
                if (n < 0 || n > 4) {
                    throw usage("--breaks", "--breaks must be between 0 and 4, got " + n);
                }
            }
        }
        if (breaksText != null && !isBnsl()) {
            throw usage("--breaks", "--breaks goes with --law bnsl");
        }
        if (fallback != null) {
            if (!"auto".equals(law) && !"auto".equals(breaksText)) {
                throw usage("--fallback", "--fallback goes with --law auto or --breaks auto");
            }
            AutoFit.check(List.of(fallback));
        }
        if (candidates != null && !"auto".equals(law)) {
            throw usage("--candidates", "--candidates goes with --law auto");
        }
        if (formula != null && law != null) {
            throw usage("--formula", "give --law or --formula, not both");
        }
        if (overestimatePenalty != null && !(overestimatePenalty > 0 && Double.isFinite(overestimatePenalty))) {
            throw usage("--overestimate-penalty", "--overestimate-penalty must be a positive number, got " + overestimatePenalty);
        }
        if (starts != null) {
            if (starts < 1 || starts > MAX_STARTS) {
                throw usage("--starts", "--starts must be in 1.." + MAX_STARTS + ", got " + starts);
            }
            if (isBnsl() || isAuto()) {
                throw usage("--starts", "--starts goes with --formula or --law NAME (the general fitter), not with "
                        + (isAuto() ? "--law auto" : "--law bnsl"));
            }
        }
        return n;
    }

    private static OptionException usage(String option, String message) {
        return new OptionException(option, message);
    }

    Objective parseSpace() {
        try {
            return Objective.parse(space);
        } catch (InputException e) {
            throw usage("--space", "--space: " + e.getMessage());
        }
    }

    boolean isBnsl() {
        return formula == null && (law == null || law.equals("bnsl"));
    }

    boolean isAuto() {
        return formula == null && "auto".equals(law);
    }

    /** Whether a law or break count is chosen per curve ({@code --law auto} or {@code --breaks auto}). */
    public boolean isChoice() {
        return isAuto() || (isBnsl() && breaks != null && breaks < 0);
    }

    /** The law named by the spec; a formula's variables are the given names (from --x and --var). */
    Law resolveLaw(List<String> names) {
        if (formula != null) {
            if (names.isEmpty()) {
                throw usage("--formula", "--formula needs its variables: give --var NAME=COL for each (or --x COL for a variable named x)");
            }
            try {
                return Formula.compile(formula, names);
            } catch (InputException e) {
                String m = e.getMessage() == null ? "" : e.getMessage();
                throw m.startsWith("--formula") ? e : new InputException("--formula: " + m);
            }
        }
        if (isBnsl()) {
            return org.bnsl.law.Bnsl.withBreaks(breaks == null || breaks < 0 ? 1 : breaks);
        }
        if (isAuto()) {
            return org.bnsl.law.Bnsl.withBreaks(1); // stands for "a law of one variable x" until each group chooses
        }
        return Laws.byName(law);
    }

    /**
     * The fitter of one curve: from its split to the fit of the law named, or the choice among
     * candidates or break counts scored by extrapolation. {@code autoThreads} gives the threads that
     * score the candidates of one curve, {@code progress} where the BNSL fitter reports its steps
     * (both read when a curve is fitted).
     */
    Function<Holdout, Extrapolation> fitter(Law resolved, Objective objective, int variables, IntSupplier autoThreads,
            Supplier<FitProgress> progress) {
        Function<Series, Fit> f = plainFitter(resolved, objective, variables, progress);
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
                    AutoFit.Options.defaults(Extrapolation.horizon(split, 2)).withThreads(autoThreads.getAsInt()), fallback));
        }
        return split -> Extrapolation.of(split, AutoFit.breaks(split.train(), base,
                AutoFit.Options.defaults(Extrapolation.horizon(split, 2)).withThreads(autoThreads.getAsInt()), fallback));
    }

    /** The fitter of a law the user named, or null when a choice is to be made (auto). */
    private Function<Series, Fit> plainFitter(Law resolved, Objective objective, int variables, Supplier<FitProgress> progress) {
        if (isChoice()) {
            if (variables != 1) {
                throw usage(isAuto() ? "--law" : "--breaks", "auto choice is for laws of one variable");
            }
            return null;
        }
        if (resolved instanceof org.bnsl.law.Bnsl b) {
            Direction dir = direction == null ? Direction.AUTO : parseDirection(direction);
            FitOptions options = new FitOptions(b.breaks(), objective, dir, xOffset).withLawOptions(lawOptions(objective));
            return s -> BnslFitter.fit(s, options, progress.get());
        }
        if (breaks != null) {
            throw usage("--breaks", "--breaks is for --law bnsl");
        }
        if (direction != null) {
            throw usage("--direction", "--direction is for --law bnsl");
        }
        if (!Double.isFinite(xOffset) || xOffset < 0) {
            throw usage("--x-offset", "--x-offset must be a finite number ≥ 0, got " + xOffset);
        }
        FittableLaw fl = fittable(resolved);
        LawFitter lf = new LawFitter(fl, lawOptions(objective));
        double shift = xOffset;
        return s -> shift == 0 ? lf.fit(s) : lf.fit(s.shiftX(shift)).withXOffset(shift);
    }

    /** How a bootstrap resample is refitted: warm-started from the fit, with its law, options and shift. */
    Refit refitFor(Fit fit, Objective objective) {
        Direction dir = direction == null ? Direction.AUTO : parseDirection(direction);
        if (!(fit.law() instanceof org.bnsl.law.Committee) && !(fit.law() instanceof org.bnsl.law.Bnsl)) {
            fittable(fit.law()); // a law the general fitter cannot refit is a usage error, named
        }
        return AutoFit.refit(fit, new FitOptions(0, objective, dir, 0), lawOptions(objective));
    }

    private LawFitOptions lawOptions(Objective objective) {
        LawFitOptions.Builder o = LawFitOptions.builder().space(objective).loss(parseLoss(loss));
        if (overestimatePenalty != null) o.overestimatePenalty(overestimatePenalty);
        for (String s : inits) o.init(s);
        for (String s : bounds) o.bound(s);
        for (String s : fixes) o.fix(s);
        if (starts != null) o.starts(starts);
        return o.build();
    }

    private static FittableLaw fittable(Law law) {
        if (law instanceof FittableLaw f) {
            return f;
        }
        throw usage("--law", "law '" + law.name() + "' cannot be fitted by the general fitter yet");
    }

    private static Direction parseDirection(String s) {
        try {
            return Direction.parse(s);
        } catch (InputException e) {
            throw usage("--direction", "--direction: " + e.getMessage());
        }
    }

    private static LawFitOptions.Loss parseLoss(String s) {
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
                throw usage("--loss", "--loss " + s + ": '" + d + "' is not a number");
            }
            if (!(delta > 0) || !Double.isFinite(delta)) {
                throw usage("--loss", "--loss " + s + ": delta must be a positive number");
            }
            return LawFitOptions.Loss.huber(delta);
        }
        throw usage("--loss", "--loss " + s + ": expected squared or huber:DELTA");
    }

    // ---- the input (what cli's InputOptions decided) ----

    /** The variable names given by --x (named x) and --var, for a formula. */
    List<String> variableNames() {
        List<String> names = new ArrayList<>();
        if (x != null) names.add("x");
        for (String v : vars) names.add(splitPair(v, "--var")[0]);
        return names;
    }

    /** Variable name → column, in the law's order. */
    Map<String, String> mapVariables(Law law) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String v : vars) {
            String[] kv = splitPair(v, "--var");
            if (!law.variables().contains(kv[0])) {
                throw usage("--var", "--var " + v + ": law '" + law.name() + "' has no variable '" + kv[0] + "'; its variables are "
                        + String.join(", ", law.variables()));
            }
            if (m.put(kv[0], kv[1]) != null) {
                throw usage("--var", "--var " + kv[0] + " is given twice");
            }
        }
        if (x != null) {
            if (law.variables().size() != 1) {
                throw usage("--x", "--x is for laws of one variable; law '" + law.name() + "' takes " + String.join(", ", law.variables())
                        + ": map each with --var NAME=COL");
            }
            if (m.put(law.variables().get(0), x) != null) {
                throw usage("--x", "give --x or --var " + law.variables().get(0) + "=COL, not both");
            }
        }
        Map<String, String> ordered = new LinkedHashMap<>();
        for (String v : law.variables()) {
            String col = m.get(v);
            if (col == null) {
                throw law.variables().size() == 1
                        ? usage("--x", "missing --x COL: the column of the scale")
                        : usage("--var", "law '" + law.name() + "' takes variables " + String.join(", ", law.variables())
                                + ": map '" + v + "' with --var " + v + "=COL");
            }
            ordered.put(v, col);
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

    // ---- the holdout (what cli's HoldoutOptions decided) ----

    void checkHoldout(int variables) {
        if (holdoutAbove != null && !Double.isFinite(holdoutAbove)) {
            throw usage("--holdout-above", "--holdout-above must be a finite number");
        }
        if (holdoutAbove != null && holdoutWhere != null) {
            throw usage("--holdout-above", "give --holdout-above or --holdout-where, not both");
        }
        if (holdoutAbove != null && variables != 1) {
            throw usage("--holdout-above", "--holdout-above is for laws of one variable; use --holdout-where for a law of " + variables
                    + " variables");
        }
    }

    /** The file lines of the rows that --holdout-where holds out (empty without it). */
    Set<Integer> heldLines(Table table) {
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

    /**
     * The curve split into the points fitted and those held out. {@code --holdout-above} beyond
     * every point of a curve is an error: the user asked for a score that cannot be computed.
     */
    Holdout split(Series s, Set<Integer> heldLines) {
        if (holdoutAbove != null) {
            Holdout h = Holdout.above(s, holdoutAbove);
            if (h.holdout().size() == 0) {
                throw new InputException(s.source() + ": series '" + s.name() + "': --holdout-above "
                        + Numbers.format(holdoutAbove) + " holds out nothing: the largest x is "
                        + Numbers.format(max(s.x(0))) + "; give a smaller X, or leave the option out to fit every point");
            }
            return h;
        }
        if (holdoutWhere != null) {
            boolean[] held = new boolean[s.size()];
            for (int i = 0; i < held.length; i++) held[i] = heldLines.contains(s.line(i));
            return Holdout.of(s, held, "--holdout-where");
        }
        return Holdout.none(s);
    }

    private static double max(double[] v) {
        double m = Double.NEGATIVE_INFINITY;
        for (double d : v) m = Math.max(m, d);
        return m;
    }

    // ---- the bootstrap (what cli's BootstrapOptions decided) ----

    private void checkBootstrap() {
        if (bootstrap == null && seedOrLevelGiven) {
            throw usage("--bootstrap", "--seed and --level go with --bootstrap B");
        }
        if (bootstrap != null && bootstrap < 1) {
            throw usage("--bootstrap", "--bootstrap must be a count of at least 1, got " + bootstrap);
        }
        if (bootstrap != null && bootstrap > MAX_RESAMPLES) {
            throw usage("--bootstrap", "--bootstrap " + bootstrap + " is more than the cap of "
                    + String.format(Locale.ROOT, "%,d", MAX_RESAMPLES) + " resamples; intervals from that many are already stable");
        }
        if (!(level > 0 && level < 1)) {
            throw usage("--level", "--level must be between 0 and 1 (exclusive), got " + level);
        }
    }

    /** The bootstrap asked for, or null. */
    Bootstrap makeBootstrap(int threadCount) {
        return bootstrap == null ? null : Bootstrap.of(bootstrap).withSeed(seed).withLevel(level).withThreads(threadCount);
    }

    /**
     * Refuses, before any fitting, a bootstrap whose resamples would not fit in memory: each curve
     * keeps B parameter vectors (about 8p + 80 bytes each, 70 bytes more per number when they are
     * written to a model file), and each thread holds B predictions for each of n points while it
     * draws intervals. Half the JVM's maximum heap is the budget.
     */
    void checkMemory(int curves, int parameters, int points, int threadCount, boolean written) {
        if (bootstrap == null) {
            return;
        }
        long b = bootstrap;
        double perResample = 8.0 * parameters + 80 + (written ? 70.0 * parameters : 0);
        double bytes = curves * b * perResample + b * 8.0 * points * threadCount;
        long budget = Runtime.getRuntime().maxMemory() / 2;
        if (bytes > budget) {
            long most = (long) Math.floor(b * budget / bytes);
            throw usage("--bootstrap", String.format(Locale.ROOT,
                    "--bootstrap %d needs about %s of memory for %d curve(s) of %d parameters and up to %d points, more than the %s "
                            + "this run may use; give at most %d, or more memory with BNSL_JAVA_OPTS=-Xmx…",
                    b, size(bytes), curves, parameters, points, size(budget), Math.max(most, 1)));
        }
    }

    private static String size(double bytes) {
        return bytes >= 1e9 ? String.format(Locale.ROOT, "%.1f GB", bytes / 1e9) : String.format(Locale.ROOT, "%.0f MB", bytes / 1e6);
    }

    /**
     * Fills a {@link FitSpec}; {@link #build()} checks the options on their own. Every setter takes
     * what the command line's option of the same name takes; null clears an optional value.
     */
    public static final class Builder {
        private String x;
        private final List<String> vars = new ArrayList<>();
        private String y;
        private String group;
        private String weights;
        private String where;
        private String law;
        private String formula;
        private String breaks;
        private String fallback;
        private List<String> candidates;
        private String space = "log";
        private String loss = "squared";
        private Double overestimatePenalty;
        private final List<String> inits = new ArrayList<>();
        private final List<String> bounds = new ArrayList<>();
        private final List<String> fixes = new ArrayList<>();
        private Integer starts;
        private String direction;
        private double xOffset;
        private Double holdoutAbove;
        private String holdoutWhere;
        private Integer bootstrap;
        private long seed;
        private double level = 0.9;
        private boolean seedOrLevelGiven;
        private Integer threads;

        private Builder() {
        }

        /** {@code --x COL}: the column of the scale, for a law of one variable (its variable, or x). */
        public Builder x(String column) { this.x = column; return this; }

        /** {@code --var NAME=COL}: maps a law's variable to a column. */
        public Builder variable(String name, String column) { this.vars.add(name + "=" + column); return this; }

        /** {@code --var NAME=COL}, as the command line spells it (checked when the spec is applied). */
        public Builder var(String nameEqualsColumn) { this.vars.add(nameEqualsColumn); return this; }

        /** {@code --y COL}: the column of the metric (loss, error, accuracy). */
        public Builder y(String column) { this.y = column; return this; }

        /** {@code --group COL}: the column naming independent curves. */
        public Builder group(String column) { this.group = column; return this; }

        /** {@code --weights COL}: the column of per-point weights. */
        public Builder weights(String column) { this.weights = column; return this; }

        /** {@code --where EXPR}: use only the rows where EXPR holds. */
        public Builder where(String expression) { this.where = expression; return this; }

        /** {@code --law NAME}: a name from {@code bnsl laws}, or {@code auto} to choose by extrapolation. */
        public Builder law(String name) { this.law = name; return this; }

        /** {@code --formula EXPR}: fit your own formula. */
        public Builder formula(String expression) { this.formula = expression; return this; }

        /** {@code --breaks N|auto}: BNSL's break count, 0 to 4, or auto. */
        public Builder breaks(String countOrAuto) { this.breaks = countOrAuto; return this; }

        /** {@code --breaks N}: BNSL's break count, 0 to 4. */
        public Builder breaks(int count) { this.breaks = Integer.toString(count); return this; }

        /** {@code --fallback LAW}: with an automatic choice, the law fitted when too few points validate. */
        public Builder fallback(String law) { this.fallback = law; return this; }

        /** {@code --candidates LAW,…}: the laws {@code --law auto} chooses among (null: the default ones). */
        public Builder candidates(List<String> laws) { this.candidates = laws == null ? null : new ArrayList<>(laws); return this; }

        /** {@code --space SPACE}: residuals in log (the default), log1p or linear space. */
        public Builder space(String space) { this.space = space; return this; }

        /** {@code --loss LOSS}: squared (the default) or huber:DELTA. */
        public Builder loss(String loss) { this.loss = loss; return this; }

        /** {@code --overestimate-penalty W}: residuals where the fit lies above the data weigh W times. */
        public Builder overestimatePenalty(Double w) { this.overestimatePenalty = w; return this; }

        /** {@code --init NAME=V}: the initial value of a parameter. */
        public Builder init(String nameEqualsValue) { this.inits.add(nameEqualsValue); return this; }

        /** {@code --bound NAME=LO..HI}: the bounds of a parameter. */
        public Builder bound(String nameEqualsRange) { this.bounds.add(nameEqualsRange); return this; }

        /** {@code --fix NAME=V}: holds a parameter at a value. */
        public Builder fix(String nameEqualsValue) { this.fixes.add(nameEqualsValue); return this; }

        /**
         * {@code --starts N}: the general fitter's starting points (null: 32); the first is the centre
         * of the ranges with every {@code --init}, so 1 fits from that start only.
         */
        public Builder starts(Integer n) { this.starts = n; return this; }

        /** {@code --direction DIR}: BNSL only, down (loss), up (accuracy) or auto. */
        public Builder direction(String direction) { this.direction = direction; return this; }

        /** {@code --x-offset S}: fit in x + S, so points at x = 0 can be used. */
        public Builder xOffset(double shift) { this.xOffset = shift; return this; }

        /** {@code --holdout-above X}: hold out the points with x &gt; X and score the extrapolation to them. */
        public Builder holdoutAbove(Double x) { this.holdoutAbove = x; return this; }

        /** {@code --holdout-where EXPR}: hold out the rows where EXPR holds. */
        public Builder holdoutWhere(String expression) { this.holdoutWhere = expression; return this; }

        /** {@code --bootstrap B}: refit B resamples for percentile intervals (null: none). */
        public Builder bootstrap(Integer resamples) { this.bootstrap = resamples; return this; }

        /** {@code --seed S}: the bootstrap's seed (only with a bootstrap). */
        public Builder seed(long seed) { this.seed = seed; this.seedOrLevelGiven = true; return this; }

        /** {@code --level L}: the level of the intervals, in (0, 1) (only with a bootstrap). */
        public Builder level(double level) { this.level = level; this.seedOrLevelGiven = true; return this; }

        /** {@code --threads N}: groups fitted at once (null: all cores). */
        public Builder threads(Integer threads) { this.threads = threads; return this; }

        /** The spec; throws {@link OptionException} (or {@link InputException}) for an option wrong on its own. */
        public FitSpec build() {
            return new FitSpec(this);
        }
    }
}
