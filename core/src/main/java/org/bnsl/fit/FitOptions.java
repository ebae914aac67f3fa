package org.bnsl.fit;

import org.bnsl.InputException;
import org.bnsl.law.Bnsl;

/**
 * How to fit a BNSL: the number of breaks, the objective's space, the direction of the metric and
 * an optional shift of x. Validated on construction.
 *
 * @param breaks    number of breaks n, 0 ≤ n ≤ {@link Bnsl#MAX_BREAKS}
 * @param objective the space of the residuals
 * @param direction whether the metric falls, rises, or should be detected
 * @param xOffset   fit in x + S instead of x (S = 0 by default), so that points at x = 0 can be used
 */
public record FitOptions(int breaks, Objective objective, Direction direction, double xOffset) {

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
    }

    /** The defaults for n breaks: log objective, direction detected, no offset. */
    public static FitOptions breaks(int n) {
        return new FitOptions(n, Objective.LOG, Direction.AUTO, 0);
    }

    public FitOptions withObjective(Objective o) {
        return new FitOptions(breaks, o, direction, xOffset);
    }

    public FitOptions withDirection(Direction d) {
        return new FitOptions(breaks, objective, d, xOffset);
    }

    public FitOptions withXOffset(double s) {
        return new FitOptions(breaks, objective, direction, s);
    }
}
