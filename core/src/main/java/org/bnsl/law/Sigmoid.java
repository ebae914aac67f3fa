package org.bnsl.law;

import java.util.List;
import org.bnsl.data.Series;

/**
 * A logistic curve in ln x, y = lo + (hi − lo)/(1 + e^(−k·(ln x − m))), parameters [lo, hi, k, m],
 * for metrics that saturate at both ends (downstream accuracy against scale).
 *
 * <p>Domain: x &gt; 0; all parameters real (swapping lo with hi and negating k gives the same
 * curve). The curve lies between its asymptotes, so by default lo &lt;= min y and hi &gt;= max y (the
 * orientation is then k's sign); {@code --bound} lifts that. m is the ln x of the midpoint and k the slope per unit of ln x. Starting ranges: lo
 * below min y, hi above max y (each by up to the data's spread), |k| up to 8/(ln x span), m over
 * the data's ln x range and half a span beyond. A generic form with no single source equation.
 */
public final class Sigmoid extends AbstractLaw {
    public Sigmoid() {
        super("sigmoid", "y = lo + (hi - lo)/(1 + exp(-k*(ln x - m)))", List.of("x"), List.of("lo", "hi", "k", "m"));
    }

    private static double sigmoid(double z) {
        if (z >= 0) return 1 / (1 + Math.exp(-z));
        double e = Math.exp(z);
        return e / (1 + e);
    }

    @Override
    public double value(double[] p, double[] x) {
        return p[0] + (p[1] - p[0]) * sigmoid(p[2] * (Math.log(x[0]) - p[3]));
    }

    @Override
    double valueAndGradient1(double[] p, double[] x, double lnx, double[] g) {
        double d = lnx - p[3];
        double z = p[2] * d;
        double s = sigmoid(z);
        double sc = sigmoid(-z);
        double h = p[1] - p[0];
        double ds = h * s * sc;
        g[0] = sc;
        g[1] = s;
        g[2] = ds * d;
        g[3] = -ds * p[2];
        return p[0] + h * s;
    }

    @Override
    public List<Parameter> parameterSpecs(Series data) {
        DataRange r = new DataRange(data);
        double spread = Math.max(r.yMax - r.yMin, 1e-3 * r.yHi);
        double span = Math.max(r.lnMax[0] - r.lnMin[0], 1e-3);
        double inf = Double.POSITIVE_INFINITY;
        return List.of(Parameter.free("lo", r.yMin - spread, r.yMin).withDefaultBounds(-inf, r.yMin),
                Parameter.free("hi", r.yMax, r.yMax + spread).withDefaultBounds(r.yMax, inf),
                Parameter.free("k", -8 / span, 8 / span),
                Parameter.free("m", r.lnMin[0] - span / 2, r.lnMax[0] + span / 2));
    }
}
