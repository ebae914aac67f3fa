package org.bnsl.uncertainty;

/**
 * A prediction with its bootstrap interval.
 *
 * @param point         the original fit's prediction
 * @param lo            the (1 − level)/2 percentile of the bootstrap predictive sample
 * @param hi            the (1 + level)/2 percentile
 * @param level         the nominal coverage, in (0, 1)
 * @param extrapolation how far beyond the data the point lies: x over the largest training x (for
 *                      several variables, the largest such ratio); above 1 is extrapolation
 */
public record PredictionInterval(double point, double lo, double hi, double level, double extrapolation) {

    /** Whether {@code lo ≤ y ≤ hi}. */
    public boolean contains(double y) {
        return lo <= y && y <= hi;
    }
}
