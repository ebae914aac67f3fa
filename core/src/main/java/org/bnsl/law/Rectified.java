package org.bnsl.law;

import java.util.List;
import org.bnsl.data.Series;

/**
 * The rectified fine-tuning law y = A/(x^α + B) + C, parameters [A, B, C, alpha], defined at x = 0
 * (where y = A/B + C: the loss before fine-tuning).
 *
 * <p>Domain: x &gt;= 0; A, B &gt; 0 (fitted through their logs); C &gt;= 0 (by default C &lt;= min y); α &gt;= 1e-6 (starts in
 * [0.05, 2]); x^α is taken as 0 at x = 0. Source: Lin et al. 2024, "Selecting Large Language
 * Model to Fine-tune via Rectified Scaling Law", the rectified law L(D) = B/(D_l + D^β) + E (their
 * B, D_l, E, β are our A, B, C, α).
 */
public final class Rectified extends AbstractLaw {
    public Rectified() {
        super("rectified", "y = A/(x^alpha + B) + C", List.of("x"), List.of("A", "B", "C", "alpha"));
    }

    @Override
    public boolean allowsZeroX() {
        return true;
    }

    @Override
    public double value(double[] p, double[] x) {
        double pw = x[0] == 0 ? 0 : Math.exp(p[3] * Math.log(x[0]));
        return p[0] / (pw + p[1]) + p[2];
    }

    @Override
    double valueAndGradient1(double[] p, double[] x, double lnx, double[] g) {
        boolean zero = x[0] == 0;
        double pw = zero ? 0 : Math.exp(p[3] * lnx);
        double den = pw + p[1];
        double t = p[0] / den;
        g[0] = 1 / den;
        g[1] = -t / den;
        g[2] = 1;
        g[3] = zero ? 0 : -t / den * pw * lnx;
        return t + p[2];
    }

    @Override
    public List<Parameter> parameterSpecs(Series data) {
        DataRange r = new DataRange(data);
        double pLo = Math.min(Math.min(0.05 * r.lnMin[0], 2 * r.lnMin[0]), 0);
        double pHi = Math.max(Math.max(0.05 * r.lnMax[0], 2 * r.lnMax[0]), 0);
        double bLo = pLo - 2, bHi = pHi + 2;
        double aLo = Math.log(0.01 * r.yLo) + Math.min(bLo, pLo);
        double aHi = Math.log(r.yHi) + Math.max(bHi, pHi) + Math.log(2);
        return List.of(Parameter.scaleLn("A", aLo, aHi), Parameter.scaleLn("B", bLo, bHi), r.floor("C"),
                Parameter.bounded("alpha", 1e-6, Double.POSITIVE_INFINITY, 0.05, 2));
    }
}
