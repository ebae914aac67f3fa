package org.bnsl.law;

import java.util.List;
import org.bnsl.data.Series;

/**
 * Alabdulmohsin's M4, defined implicitly by (y − ε∞)/(ε0 − y)^α = β·x^c, parameters
 * [einf, e0, alpha, beta, c].
 *
 * <p>y is the unique root in (ε∞, ε0) of F(y) = ln(y − ε∞) − α·ln(ε0 − y) − ln β − c·ln x, which
 * increases strictly in y. We solve for u = logit((y − ε∞)/(ε0 − ε∞)), where F is monotone and
 * convex or concave with slope in [min(1, α), max(1, α)], by Newton's method kept inside a
 * bisection bracket (safeguarded; at most 200 steps, no allocation). The gradient follows from
 * the implicit function theorem, ∂y/∂p = −(∂F/∂p)/(∂F/∂y).
 *
 * <p>Domain: x &gt; 0, ε∞ &gt;= 0, ε0 &gt; ε∞ (y lies between them, so by default ε∞ &lt;= min y and
 * ε0 &gt;= max y), α &gt;= 0, β &gt; 0 (fitted through its log), c
 * unbounded (usually negative, starts in [−2, 0]). NaN when ε0 &lt;= ε∞, β &lt;= 0, or (α = 0) when
 * no root lies below ε0. Source: Alabdulmohsin, Neyshabur and Zhai 2022, "Revisiting Neural
 * Scaling Laws in Language and Vision", Section 3 (M4: (ε_x − ε∞)/(ε0 − ε_x)^α = β·x^c).
 */
public final class M4 extends AbstractLaw {
    public M4() {
        super("m4", "(y - einf) / (e0 - y)^alpha = beta * x^c", List.of("x"),
                List.of("einf", "e0", "alpha", "beta", "c"));
    }

    @Override
    public double value(double[] p, double[] x) {
        return solve(p, Math.log(x[0]), null);
    }

    @Override
    double valueAndGradient1(double[] p, double[] x, double lnx, double[] g) {
        return solve(p, lnx, g);
    }

    private static double lnSigmoid(double u) {
        return u >= 0 ? -Math.log1p(Math.exp(-u)) : u - Math.log1p(Math.exp(u));
    }

    private static double sigmoid(double u) {
        if (u >= 0) return 1 / (1 + Math.exp(-u));
        double e = Math.exp(u);
        return e / (1 + e);
    }

    private static double solve(double[] p, double lnx, double[] g) {
        double einf = p[0], e0 = p[1], alpha = p[2], beta = p[3], c = p[4];
        double d = e0 - einf;
        if (!(d > 0) || !(beta > 0) || !(alpha >= 0) || Double.isNaN(lnx)) return nan(g);
        double lnD = Math.log(d);
        double k = Math.log(beta) + c * lnx;
        double c0 = k - (1 - alpha) * lnD;
        double u = c0 < 0 ? c0 : (alpha > 0 ? c0 / alpha : c0);
        double lo = Double.NEGATIVE_INFINITY, hi = Double.POSITIVE_INFINITY;
        boolean done = false;
        for (int it = 0; it < 200; it++) {
            double f = lnD + lnSigmoid(u) - alpha * (lnD + lnSigmoid(-u)) - k;
            if (f == 0) { done = true; break; }
            if (f < 0) lo = u; else hi = u;
            double slope = sigmoid(-u) + alpha * sigmoid(u);
            double next = u - f / slope;
            if (!(next > lo && next < hi)) {
                if (lo > Double.NEGATIVE_INFINITY && hi < Double.POSITIVE_INFINITY) next = 0.5 * (lo + hi);
                else if (lo > Double.NEGATIVE_INFINITY) next = lo + Math.max(1, 2 * Math.abs(lo));
                else next = hi - Math.max(1, 2 * Math.abs(hi));
            }
            if (Math.abs(next - u) <= 1e-15 * Math.max(1, Math.abs(u)) || next == lo || next == hi) {
                u = next;
                done = true;
                break;
            }
            u = next;
        }
        if (!done || !Double.isFinite(u)) return nan(g);
        double t = d * sigmoid(u);   // y − ε∞
        double s = d * sigmoid(-u);  // ε0 − y
        double y = einf + t;
        if (g != null) {
            double fy = 1 / t + alpha / s;
            g[0] = (1 / t) / fy;
            g[1] = (alpha / s) / fy;
            g[2] = Math.log(s) / fy;
            g[3] = (1 / beta) / fy;
            g[4] = lnx / fy;
        }
        return y;
    }

    private static double nan(double[] g) {
        if (g != null) java.util.Arrays.fill(g, Double.NaN);
        return Double.NaN;
    }

    @Override
    public List<Parameter> parameterSpecs(Series data) {
        DataRange r = new DataRange(data);
        double l1 = Math.log(0.01 * r.yLo), l2 = Math.log(r.yHi), l3 = Math.log(2 * r.yHi);
        double lhsLo = l1 - 2 * Math.max(0, l3), lhsHi = l2 - 2 * Math.min(0, l1);
        double[] lb = DataRange.lnScale(lhsLo, lhsHi, r.lnMin[0], r.lnMax[0], -2, 0);
        return List.of(r.floor("einf"),
                r.aboveData(Parameter.bounded("e0", 0, Double.POSITIVE_INFINITY, 1.01 * r.yHi, 2 * r.yHi)),
                Parameter.bounded("alpha", 0, Double.POSITIVE_INFINITY, 0, 2),
                Parameter.scaleLn("beta", lb[0], lb[1]),
                Parameter.free("c", -2, 0));
    }
}
