package org.bnsl.law;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A Broken Neural Scaling Law with {@code n} breaks (Caballero et al. 2022, eq. 1):
 *
 * <pre>
 *   y = a + b · x^(−c0) · ∏ᵢ₌₁..ₙ (1 + (x/dᵢ)^(1/fᵢ))^(−cᵢ·fᵢ)
 * </pre>
 *
 * <p>Parameters, in order: {@code a, b, c0, c1, d1, f1, …, cn, dn, fn}. {@code a} is the limit the
 * curve approaches, {@code b} its scale, {@code c0} the slope of the first power-law segment,
 * {@code dᵢ} where break {@code i} sits (in x units), {@code cᵢ} how much it changes the log-log
 * slope and {@code fᵢ > 0} how sharp it is (small is sharp). On a log-log plot of {@code y − a} the
 * law is a chain of power-law segments of slopes {@code −c0, −(c0+c1), …} joined smoothly at the
 * {@code dᵢ} (the decomposition of the paper's Figure 1).
 *
 * <p>Evaluation is in log space so that it never overflows: with {@code u = ln x},
 *
 * <pre>
 *   ln g(u) = −c0·u − Σᵢ cᵢ·fᵢ·softplus((u − ln dᵢ)/fᵢ),     y = a + b·exp(ln g(u))
 * </pre>
 *
 * where {@code softplus(z) = ln(1 + eᶻ)} is computed as {@code max(z,0) + log1p(e^−|z|)}. This is
 * exact (the factor's log is {@code −cᵢfᵢ·ln(1 + e^((u−ln dᵢ)/fᵢ))}) and stays finite for sharp
 * breaks ({@code fᵢ} down to 1e−3) and breaks far outside the data. Domain: {@code x > 0},
 * {@code dᵢ > 0}, {@code fᵢ > 0}; otherwise the value is NaN.
 */
public final class Bnsl implements Law {
    /** The most breaks a law may have; the issue asks for 0…4, a little headroom costs nothing. */
    public static final int MAX_BREAKS = 8;

    private static final List<Bnsl> CACHE;

    static {
        List<Bnsl> laws = new ArrayList<>();
        for (int n = 0; n <= MAX_BREAKS; n++) {
            laws.add(new Bnsl(n));
        }
        CACHE = Collections.unmodifiableList(laws);
    }

    private final int breaks;
    private final List<String> parameters;

    private Bnsl(int breaks) {
        this.breaks = breaks;
        List<String> names = new ArrayList<>(List.of("a", "b", "c0"));
        for (int i = 1; i <= breaks; i++) {
            names.add("c" + i);
            names.add("d" + i);
            names.add("f" + i);
        }
        this.parameters = List.copyOf(names);
    }

    /** The law with {@code n} breaks, {@code 0 ≤ n ≤ MAX_BREAKS}. */
    public static Bnsl withBreaks(int n) {
        if (n < 0 || n > MAX_BREAKS) {
            throw new IllegalArgumentException("breaks must be in 0.." + MAX_BREAKS + ", got " + n);
        }
        return CACHE.get(n);
    }

    public int breaks() {
        return breaks;
    }

    @Override
    public String name() {
        return "bnsl";
    }

    @Override
    public String formula() {
        return "y = a + b·x^(−c0)·∏ᵢ₌₁.." + breaks + " (1 + (x/dᵢ)^(1/fᵢ))^(−cᵢ·fᵢ)";
    }

    @Override
    public List<String> variables() {
        return List.of("x");
    }

    @Override
    public List<String> parameters() {
        return parameters;
    }

    /** Index of {@code c_i} in the parameter array ({@code i ≥ 1}); {@code d_i} and {@code f_i} follow it. */
    public static int breakIndex(int i) {
        return 3 * i;
    }

    @Override
    public double value(double[] p, double[] x) {
        return value(p, x[0]);
    }

    /** The law at a single x. */
    public double value(double[] p, double x) {
        if (!(x > 0)) {
            return Double.NaN;
        }
        return p[0] + p[1] * Math.exp(logShape(p, Math.log(x)));
    }

    /**
     * {@code ln g(u)}, the log of the power-law part without {@code a} and {@code b}, at
     * {@code u = ln x}. NaN when some {@code dᵢ} or {@code fᵢ} is not positive.
     */
    public double logShape(double[] p, double u) {
        double lg = -p[2] * u;
        for (int i = 1; i <= breaks; i++) {
            int k = 3 * i;
            double c = p[k];
            double d = p[k + 1];
            double f = p[k + 2];
            if (!(d > 0) || !(f > 0)) {
                return Double.NaN;
            }
            lg -= c * f * softplus((u - Math.log(d)) / f);
        }
        return lg;
    }

    @Override
    public double valueAndGradient(double[] p, double[] x, double[] grad) {
        double xv = x[0];
        if (!(xv > 0)) {
            java.util.Arrays.fill(grad, Double.NaN);
            return Double.NaN;
        }
        double u = Math.log(xv);
        double b = p[1];
        double g = Math.exp(logShape(p, u));
        double bg = b * g;
        grad[0] = 1;
        grad[1] = g;
        grad[2] = -bg * u;
        for (int i = 1; i <= breaks; i++) {
            int k = 3 * i;
            double c = p[k];
            double d = p[k + 1];
            double f = p[k + 2];
            double z = (u - Math.log(d)) / f;
            double sp = softplus(z);
            double sg = sigmoid(z);
            grad[k] = -bg * f * sp;
            // ∂/∂dᵢ of −cᵢfᵢ·softplus((u − ln dᵢ)/fᵢ) = cᵢ·σ(z)/dᵢ
            grad[k + 1] = bg * c * sg / d;
            // ∂/∂fᵢ of −cᵢfᵢ·softplus(z) = −cᵢ·(softplus(z) − z·σ(z))
            grad[k + 2] = -bg * c * softplusMinusZSigmoid(z);
        }
        return p[0] + bg;
    }

    /**
     * Log-log slopes of the power-law segments of {@code y − a}: {@code −c0, −(c0+c1), …,
     * −(c0+…+cn)}. Entry {@code i} is the slope after break {@code i} (entry 0 before the first).
     */
    public double[] segmentSlopes(double[] p) {
        double[] s = new double[breaks + 1];
        double c = p[2];
        s[0] = -c;
        for (int i = 1; i <= breaks; i++) {
            c += p[3 * i];
            s[i] = -c;
        }
        return s;
    }

    /** {@code ln(1 + eᶻ)} without overflow. */
    public static double softplus(double z) {
        return Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)));
    }

    /**
     * {@code softplus(z) − z·σ(z)}, the derivative of {@code f·softplus(u/f)} with respect to f, without
     * the cancellation of the two large terms when z is large: for z &gt; 0 it equals
     * {@code log1p(e^−z) + z·σ(−z)}.
     */
    public static double softplusMinusZSigmoid(double z) {
        if (z > 0) {
            return Math.log1p(Math.exp(-z)) + z * sigmoid(-z);
        }
        return Math.log1p(Math.exp(z)) - z * sigmoid(z);
    }

    /** {@code 1/(1 + e^−z)} without overflow. */
    public static double sigmoid(double z) {
        if (z >= 0) {
            return 1 / (1 + Math.exp(-z));
        }
        double e = Math.exp(z);
        return e / (1 + e);
    }
}
