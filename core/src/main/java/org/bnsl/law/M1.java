package org.bnsl.law;

import java.util.List;
import org.bnsl.data.Series;

/**
 * Alabdulmohsin's M1, y = β·x^c, parameters [beta, c].
 *
 * <p>Domain: x &gt; 0, β &gt; 0 (fitted through its log); c unbounded, usually negative, starts in
 * [−2, 0]. Source: Alabdulmohsin, Neyshabur and Zhai 2022, "Revisiting Neural Scaling Laws in
 * Language and Vision", Section 2 (M1: ε_x = β·x^c). NaN when x &lt;= 0 or β &lt;= 0.
 */
public final class M1 extends AbstractLaw {
    public M1() {
        super("m1", "y = beta * x^c", List.of("x"), List.of("beta", "c"));
    }

    @Override
    public double value(double[] p, double[] x) {
        return p[0] * Math.exp(p[1] * Math.log(x[0]));
    }

    @Override
    double valueAndGradient1(double[] p, double[] x, double lnx, double[] g) {
        double t = Math.exp(p[1] * lnx);
        double y = p[0] * t;
        g[0] = t;
        g[1] = y * lnx;
        return y;
    }

    @Override
    public List<Parameter> parameterSpecs(Series data) {
        DataRange r = new DataRange(data);
        double[] lb = DataRange.lnScale(Math.log(r.yLo), Math.log(r.yHi), r.lnMin[0], r.lnMax[0], -2, 0);
        return List.of(Parameter.scaleLn("beta", lb[0], lb[1]), Parameter.free("c", -2, 0));
    }
}
