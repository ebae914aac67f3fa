package org.bnsl.law;

import java.util.List;
import org.bnsl.data.Series;

/**
 * Alabdulmohsin's M2, y = ε∞ + β·x^c, parameters [einf, beta, c].
 *
 * <p>Domain: x &gt; 0, β &gt; 0 (fitted through its log), ε∞ &gt;= 0 (by default ε∞ &lt;= min y); c unbounded, usually negative,
 * starts in [−2, 0]. Source: Alabdulmohsin, Neyshabur and Zhai 2022, "Revisiting Neural Scaling
 * Laws in Language and Vision", Section 2 (M2: ε_x − ε∞ = β·x^c). NaN when x &lt;= 0 or β &lt;= 0.
 */
public final class M2 extends AbstractLaw {
    public M2() {
        super("m2", "y = einf + beta * x^c", List.of("x"), List.of("einf", "beta", "c"));
    }

    @Override
    public double value(double[] p, double[] x) {
        return p[0] + p[1] * Math.exp(p[2] * Math.log(x[0]));
    }

    @Override
    double valueAndGradient1(double[] p, double[] x, double lnx, double[] g) {
        double t = Math.exp(p[2] * lnx);
        double u = p[1] * t;
        g[0] = 1;
        g[1] = t;
        g[2] = u * lnx;
        return p[0] + u;
    }

    @Override
    public List<Parameter> parameterSpecs(Series data) {
        DataRange r = new DataRange(data);
        double[] lb = DataRange.lnScale(Math.log(0.01 * r.yLo), Math.log(r.yHi), r.lnMin[0], r.lnMax[0], -2, 0);
        return List.of(r.floor("einf"), Parameter.scaleLn("beta", lb[0], lb[1]), Parameter.free("c", -2, 0));
    }
}
