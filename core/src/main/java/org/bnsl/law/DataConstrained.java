package org.bnsl.law;

import java.util.List;
import org.bnsl.data.Series;

/**
 * Muennighoff's data-constrained law over variables [N, D, U] (parameters, tokens seen, unique
 * tokens), parameters [E, A, B, alpha, beta, rstar_d]:
 * L = E + A/N^α + B/D′^β with D′ = U_D + U_D·R*_D·(1 − e^(−R_D/R*_D)), U_D = min(U, D) and
 * R_D = D/U_D − 1 (the number of repetitions beyond the first epoch).
 *
 * <p>Only repeated data is modelled: the paper's excess-parameter term N′ (with R*_N) is left
 * out, so N′ = N. With no repetition (D &lt;= U) the law is Chinchilla. Domain: N, D, U &gt; 0;
 * E, A, B, R*_D &gt; 0 (fitted through their logs), by default E &lt;= min L; α, β &gt;= 0. Source:
 * Muennighoff et al. 2023, "Scaling Data-Constrained Language Models", eq. 5 (with eq. 2 for the
 * Chinchilla form).
 */
public final class DataConstrained extends AbstractLaw {
    public DataConstrained() {
        super("data-constrained", "L = E + A/N^alpha + B/D'^beta, D' = U_D + U_D*R*(1 - exp(-R_D/R*))",
                List.of("N", "D", "U"), List.of("E", "A", "B", "alpha", "beta", "rstar_d"));
    }

    @Override
    public double value(double[] p, double[] x) {
        double ud = Math.min(x[2], x[1]);
        double rd = x[1] / ud - 1;
        double dp = ud + ud * p[5] * (-Math.expm1(-rd / p[5]));
        return p[0] + Math.exp(Math.log(p[1]) - p[3] * Math.log(x[0])) + Math.exp(Math.log(p[2]) - p[4] * Math.log(dp));
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
        double rs = p[5];
        double ud = Math.min(x[2], x[1]);
        double rd = x[1] / ud - 1;
        double q = rd / rs;
        double e = Math.exp(-q);
        double dp = ud + ud * rs * (-Math.expm1(-q));
        double lnDp = Math.log(dp);
        double tn = Math.exp(Math.log(p[1]) - p[3] * lnN);
        double td = Math.exp(Math.log(p[2]) - p[4] * lnDp);
        double dDp = ud * (-Math.expm1(-q) - q * e); // ∂D′/∂R*
        g[0] = 1;
        g[1] = tn / p[1];
        g[2] = td / p[2];
        g[3] = -tn * lnN;
        g[4] = -td * lnDp;
        g[5] = -p[4] * td / dp * dDp;
        return p[0] + tn + td;
    }

    @Override
    public List<Parameter> parameterSpecs(Series data) {
        DataRange r = new DataRange(data);
        double maxR = 0;
        for (int i = 0; i < data.size(); i++) {
            double ud = Math.min(data.x(2, i), data.x(1, i));
            maxR = Math.max(maxR, data.x(1, i) / ud - 1);
        }
        List<Parameter> c = Chinchilla.specs(r);
        return List.of(c.get(0), c.get(1), c.get(2), c.get(3), c.get(4),
                Parameter.scale("rstar_d", 0.5, Math.max(10, 10 * maxR)));
    }
}
