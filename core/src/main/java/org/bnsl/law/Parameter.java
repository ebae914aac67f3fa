package org.bnsl.law;

/**
 * How a fitter should treat one parameter of a {@link FittableLaw}.
 *
 * <p>{@code logScale} parameters are positive scales that a fitter moves through their logarithm
 * (so a step changes them by a factor, and they never cross zero). {@code lower..upper} are hard
 * bounds in the law's own coordinates (infinite when absent): the law's domain, which no fit
 * leaves. {@code defaultLower..defaultUpper}, inside them, are the bounds a fit keeps to when the
 * user gives no bound of their own for this parameter: read off the data where physics says where
 * the parameter lies (a loss floor between 0 and the smallest observed y, a ceiling above the
 * largest), the hard bounds otherwise. A user's bound replaces them (and still meets the hard ones).
 * {@code startLower..startUpper} is where multi-start points are drawn from, derived from the
 * data, never from a user grid; it lies within the default bounds.
 *
 * <p>A {@code signedScale} (a user formula's scale whose sign the formula does not force) is a
 * scale whose sign is the user's to choose: its hard bounds are the whole line, its default bounds
 * {@code 0..∞}, and a fitter moves it through ln p while the fit's range for it is non-negative
 * (the default), as is once the user's bound or init lets it be negative.
 *
 * @param name         the parameter's name, as in {@link Law#parameters()}
 * @param logScale     fitted through ln p; requires {@code lower >= 0}
 * @param lower        hard lower bound (may be {@code -Infinity}, or 0 for a log-scale parameter)
 * @param upper        hard upper bound (may be {@code +Infinity})
 * @param startLower   lower end of the range starting points are drawn from (finite)
 * @param startUpper   upper end of that range (finite, {@code >= startLower})
 * @param defaultLower lower bound without a user bound, in {@code [lower, upper]}
 * @param defaultUpper upper bound without a user bound, in {@code [defaultLower, upper]}
 * @param signedScale  a scale of either sign, positive by default (see above); not {@code logScale}
 */
public record Parameter(String name, boolean logScale, double lower, double upper,
                        double startLower, double startUpper, double defaultLower, double defaultUpper,
                        boolean signedScale) {

    public Parameter {
        if (name == null || name.isEmpty()) throw new IllegalArgumentException("parameter name is empty");
        if (Double.isNaN(lower) || Double.isNaN(upper) || lower > upper) {
            throw new IllegalArgumentException(name + ": bad bounds " + lower + ".." + upper);
        }
        if (logScale && signedScale) throw new IllegalArgumentException(name + ": a signed scale is not log-scale");
        if (logScale && lower < 0) {
            throw new IllegalArgumentException(name + ": a log-scale parameter needs lower >= 0, got " + lower);
        }
        if (!(defaultLower >= lower) || !(defaultUpper <= upper) || !(defaultLower <= defaultUpper)
                || (logScale && !(defaultUpper > 0))) {
            throw new IllegalArgumentException(name + ": bad default bounds " + defaultLower + ".." + defaultUpper
                    + " within " + lower + ".." + upper);
        }
        if (!Double.isFinite(startLower) || !Double.isFinite(startUpper) || startLower > startUpper) {
            throw new IllegalArgumentException(name + ": bad start range " + startLower + ".." + startUpper);
        }
        // keep the start range inside the default bounds (and strictly positive for log scales)
        double lo = Math.max(startLower, defaultLower);
        double hi = Math.min(startUpper, defaultUpper);
        if (logScale || signedScale && defaultLower >= 0) {
            double tiny = Math.max(Double.MIN_NORMAL, defaultLower);
            lo = Math.max(lo, tiny);
            hi = Math.max(hi, lo);
        }
        if (lo > hi) {
            lo = hi = Math.min(Math.max(startLower, defaultLower), defaultUpper);
        }
        startLower = lo;
        startUpper = hi;
    }

    /** A parameter that is not a signed scale. */
    public Parameter(String name, boolean logScale, double lower, double upper, double startLower, double startUpper,
            double defaultLower, double defaultUpper) {
        this(name, logScale, lower, upper, startLower, startUpper, defaultLower, defaultUpper, false);
    }

    /** A parameter whose default bounds are its hard bounds. */
    public Parameter(String name, boolean logScale, double lower, double upper, double startLower, double startUpper) {
        this(name, logScale, lower, upper, startLower, startUpper, lower, upper);
    }

    /**
     * The same parameter with default bounds {@code lo..hi} (met with the hard bounds), its start
     * range drawn into them.
     */
    public Parameter withDefaultBounds(double lo, double hi) {
        return new Parameter(name, logScale, lower, upper, startLower, startUpper,
                Math.max(lo, lower), Math.min(hi, upper), signedScale);
    }

    /** A positive scale fitted through its log, bounded below by 0 only. */
    public static Parameter scale(String name, double startLower, double startUpper) {
        return new Parameter(name, true, 0.0, Double.POSITIVE_INFINITY, startLower, startUpper);
    }

    /** A scale given by the range of its logarithm. */
    public static Parameter scaleLn(String name, double lnLower, double lnUpper) {
        return scale(name, Math.exp(lnLower), Math.exp(lnUpper));
    }

    /**
     * A scale of either sign given by the range of the logarithm of its magnitude: positive by
     * default (default bounds 0..∞, fitted through ln p), any sign when the user's bound or init says so.
     */
    public static Parameter signedScaleLn(String name, double lnLower, double lnUpper) {
        return new Parameter(name, false, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY,
                Math.exp(lnLower), Math.exp(lnUpper), 0.0, Double.POSITIVE_INFINITY, true);
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
