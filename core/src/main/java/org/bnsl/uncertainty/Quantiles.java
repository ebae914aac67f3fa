package org.bnsl.uncertainty;

import java.util.Arrays;

/**
 * Sample quantiles, Hyndman and Fan (1996) definition 7: linear between order statistics, as R's
 * default {@code quantile} and numpy's default {@code percentile}. The one quantile of bnsl: bootstrap
 * intervals, plan intervals, backtest summaries and the committee's tuning all call it.
 */
public final class Quantiles {
    private Quantiles() {
    }

    /**
     * The q-quantile of values already sorted ascending; NaN for none. Values may be +∞ (a failed
     * prediction in the backtest): +∞ is never interpolated into NaN.
     */
    public static double ofSorted(double[] sorted, double q) {
        int n = sorted.length;
        if (n == 0) return Double.NaN;
        double h = (n - 1) * q;
        int i = (int) Math.floor(h);
        if (i >= n - 1 || h == i) return sorted[Math.min(i, n - 1)];
        if (Double.isInfinite(sorted[i + 1])) return sorted[i + 1];
        return sorted[i] + (h - i) * (sorted[i + 1] - sorted[i]);
    }

    /**
     * The equal-tailed percentile interval at {@code level} of values sorted ascending: their
     * (1 − level)/2 and (1 + level)/2 quantiles, as {lo, hi}. Every interval bnsl reports is this one.
     */
    public static double[] interval(double[] sorted, double level) {
        return new double[] {ofSorted(sorted, (1 - level) / 2), ofSorted(sorted, (1 + level) / 2)};
    }

    /** The q-quantile of values in any order (they are copied, not sorted in place). */
    public static double of(double[] values, double q) {
        double[] s = values.clone();
        Arrays.sort(s);
        return ofSorted(s, q);
    }

    /** The median of values in any order: the mean of the two middle values for an even count. */
    public static double median(double[] values) {
        return of(values, 0.5);
    }
}
