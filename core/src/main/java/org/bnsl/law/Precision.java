package org.bnsl.law;

import java.util.List;
import org.bnsl.data.Series;

/**
 * Chinchilla with an effective parameter count for low training precision, over variables
 * [N, D, P] (parameters, tokens, bits of precision), parameters [E, A, B, alpha, beta, gamma]:
 * L = E + A/N_eff^α + B/D^β with N_eff = N·(1 − e^(−P/γ)).
 *
 * <p>Domain: N, D, P &gt; 0; E, A, B, γ &gt; 0 (fitted through their logs), by default E &lt;= min L;
 * α, β &gt;= 0. Source: Kumar et al. 2024, "Scaling Laws for Precision" (the training-precision law, N_eff with γ_w; this
 * class applies one precision P to the whole model).
 */
public final class Precision extends AbstractLaw {
    public Precision() {
        super("precision", "L = E + A/N_eff^alpha + B/D^beta, N_eff = N*(1 - exp(-P/gamma))",
                List.of("N", "D", "P"), List.of("E", "A", "B", "alpha", "beta", "gamma"));
    }

    @Override
    public double value(double[] p, double[] x) {
        double neff = x[0] * (-Math.expm1(-x[2] / p[5]));
        return p[0] + Math.exp(Math.log(p[1]) - p[3] * Math.log(neff)) + Math.exp(Math.log(p[2]) - p[4] * Math.log(x[1]));
    }

    @Override
    double valueAndGradientN(double[] p, double[] x, double[] g) {
        return eval(p, x, Math.log(x[0]), Math.log(x[1]), g);
    }

    @Override
    double valueAndGradientN(double[] p, double[] x, double[] lnx, double[] g) {
        return eval(p, x, lnx[0], lnx[1], g);
    }

    private static double eval(double[] p, double[] x, double lnN, double lnD, double[] g) {
        double q = x[2] / p[5];
        double f = -Math.expm1(-q);
        double lnNeff = lnN + Math.log(f);
        double tn = Math.exp(Math.log(p[1]) - p[3] * lnNeff);
        double td = Math.exp(Math.log(p[2]) - p[4] * lnD);
        // ∂ln N_eff/∂γ = (1/f)·(−e^(−q)·q/γ)
        double dlnNeff = -Math.exp(-q) * q / p[5] / f;
        g[0] = 1;
        g[1] = tn / p[1];
        g[2] = td / p[2];
        g[3] = -tn * lnNeff;
        g[4] = -td * lnD;
        g[5] = -p[3] * tn * dlnNeff;
        return p[0] + tn + td;
    }

    @Override
    public List<Parameter> parameterSpecs(Series data) {
        DataRange r = new DataRange(data);
        List<Parameter> c = Chinchilla.specs(r);
        return List.of(c.get(0), c.get(1), c.get(2), c.get(3), c.get(4),
                Parameter.scale("gamma", 0.1 * Math.exp(r.lnMin[2]), 2 * r.max[2]));
    }
}
