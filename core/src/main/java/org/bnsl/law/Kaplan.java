package org.bnsl.law;

import java.util.List;
import org.bnsl.data.Series;

/**
 * Kaplan's joint law L(N, D) = ((Nc/N)^(αN/αD) + Dc/D)^αD over variables [N, D], parameters
 * [Nc, Dc, alphaN, alphaD].
 *
 * <p>Domain: N, D &gt; 0; Nc, Dc &gt; 0 (fitted through their logs); αN &gt;= 0; αD &gt; 0. Exponents
 * start in [0.02, 1]. NaN outside the domain. Source: Kaplan et al. 2020, "Scaling Laws for
 * Neural Language Models", eq. 1.5.
 */
public final class Kaplan extends AbstractLaw {
    public Kaplan() {
        super("kaplan", "L = ((Nc/N)^(alphaN/alphaD) + Dc/D)^alphaD", List.of("N", "D"),
                List.of("Nc", "Dc", "alphaN", "alphaD"));
    }

    @Override
    public double value(double[] p, double[] x) {
        double u = Math.exp(p[2] / p[3] * (Math.log(p[0]) - Math.log(x[0])));
        return Math.exp(p[3] * Math.log(u + p[1] / x[1]));
    }

    @Override
    double valueAndGradientN(double[] p, double[] x, double[] g) {
        return eval(p, x, Math.log(x[0]), g);
    }

    @Override
    double valueAndGradientN(double[] p, double[] x, double[] lnx, double[] g) {
        return eval(p, x, lnx[0], g);
    }

    private static double eval(double[] p, double[] x, double lnN, double[] g) {
        double nc = p[0], dc = p[1], an = p[2], ad = p[3];
        double l = Math.log(nc) - lnN;
        double u = Math.exp(an / ad * l);
        double v = dc / x[1];
        double s = u + v;
        double ls = Math.log(s);
        double y = Math.exp(ad * ls);
        double ys = y / s;
        g[0] = ys * an * u / nc;
        g[1] = ad * ys / x[1];
        g[2] = ys * u * l;
        g[3] = y * ls - ys * an * u * l / ad;
        return y;
    }

    @Override
    public List<Parameter> parameterSpecs(Series data) {
        DataRange r = new DataRange(data);
        double l1 = Math.log(r.yLo), l2 = Math.log(r.yHi);
        // when one term dominates, ln Xc = ln X + ln(L)/α with α in [0.02, 1]
        double a = Math.min(Math.min(l1 / 0.02, l1), Math.min(l2 / 0.02, l2));
        double b = Math.max(Math.max(l1 / 0.02, l1), Math.max(l2 / 0.02, l2));
        a = Math.max(a, -30);
        b = Math.min(b, 30);
        return List.of(Parameter.scaleLn("Nc", r.lnMin[0] + a, r.lnMax[0] + b),
                Parameter.scaleLn("Dc", r.lnMin[1] + a, r.lnMax[1] + b),
                Parameter.bounded("alphaN", 0, Double.POSITIVE_INFINITY, 0.02, 1),
                Parameter.bounded("alphaD", 1e-6, Double.POSITIVE_INFINITY, 0.02, 1));
    }
}
