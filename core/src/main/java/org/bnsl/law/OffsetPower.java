package org.bnsl.law;

import java.util.List;
import org.bnsl.data.Series;

/**
 * A power law with an irreducible floor, y = L0 + (x0/x)^α, parameters [L0, x0, alpha].
 *
 * <p>Domain: x &gt; 0, x0 &gt; 0 (fitted through its log), L0 &gt;= 0 (by default L0 &lt;= min y: no
 * observation lies below the floor); α unbounded, starts in
 * [0.05, 2]. Source: Henighan et al. 2020, "Scaling Laws for Autoregressive Generative Modeling",
 * eq. 1.1 (L(x) = L∞ + (x0/x)^α_x). NaN when x &lt;= 0 or x0 &lt;= 0.
 */
public final class OffsetPower extends AbstractLaw {
    public OffsetPower() {
        super("offset-power", "y = L0 + (x0/x)^alpha", List.of("x"), List.of("L0", "x0", "alpha"));
    }

    @Override
    public double value(double[] p, double[] x) {
        return p[0] + Math.exp(p[2] * (Math.log(p[1]) - Math.log(x[0])));
    }

    @Override
    double valueAndGradient1(double[] p, double[] x, double lnx, double[] g) {
        double l = Math.log(p[1]) - lnx;
        double t = Math.exp(p[2] * l);
        g[0] = 1;
        g[1] = p[2] * t / p[1];
        g[2] = t * l;
        return p[0] + t;
    }

    @Override
    public List<Parameter> parameterSpecs(Series data) {
        DataRange r = new DataRange(data);
        // ln x0 = ln x + ln(y')/α for the reducible part y' in [1%·y, y], α in [0.1, 2]
        double l1 = Math.log(0.01 * r.yLo), l2 = Math.log(r.yHi);
        double a = Math.min(Math.min(l1 / 0.1, l1 / 2), Math.min(l2 / 0.1, l2 / 2));
        double b = Math.max(Math.max(l1 / 0.1, l1 / 2), Math.max(l2 / 0.1, l2 / 2));
        double lo = r.lnMin[0] + Math.max(a, -20), hi = r.lnMax[0] + Math.min(b, 20);
        return List.of(r.floor("L0"), Parameter.scaleLn("x0", Math.min(lo, hi), Math.max(lo, hi)),
                Parameter.free("alpha", 0.05, 2));
    }
}
