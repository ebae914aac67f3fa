package org.bnsl.law;

import java.util.List;
import org.bnsl.data.Series;

/**
 * Alabdulmohsin's M3, y = β·(1/x + γ)^c with c &gt;= 0 and γ &gt;= 0, parameters [beta, gamma, c].
 *
 * <p>Sign convention: the exponent is +c with c &gt;= 0, as in the authors' reference code
 * (google-research {@code revisiting_neural_scaling_laws/methods/m3.py}: {@code beta * (1/x + gamma)**c},
 * "exponent has to be >= 0"); the paper's equivalent form writes the decreasing power of x.
 * As x → ∞ the law tends to β·γ^c. Domain: x &gt; 0, β &gt; 0 (fitted through its log), γ &gt;= 0,
 * c &gt;= 0 (starts in [0, 2]). Source: Alabdulmohsin, Neyshabur and Zhai 2022, "Revisiting Neural
 * Scaling Laws in Language and Vision", Section 2 (M3). NaN when x &lt;= 0.
 */
public final class M3 extends AbstractLaw {
    public M3() {
        super("m3", "y = beta * (1/x + gamma)^c", List.of("x"), List.of("beta", "gamma", "c"));
    }

    @Override
    public double value(double[] p, double[] x) {
        return p[0] * Math.exp(p[2] * Math.log(1 / x[0] + p[1]));
    }

    @Override
    public double valueAndGradient(double[] p, double[] x, double[] g) {
        double u = 1 / x[0] + p[1];
        double lu = Math.log(u);
        double t = Math.exp(p[2] * lu);
        double y = p[0] * t;
        g[0] = t;
        g[1] = y * p[2] / u;
        g[2] = y * lu;
        return y;
    }

    @Override
    public double valueAndGradient(double[] p, double[] x, double[] lnx, double[] g) {
        return valueAndGradient(p, x, g);
    }

    @Override
    public List<Parameter> parameterSpecs(Series data) {
        DataRange r = new DataRange(data);
        // u = 1/x + γ ranges over [1/x_max, 2/x_min] when γ <= 1/x_min
        double[] lb = DataRange.lnScale(Math.log(r.yLo), Math.log(r.yHi), -r.lnMax[0], Math.log(2) - r.lnMin[0], 0, 2);
        return List.of(Parameter.scaleLn("beta", lb[0], lb[1]),
                Parameter.bounded("gamma", 0, Double.POSITIVE_INFINITY, 0, Math.exp(-r.lnMin[0])),
                Parameter.bounded("c", 0, Double.POSITIVE_INFINITY, 0, 2));
    }
}
