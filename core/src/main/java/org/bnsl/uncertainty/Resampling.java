package org.bnsl.uncertainty;

/**
 * How a bootstrap resample of a series is drawn.
 *
 * <ul>
 *   <li>{@link #RESIDUAL}, the default and the one the CLI should use: the x's stay as they are and
 *       the fit's residuals (in the objective's space) are drawn with replacement and added back to
 *       the fitted curve. Right for a single curve, whose x's were chosen by the experimenter.</li>
 *   <li>{@link #CASE}: whole points (x, y) are drawn with replacement. Right when the x's are
 *       themselves random (e.g. many runs scattered over (N, D) for a multi-variable law), wrong for
 *       a short curve meant to be extrapolated: a resample that happens to miss the largest-x points
 *       is fitted on a shorter range and then extrapolates further, which blows up the upper tail of
 *       every prediction beyond the data.</li>
 * </ul>
 */
public enum Resampling {
    RESIDUAL,
    CASE
}
