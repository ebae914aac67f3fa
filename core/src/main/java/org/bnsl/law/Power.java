package org.bnsl.law;

import java.util.List;
import org.bnsl.data.Series;

/**
 * The plain power law y = b·x^(−c), parameters [b, c].
 *
 * <p>Domain: x &gt; 0, b &gt; 0 (a positive scale fitted through its log); c is unbounded, starts
 * in [0, 2]. Source: Hestness et al. 2017, "Deep Learning Scaling is Predictable, Empirically",
 * Section 2 (generalization error ε(m) = α·m^β_g with β_g &lt; 0; here b = α, c = −β_g).
 * NaN when x &lt;= 0 or b &lt;= 0.
 */
public final class Power extends AbstractLaw {
    public Power() {
        super("power", "y = b * x^(-c)", List.of("x"), List.of("b", "c"));
    }

    @Override
    public double value(double[] p, double[] x) {
        return p[0] * Math.exp(-p[1] * Math.log(x[0]));
    }

    @Override
    double valueAndGradient1(double[] p, double[] x, double lnx, double[] g) {
        double t = Math.exp(-p[1] * lnx);
        double y = p[0] * t;
        g[0] = t;
        g[1] = -y * lnx;
        return y;
    }

    @Override
    public List<Parameter> parameterSpecs(Series data) {
        DataRange r = new DataRange(data);
        double[] lb = DataRange.lnScale(Math.log(r.yLo), Math.log(r.yHi), r.lnMin[0], r.lnMax[0], -2, 0);
        return List.of(Parameter.scaleLn("b", lb[0], lb[1]), Parameter.free("c", 0, 2));
    }
}
