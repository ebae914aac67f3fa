package org.bnsl.law;

import java.util.List;
import org.bnsl.InputException;
import org.bnsl.data.Series;

/**
 * A {@link Law} that knows how to be fitted: which parameters are positive scales, their hard
 * bounds, and a range for starting points derived from the data at hand.
 */
public interface FittableLaw extends Law {

    /**
     * One {@link Parameter} per entry of {@link #parameters()}, in that order, with starting
     * ranges derived from {@code data} (its magnitudes, never a user grid). {@code data} has
     * passed {@link #checkData}.
     */
    List<Parameter> parameterSpecs(Series data);

    /** Whether the law is defined at x = 0 (e.g. {@code rectified}); otherwise every x must be > 0. */
    default boolean allowsZeroX() {
        return false;
    }

    /**
     * Checks that {@code data} fits the law's domain: as many variables as the law, every value
     * finite, every x positive (or non-negative if {@link #allowsZeroX()}).
     *
     * @throws InputException naming the first offending point ("file:line")
     */
    default void checkData(Series data) {
        if (data.dimension() != variables().size()) {
            throw new InputException(data.source() + ": law '" + name() + "' takes variables " + variables()
                    + " but the series has " + data.dimension() + " (" + data.variables() + ")");
        }
        if (data.size() == 0) {
            throw new InputException(data.source() + ": no points to fit law '" + name() + "'");
        }
        for (int i = 0; i < data.size(); i++) {
            if (!Double.isFinite(data.y(i))) {
                throw new InputException(data.where(i) + ": y = " + data.y(i) + " is not finite");
            }
            for (int j = 0; j < data.dimension(); j++) {
                double v = data.x(j, i);
                if (!Double.isFinite(v) || v < 0 || (v == 0 && !allowsZeroX())) {
                    throw new InputException(data.where(i) + ": law '" + name() + "' needs " + variables().get(j)
                            + (allowsZeroX() ? " >= 0" : " > 0") + ", got " + v);
                }
            }
        }
    }

    /**
     * Checks {@code data} for a fit whose residuals are ŷ − y ({@code linearSpace}) or logs. By
     * default the law's domain does not depend on the space: {@link #checkData(Series)}. A user's
     * formula overrides this: in linear space its variables may be zero or negative.
     */
    default void checkData(Series data, boolean linearSpace) {
        checkData(data);
    }

    /**
     * The parameters the fit's residual is jointly affine in, for a fit whose residuals are ŷ − y
     * ({@code logSpace} false) or ln ŷ − ln y: a fitter may solve them in closed form for given
     * values of the others (variable projection). None by default; a user's formula reads them off
     * its syntax.
     */
    default java.util.BitSet linearParameters(boolean logSpace) {
        return new java.util.BitSet();
    }

    /**
     * Whether a fit that ends with a parameter on a default bound, or a scale collapsed, is searched
     * again from wider starts ({@code LawFitter}'s robust search). A user's formula, whose starts are
     * read off its syntax and the data, says yes. A built-in law, whose starts and ranges are made for
     * it, says no: on the 2,537 curves of the development corpus the wider search left every built-in
     * law's median holdout RMSLE as it was and cost m3 2.3× and sigmoid 1.8× their time.
     */
    default boolean widensSearch() {
        return false;
    }

    /**
     * As {@link #valueAndGradient(double[], double[], double[])}, given also {@code lnx[j] = ln x[j]}
     * precomputed by the caller (a fitter computes it once per point per fit). Laws that take
     * logarithms of x override this to skip them; {@code lnx[j]} is {@code -Infinity} where x is 0.
     */
    default double valueAndGradient(double[] p, double[] x, double[] lnx, double[] grad) {
        return valueAndGradient(p, x, grad);
    }
}
