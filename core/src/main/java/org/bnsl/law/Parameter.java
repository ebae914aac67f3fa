package org.bnsl.law;

/**
 * How a fitter should treat one parameter of a {@link FittableLaw}.
 *
 * <p>{@code logScale} parameters are positive scales that a fitter moves through their logarithm
 * (so a step changes them by a factor, and they never cross zero). {@code lower..upper} are hard
 * bounds in the law's own coordinates (infinite when absent); a fit never leaves them.
 * {@code startLower..startUpper} is where multi-start points are drawn from, derived from the
 * data, never from a user grid; it lies within the hard bounds.
 *
 * @param name       the parameter's name, as in {@link Law#parameters()}
 * @param logScale   fitted through ln p; requires {@code lower >= 0}
 * @param lower      hard lower bound (may be {@code -Infinity}, or 0 for a log-scale parameter)
 * @param upper      hard upper bound (may be {@code +Infinity})
 * @param startLower lower end of the range starting points are drawn from (finite)
 * @param startUpper upper end of that range (finite, {@code >= startLower})
 */
public record Parameter(String name, boolean logScale, double lower, double upper,
                        double startLower, double startUpper) {

    public Parameter {
        if (name == null || name.isEmpty()) throw new IllegalArgumentException("parameter name is empty");
        if (Double.isNaN(lower) || Double.isNaN(upper) || lower > upper) {
            throw new IllegalArgumentException(name + ": bad bounds " + lower + ".." + upper);
        }
        if (logScale && lower < 0) {
            throw new IllegalArgumentException(name + ": a log-scale parameter needs lower >= 0, got " + lower);
        }
        if (!Double.isFinite(startLower) || !Double.isFinite(startUpper) || startLower > startUpper) {
            throw new IllegalArgumentException(name + ": bad start range " + startLower + ".." + startUpper);
        }
        // keep the start range inside the hard bounds (and strictly positive for log scales)
        double lo = Math.max(startLower, lower);
        double hi = Math.min(startUpper, upper);
        if (logScale) {
            double tiny = Math.max(Double.MIN_NORMAL, lower);
            lo = Math.max(lo, tiny);
            hi = Math.max(hi, lo);
        }
        if (lo > hi) {
            lo = hi = Math.min(Math.max(startLower, lower), upper);
        }
        startLower = lo;
        startUpper = hi;
    }

    /** A positive scale fitted through its log, bounded below by 0 only. */
    public static Parameter scale(String name, double startLower, double startUpper) {
        return new Parameter(name, true, 0.0, Double.POSITIVE_INFINITY, startLower, startUpper);
    }

    /** A scale given by the range of its logarithm. */
    public static Parameter scaleLn(String name, double lnLower, double lnUpper) {
        return scale(name, Math.exp(lnLower), Math.exp(lnUpper));
    }

    /** An unbounded parameter fitted as is. */
    public static Parameter free(String name, double startLower, double startUpper) {
        return new Parameter(name, false, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, startLower, startUpper);
    }

    /** A parameter fitted as is, bounded in {@code [lower, upper]}. */
    public static Parameter bounded(String name, double lower, double upper, double startLower, double startUpper) {
        return new Parameter(name, false, lower, upper, startLower, startUpper);
    }
}
