package org.bnsl.law;

import java.util.List;
import org.bnsl.data.Series;

/**
 * The Chinchilla parametric loss L(N, D) = E + A/N^α + B/D^β over variables [N, D] (parameters,
 * training tokens), parameters [E, A, B, alpha, beta].
 *
 * <p>Evaluated as E + exp(ln A − α·ln N) + exp(ln B − β·ln D). Domain: N, D &gt; 0; E, A, B &gt; 0
 * (fitted through their logs, as Epoch AI's refit does), and by default E &lt;= the smallest observed
 * L (an irreducible loss above an observed loss is not physical; {@code --bound E=lo..hi} lifts it);
 * α, β &gt;= 0, starting in [0, 2]. NaN when N or D &lt;= 0 or A, B &lt; 0. Source: Hoffmann et al.
 * 2022, "Training Compute-Optimal Large Language Models", eq. 2; refit by Besiroglu et al. 2024
 * (Epoch AI), "Chinchilla Scaling: A replication attempt".
 */
public final class Chinchilla extends AbstractLaw {
    public Chinchilla() {
        super("chinchilla", "L = E + A/N^alpha + B/D^beta", List.of("N", "D"), List.of("E", "A", "B", "alpha", "beta"));
    }

    @Override
    public double value(double[] p, double[] x) {
        return p[0] + Math.exp(Math.log(p[1]) - p[3] * Math.log(x[0])) + Math.exp(Math.log(p[2]) - p[4] * Math.log(x[1]));
    }

    @Override
    double valueAndGradientN(double[] p, double[] x, double[] g) {
        return eval(p, Math.log(x[0]), Math.log(x[1]), g);
    }

    @Override
    double valueAndGradientN(double[] p, double[] x, double[] lnx, double[] g) {
        return eval(p, lnx[0], lnx[1], g);
    }

    static double eval(double[] p, double lnN, double lnD, double[] g) {
        double tn = Math.exp(Math.log(p[1]) - p[3] * lnN);
        double td = Math.exp(Math.log(p[2]) - p[4] * lnD);
        g[0] = 1;
        g[1] = tn / p[1];
        g[2] = td / p[2];
        g[3] = -tn * lnN;
        g[4] = -td * lnD;
        return p[0] + tn + td;
    }

    @Override
    public List<Parameter> parameterSpecs(Series data) {
        return specs(new DataRange(data));
    }

    static List<Parameter> specs(DataRange r) {
        double[] la = r.lnTermScale(0, -2, 0); // the term is A·N^(−α), exponent −α in [−2, 0]
        double[] lb = r.lnTermScale(1, -2, 0);
        double e = Math.max(r.yMin, 1e-300);
        return List.of(r.belowData(Parameter.scale("E", 0.05 * e, e)),
                Parameter.scaleLn("A", la[0], la[1]),
                Parameter.scaleLn("B", lb[0], lb[1]),
                Parameter.bounded("alpha", 0, Double.POSITIVE_INFINITY, 0, 2),
                Parameter.bounded("beta", 0, Double.POSITIVE_INFINITY, 0, 2));
    }
}
