package org.bnsl.cli;

import java.util.ArrayList;
import java.util.List;

import org.bnsl.io.FitSpec;

import picocli.CommandLine.Option;

/**
 * Which law is fitted and how (a mixin of {@code fit}, {@code report} and {@code compare}): the law
 * or formula, its breaks or the candidates of an automatic choice, the residual space, the loss,
 * and the per-parameter starts, bounds and fixes. Only fills a {@link FitSpec.Builder}: the spec
 * checks them and makes the fitter.
 */
final class LawOptions {
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

    @Option(names = "--space", paramLabel = "SPACE", defaultValue = "log",
            description = "residuals in log (ln ŷ − ln y), log1p (ln(ŷ+1) − ln(y+1)) or linear space (default: ${DEFAULT-VALUE})")
    String space;

    @Option(names = "--loss", paramLabel = "LOSS", defaultValue = "squared",
            description = "squared or huber:DELTA, summed over points (default: ${DEFAULT-VALUE})")
    String loss;

    @Option(names = "--overestimate-penalty", paramLabel = "W", description = "residuals where the fit lies above the data weigh W times")
    Double overestimatePenalty;

    @Option(names = "--init", paramLabel = "NAME=V", description = "initial value of a parameter (first start); never moved "
            + "or clamped: an init outside a default bound lifts that bound, with a warning")
    List<String> inits = new ArrayList<>();

    @Option(names = "--bound", paramLabel = "NAME=LO..HI", description = "bounds of a parameter, used as given (within the law's own "
            + "range). Without one, the defaults are: an exponent in [-10, 10]; a formula's scale positive (a negative --init "
            + "or a --bound lets it be negative); a floor (E, L0, a formula's offset under terms never negative) at most min y, "
            + "a ceiling at least max y. The output states the defaults a fit used")
    List<String> bounds = new ArrayList<>();

    @Option(names = "--starts", paramLabel = "N", description = "starting points of the general fitter (formulas and named laws; "
            + "default 32). The first is the centre of the ranges with every --init: --starts 1 fits from there only (NIST's "
            + "protocol). With more, a fit with a parameter on a default bound or a collapsed scale searches again from 4N "
            + "starts over wider ranges")
    Integer starts;

    @Option(names = "--fix", paramLabel = "NAME=V", description = "hold a parameter at a value")
    List<String> fixes = new ArrayList<>();

    @Option(names = "--direction", paramLabel = "DIR", description = "BNSL only: down (loss), up (accuracy) or auto (default: auto)")
    String direction;

    @Option(names = "--x-offset", paramLabel = "S", defaultValue = "0", description = "fit in x + S, so points at x = 0 can be used (default: ${DEFAULT-VALUE})")
    double xOffset;

    /** Puts these options into a spec. */
    void fill(FitSpec.Builder b) {
        b.law(lawName).formula(formula).breaks(breaksText).fallback(fallback).candidates(candidates).space(space).loss(loss)
                .overestimatePenalty(overestimatePenalty).direction(direction).xOffset(xOffset);
        inits.forEach(b::init);
        bounds.forEach(b::bound);
        fixes.forEach(b::fix);
        b.starts(starts);
    }
}
