package org.bnsl.law;

import java.util.List;
import org.bnsl.data.Series;

/**
 * The encoder–decoder law of neural machine translation over variables [Ne, Nd] (encoder and
 * decoder parameters), parameters [alpha, pe, pd, linf]:
 * y = α·(N̄e/Ne)^pe·(N̄d/Nd)^pd + L∞.
 *
 * <p>N̄e and N̄d are fixed normalising constants, not parameters (as in the paper); they are
 * constructor arguments, 1 by default, in which case α absorbs them. Domain: Ne, Nd &gt; 0; α &gt; 0
 * (fitted through its log); pe, pd &gt;= 0 (start in [0, 1]); L∞ &gt;= 0 (by default L∞ &lt;= min y). Source: Ghorbani et al.
 * 2021, "Scaling Laws for Neural Machine Translation", the bivariate law in encoder and decoder size.
 */
public final class Nmt extends AbstractLaw {
    private final double lnNeBar;
    private final double lnNdBar;

    public Nmt() {
        this(1, 1);
    }

    public Nmt(double neBar, double ndBar) {
        super("nmt", "y = alpha * (NeBar/Ne)^pe * (NdBar/Nd)^pd + linf", List.of("Ne", "Nd"),
                List.of("alpha", "pe", "pd", "linf"));
        if (!(neBar > 0) || !(ndBar > 0) || !Double.isFinite(neBar) || !Double.isFinite(ndBar)) {
            throw new IllegalArgumentException("normalising constants must be positive: " + neBar + ", " + ndBar);
        }
        this.lnNeBar = Math.log(neBar);
        this.lnNdBar = Math.log(ndBar);
    }

    @Override
    public double value(double[] p, double[] x) {
        return p[0] * Math.exp(p[1] * (lnNeBar - Math.log(x[0])) + p[2] * (lnNdBar - Math.log(x[1]))) + p[3];
    }

    @Override
    double valueAndGradientN(double[] p, double[] x, double[] g) {
        return eval(p, Math.log(x[0]), Math.log(x[1]), g);
    }

    @Override
    double valueAndGradientN(double[] p, double[] x, double[] lnx, double[] g) {
        return eval(p, lnx[0], lnx[1], g);
    }

    private double eval(double[] p, double lnNe, double lnNd, double[] g) {
        double le = lnNeBar - lnNe, ld = lnNdBar - lnNd;
        double e = Math.exp(p[1] * le + p[2] * ld);
        double t = p[0] * e;
        g[0] = e;
        g[1] = t * le;
        g[2] = t * ld;
        g[3] = 1;
        return t + p[3];
    }

    @Override
    public List<Parameter> parameterSpecs(Series data) {
        DataRange r = new DataRange(data);
        double[] a = DataRange.lnScale(Math.log(0.01 * r.yLo), Math.log(r.yHi),
                r.lnMin[0] - lnNeBar, r.lnMax[0] - lnNeBar, -1, 0); // (N̄e/Ne)^pe = (Ne/N̄e)^(−pe)
        double[] b = DataRange.lnScale(0, 0, r.lnMin[1] - lnNdBar, r.lnMax[1] - lnNdBar, -1, 0);
        return List.of(Parameter.scaleLn("alpha", a[0] + b[0], a[1] + b[1]),
                Parameter.bounded("pe", 0, Double.POSITIVE_INFINITY, 0, 1),
                Parameter.bounded("pd", 0, Double.POSITIVE_INFINITY, 0, 1),
                r.floor("linf"));
    }
}
