package org.bnsl.fit;

import org.bnsl.InputException;
import org.bnsl.law.Bnsl;

/**
 * How to fit a BNSL: the number of breaks, the objective's space, the direction of the metric, an
 * optional shift of x, and the options every law takes (loss, overestimate penalty, fixed
 * parameters, bounds and inits; see {@link LawFitOptions}). Validated on construction.
 *
 * @param breaks      number of breaks n, 0 ≤ n ≤ {@link Bnsl#MAX_BREAKS}
 * @param objective   the space of the residuals
 * @param direction   whether the metric falls, rises, or should be detected
 * @param xOffset     fit in x + S instead of x (S = 0 by default), so that points at x = 0 can be used
 * @param lawOptions  loss, penalty, fixes, bounds and inits by BNSL parameter name (a, b, c0, c1,
 *                    d1, f1, …); its space and start count are not used (the space is {@code objective})
 */
public record FitOptions(int breaks, Objective objective, Direction direction, double xOffset,
        LawFitOptions lawOptions) {

    public FitOptions {
        if (breaks < 0 || breaks > Bnsl.MAX_BREAKS) {
            throw new InputException("--breaks must be between 0 and " + Bnsl.MAX_BREAKS + ", got " + breaks);
        }
        if (objective == null || direction == null) {
            throw new IllegalArgumentException("objective and direction are required");
        }
        if (!Double.isFinite(xOffset) || xOffset < 0) {
            throw new InputException("--x-offset must be a finite number ≥ 0, got " + xOffset);
        }
        if (lawOptions == null) {
            lawOptions = LawFitOptions.defaults();
        }
    }

    /** Without law options: squared loss, nothing fixed, bounded or initialised by the user. */
    public FitOptions(int breaks, Objective objective, Direction direction, double xOffset) {
        this(breaks, objective, direction, xOffset, LawFitOptions.defaults());
    }

    /** The defaults for n breaks: log objective, direction detected, no offset. */
    public static FitOptions breaks(int n) {
        return new FitOptions(n, Objective.LOG, Direction.AUTO, 0);
    }

    public FitOptions withObjective(Objective o) {
        return new FitOptions(breaks, o, direction, xOffset, lawOptions);
    }

    public FitOptions withDirection(Direction d) {
        return new FitOptions(breaks, objective, d, xOffset, lawOptions);
    }

    public FitOptions withXOffset(double s) {
        return new FitOptions(breaks, objective, direction, s, lawOptions);
    }

    public FitOptions withBreaks(int n) {
        return new FitOptions(n, objective, direction, xOffset, lawOptions);
    }

    /**
     * The same, with the loss, penalty, fixes, bounds and inits of {@code o}. Parameter names are
     * checked against the law when fitting.
     */
    public FitOptions withLawOptions(LawFitOptions o) {
        return new FitOptions(breaks, objective, direction, xOffset, o);
    }

    /** Whether the law options ask for anything beyond the plain squared-loss fit. */
    public boolean hasLawOptions() {
        return !lawOptions.isPlain();
    }
}
