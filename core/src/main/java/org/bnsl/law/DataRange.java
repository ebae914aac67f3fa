package org.bnsl.law;

import org.bnsl.data.Series;

/** Magnitudes of a series that laws (and user formulas) derive their starting ranges from. */
public final class DataRange {
    /** Smallest and largest y. */
    public final double yMin;
    public final double yMax;
    /** Smallest positive |y| (or a small fraction of the largest when none) and largest |y|. */
    public final double yLo;
    public final double yHi;
    /** Per variable: ln of the smallest positive and of the largest value. */
    public final double[] lnMin;
    public final double[] lnMax;
    public final double[] max;

    public DataRange(Series s) {
        double mn = Double.POSITIVE_INFINITY, mx = Double.NEGATIVE_INFINITY;
        double lo = Double.POSITIVE_INFINITY, hi = 0;
        for (int i = 0; i < s.size(); i++) {
            double y = s.y(i);
            mn = Math.min(mn, y);
            mx = Math.max(mx, y);
            double a = Math.abs(y);
            if (a > 0) lo = Math.min(lo, a);
            hi = Math.max(hi, a);
        }
        if (hi == 0) hi = 1;
        if (!(lo < Double.POSITIVE_INFINITY)) lo = hi * 1e-3;
        yMin = mn;
        yMax = mx;
        yLo = lo;
        yHi = hi;
        int k = s.dimension();
        lnMin = new double[k];
        lnMax = new double[k];
        max = new double[k];
        for (int j = 0; j < k; j++) {
            double pmin = Double.POSITIVE_INFINITY, pmax = 0;
            for (int i = 0; i < s.size(); i++) {
                double v = s.x(j, i);
                if (v > 0) pmin = Math.min(pmin, v);
                pmax = Math.max(pmax, v);
            }
            if (pmax == 0) pmax = 1;
            if (!(pmin < Double.POSITIVE_INFINITY)) pmin = pmax;
            lnMin[j] = Math.log(pmin);
            lnMax[j] = Math.log(pmax);
            max[j] = pmax;
        }
    }

    /**
     * A floor of a falling metric (irreducible loss, error at infinite scale): at least 0 and, by
     * default, at most the smallest observed y, since the law's other terms are positive and no
     * observed loss lies below the irreducible one. Starts in [0, min y].
     */
    Parameter floor(String name) {
        return belowData(Parameter.bounded(name, 0, Double.POSITIVE_INFINITY, 0, Math.max(yMin, 0)));
    }

    /**
     * {@code p} with its default upper bound at the smallest y: for a floor under terms that are
     * never negative. Unchanged when min y is not positive (no floor >= 0 lies below it).
     */
    Parameter belowData(Parameter p) {
        return yMin > 0 && yMin >= p.lower() ? p.withDefaultBounds(p.defaultLower(), Math.min(p.defaultUpper(), yMin)) : p;
    }

    /** {@code p} with its default lower bound at the largest y: for a ceiling above every observation. */
    Parameter aboveData(Parameter p) {
        return yMax <= p.upper() ? p.withDefaultBounds(Math.max(p.defaultLower(), yMax), p.defaultUpper()) : p;
    }

    /**
     * Range of ln s for a term y = s·u^e, with ln y in [lnYlo, lnYhi], ln u in [lnuLo, lnuHi] and the
     * exponent e in [eLo, eHi]: ln s = ln y − e·ln u, extremes at the corners.
     */
    static double[] lnScale(double lnYlo, double lnYhi, double lnuLo, double lnuHi, double eLo, double eHi) {
        double a = -eLo * lnuLo, b = -eLo * lnuHi, c = -eHi * lnuLo, d = -eHi * lnuHi;
        double mn = Math.min(Math.min(a, b), Math.min(c, d));
        double mx = Math.max(Math.max(a, b), Math.max(c, d));
        return new double[] {lnYlo + mn, lnYhi + mx};
    }

    /** ln s range for a term that is between 1% and 100% of y, y = s·x_j^e, e in [eLo, eHi]. */
    double[] lnTermScale(int j, double eLo, double eHi) {
        return lnScale(Math.log(0.01 * yLo), Math.log(yHi), lnMin[j], lnMax[j], eLo, eHi);
    }
}
