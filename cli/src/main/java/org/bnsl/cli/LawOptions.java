package org.bnsl.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.IntSupplier;

import org.bnsl.InputException;
import org.bnsl.data.Series;
import org.bnsl.fit.BnslFitter;
import org.bnsl.fit.Direction;
import org.bnsl.fit.Fit;
import org.bnsl.fit.FitOptions;
import org.bnsl.fit.LawFitOptions;
import org.bnsl.fit.LawFitter;
import org.bnsl.fit.Objective;
import org.bnsl.law.FittableLaw;
import org.bnsl.law.Law;
import org.bnsl.law.Laws;
import org.bnsl.law.formula.Formula;
import org.bnsl.select.AutoFit;
import org.bnsl.select.Extrapolation;
import org.bnsl.select.Holdout;
import org.bnsl.uncertainty.Refit;

import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * Which law is fitted and how (a mixin of {@code fit}, {@code report} and {@code compare}): the law
 * or formula, its breaks or the candidates of an automatic choice, the residual space, the loss,
 * and the per-parameter starts, bounds and fixes. Turns them into the fitter of one curve.
 */
final class LawOptions {
    @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--law", paramLabel = "NAME",
            description = "the law to fit: a name from 'bnsl laws', or auto to choose by extrapolation (default: bnsl)")
    String lawName;

    @Option(names = "--formula", paramLabel = "EXPR", description = "fit your own formula, e.g. \"E + A/N^alpha + B/D^beta\"")
    String formula;

    @Option(names = "--breaks", paramLabel = "N|auto", description = "number of BNSL breaks, 0 to 4, or auto to choose by extrapolation (default: 1)")
    String breaksText;

    @Option(names = "--fallback", paramLabel = "LAW",
            description = "with auto choice: the law to fit when there are too few points to validate (e.g. bnsl:1, rectified)")
    String fallback;

    @Option(names = "--candidates", split = ",", paramLabel = "LAW",
            description = "the laws --law auto chooses among (default: bnsl:auto,m2,m4,offset-power,rectified)")
    List<String> candidates;

    /** The break count, or -1 for auto; set by {@link #check()}. */
    Integer breaks;

    @Option(names = "--space", paramLabel = "SPACE", defaultValue = "log",
            description = "residuals in log (ln ŷ − ln y), log1p (ln(ŷ+1) − ln(y+1)) or linear space (default: ${DEFAULT-VALUE})")
    String space;

    @Option(names = "--loss", paramLabel = "LOSS", defaultValue = "squared",
            description = "squared or huber:DELTA, summed over points (default: ${DEFAULT-VALUE})")
    String loss;

    @Option(names = "--overestimate-penalty", paramLabel = "W", description = "residuals where the fit lies above the data weigh W times")
    Double overestimatePenalty;

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

    /** Checks the options of the law on their own, before any file is read. */
    void check() {
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
        if (formula != null && lawName != null) {
            throw usage("give --law or --formula, not both");
        }
        if (overestimatePenalty != null && !(overestimatePenalty > 0 && Double.isFinite(overestimatePenalty))) {
            throw usage("--overestimate-penalty must be a positive number, got " + overestimatePenalty);
        }
    }

    CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    Objective parseSpace() {
        try {
            return Objective.parse(space);
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

    /** Whether a law or break count is chosen per curve ({@code --law auto} or {@code --breaks auto}). */
    boolean isChoice() {
        return isAuto() || (isBnsl() && breaks != null && breaks < 0);
    }

    /** The law named by the options; a formula's variables are the names mapped by --x and --var. */
    Law resolveLaw(List<String> names) {
        if (formula != null) {
            if (names.isEmpty()) {
                throw usage("--formula needs its variables: give --var NAME=COL for each (or --x COL for a variable named x)");
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
        return Laws.byName(lawName);
    }

    /**
     * The fitter of one split curve. {@code variables} is the law's variable count; {@code autoThreads}
     * gives the threads that score the candidates of one curve (read when a curve is fitted).
     */
    Function<Holdout, Extrapolation> fitter(Law law, Objective objective, int variables, IntSupplier autoThreads) {
        Function<Series, Fit> f = plainFitter(law, objective, variables);
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
    /** Where the BNSL fitter reports its steps (a bar for one long curve on a terminal); set by the command. */
    volatile org.bnsl.fit.FitProgress fitProgress = org.bnsl.fit.FitProgress.NONE;

    private Function<Series, Fit> plainFitter(Law law, Objective objective, int variables) {
        if (isAuto() || (isBnsl() && breaks != null && breaks < 0)) {
            if (variables != 1) {
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

    /** How a bootstrap resample is refitted: warm-started from the fit, with its law, options and shift. */
    Refit refitFor(Fit fit, Objective objective) {
        Direction dir = direction == null ? Direction.AUTO : parseDirection(direction);
        if (!(fit.law() instanceof org.bnsl.law.Committee) && !(fit.law() instanceof org.bnsl.law.Bnsl)) {
            fittable(fit.law()); // a law the general fitter cannot refit is a usage error, named
        }
        return org.bnsl.select.AutoFit.refit(fit, new FitOptions(0, objective, dir, 0), lawOptions(objective));
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
}
