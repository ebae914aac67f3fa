package org.bnsl.law;

import java.util.List;
import org.bnsl.data.Series;

/**
 * The saturating power law of the vision-transformer study, y = a + b/(x + c)^d, parameters
 * [a, b, c, d].
 *
 * <p>Domain: x &gt; 0; a &gt;= 0 (the floor; by default a &lt;= min y), b &gt; 0 (fitted through its log), c &gt;= 0 (an offset
 * in units of x, starts in [0, min x]), d &gt;= 0 (starts in [0, 2]). Source: Zhai et al. 2022,
 * "Scaling Vision Transformers", Section 3 (E = a·(C + d)^(−b) + c; their a, b, c, d are our b, d,
 * a, c).
 */
public final class Vit extends AbstractLaw {
    public Vit() {
        super("vit", "y = a + b/(x + c)^d", List.of("x"), List.of("a", "b", "c", "d"));
    }

    @Override
    public double value(double[] p, double[] x) {
        return p[0] + p[1] * Math.exp(-p[3] * Math.log(x[0] + p[2]));
    }

    @Override
    public double valueAndGradient(double[] p, double[] x, double[] g) {
        double u = x[0] + p[2];
        double lu = Math.log(u);
        double e = Math.exp(-p[3] * lu);
        double t = p[1] * e;
        g[0] = 1;
        g[1] = e;
        g[2] = -p[3] * t / u;
        g[3] = -t * lu;
        return p[0] + t;
    }

    @Override
    public double valueAndGradient(double[] p, double[] x, double[] lnx, double[] g) {
        return valueAndGradient(p, x, g);
    }

    @Override
    public List<Parameter> parameterSpecs(Series data) {
        DataRange r = new DataRange(data);
        double[] lb = DataRange.lnScale(Math.log(0.01 * r.yLo), Math.log(r.yHi), r.lnMin[0], r.lnMax[0] + Math.log(2), -2, 0); // b·(x + c)^(−d)
        return List.of(r.floor("a"), Parameter.scaleLn("b", lb[0], lb[1]),
                Parameter.bounded("c", 0, Double.POSITIVE_INFINITY, 0, Math.exp(r.lnMin[0])),
                Parameter.bounded("d", 0, Double.POSITIVE_INFINITY, 0, 2));
    }
}
