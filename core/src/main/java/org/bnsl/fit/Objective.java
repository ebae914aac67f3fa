package org.bnsl.fit;

import java.util.Locale;

import org.bnsl.InputException;

/**
 * The space in which residuals are measured. The fitted objective is {@code Σᵢ wᵢ·rᵢ²}, summed, not
 * averaged.
 *
 * <ul>
 *   <li>{@link #LOG}: {@code rᵢ = ln ŷᵢ − ln yᵢ}, the default; scale-free, so a loss of 0.5 and one of
 *       5 count alike, which is what a log-log plot shows.</li>
 *   <li>{@link #LOG1P}: {@code rᵢ = ln(ŷᵢ+1) − ln(yᵢ+1)}, as the BNSL paper's code fits
 *       (Caballero et al. 2022, code release).</li>
 *   <li>{@link #LINEAR}: {@code rᵢ = ŷᵢ − yᵢ}.</li>
 * </ul>
 */
public enum Objective {
    LOG("log"),
    LOG1P("log1p"),
    LINEAR("linear");

    private final String id;

    Objective(String id) {
        this.id = id;
    }

    /** The name used on the command line and in model files. */
    public String id() {
        return id;
    }

    /** Whether y must be positive for this space. */
    public boolean needsPositiveY() {
        return this == LOG;
    }

    /** The observation mapped into this space: ln y, ln(y+1) or y. */
    public double transform(double y) {
        switch (this) {
            case LOG:
                return Math.log(y);
            case LOG1P:
                return Math.log1p(y);
            default:
                return y;
        }
    }

    /** The inverse of {@link #transform}: e^t, e^t − 1 or t. */
    public double inverse(double t) {
        switch (this) {
            case LOG:
                return Math.exp(t);
            case LOG1P:
                return Math.expm1(t);
            default:
                return t;
        }
    }

    /** d transform(y)/dy, the first-order link between a linear and a transformed residual. */
    public double slope(double y) {
        switch (this) {
            case LOG:
                return 1 / y;
            case LOG1P:
                return 1 / (1 + y);
            default:
                return 1;
        }
    }

    public static Objective parse(String s) {
        for (Objective o : values()) {
            if (o.id.equals(s.toLowerCase(Locale.ROOT))) {
                return o;
            }
        }
        throw new InputException("unknown space '" + s + "'; expected one of: log, log1p, linear");
    }
}
