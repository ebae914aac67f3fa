package org.bnsl.fit;

import java.util.Arrays;
import java.util.List;

/**
 * Continuous piecewise-linear least squares, {@code z ≈ β0 + s0·u + Σⱼ δⱼ·max(0, u − kⱼ)}: the
 * hard-break (fᵢ → 0) limit of a BNSL on a log-log plot. Used to read break positions and segment
 * slopes off the data before the nonlinear fit.
 */
final class Hinge {
    final double[] knots;
    final double[] coef;
    final double sse;

    private Hinge(double[] knots, double[] coef, double sse) {
        this.knots = knots;
        this.coef = coef;
        this.sse = sse;
    }

    /** Weighted least-squares coefficients (β0, s0, δ…) for fixed knots; null if singular. */
    static double[] fit(double[] u, double[] z, double[] w, double[] knots) {
        int p = 2 + knots.length;
        double[] ata = new double[p * p];
        double[] atb = new double[p];
        double[] row = new double[p];
        accumulate(u, z, w, knots, row, ata, atb);
        return solve(ata, atb, p);
    }

    private static void accumulate(double[] u, double[] z, double[] w, double[] knots, double[] row,
            double[] ata, double[] atb) {
        int p = row.length;
        Arrays.fill(ata, 0);
        Arrays.fill(atb, 0);
        for (int i = 0; i < u.length; i++) {
            row[0] = 1;
            row[1] = u[i];
            for (int j = 0; j < knots.length; j++) {
                row[2 + j] = Math.max(0, u[i] - knots[j]);
            }
            double wi = w[i];
            for (int r = 0; r < p; r++) {
                double v = wi * row[r];
                atb[r] += v * z[i];
                for (int c = 0; c <= r; c++) {
                    ata[r * p + c] += v * row[c];
                }
            }
        }
        for (int r = 0; r < p; r++) {
            for (int c = r + 1; c < p; c++) {
                ata[r * p + c] = ata[c * p + r];
            }
        }
    }

    /** Solves the symmetric system by Gaussian elimination with partial pivoting; null if singular. */
    static double[] solve(double[] a, double[] b, int p) {
        double[] m = a.clone();
        double[] x = b.clone();
        double scale = 0;
        for (int i = 0; i < p; i++) scale = Math.max(scale, Math.abs(m[i * p + i]));
        for (int col = 0; col < p; col++) {
            int piv = col;
            for (int r = col + 1; r < p; r++) {
                if (Math.abs(m[r * p + col]) > Math.abs(m[piv * p + col])) piv = r;
            }
            if (Math.abs(m[piv * p + col]) <= 1e-12 * scale) return null;
            if (piv != col) {
                for (int c = 0; c < p; c++) {
                    double t = m[col * p + c];
                    m[col * p + c] = m[piv * p + c];
                    m[piv * p + c] = t;
                }
                double t = x[col];
                x[col] = x[piv];
                x[piv] = t;
            }
            for (int r = col + 1; r < p; r++) {
                double f = m[r * p + col] / m[col * p + col];
                if (f == 0) continue;
                for (int c = col; c < p; c++) m[r * p + c] -= f * m[col * p + c];
                x[r] -= f * x[col];
            }
        }
        for (int r = p - 1; r >= 0; r--) {
            double s = x[r];
            for (int c = r + 1; c < p; c++) s -= m[r * p + c] * x[c];
            x[r] = s / m[r * p + r];
        }
        return x;
    }

    private static double sse(double[] u, double[] z, double[] w, double[] knots, double[] coef) {
        double s = 0;
        for (int i = 0; i < u.length; i++) {
            double v = coef[0] + coef[1] * u[i];
            for (int j = 0; j < knots.length; j++) {
                v += coef[2 + j] * Math.max(0, u[i] - knots[j]);
            }
            double r = z[i] - v;
            s += w[i] * r * r;
        }
        return s;
    }

    /**
     * Scans every increasing choice of {@code count} knots from {@code candidates} that leaves at
     * least two data points between consecutive knots, and appends the {@code keep} best (lowest
     * weighted SSE) to {@code out}.
     */
    static void search(double[] u, double[] z, double[] w, double[] candidates, int count,
            double[] sortedU, List<Hinge> out, int keep) {
        Hinge[] best = new Hinge[keep];
        int[] idx = new int[count];
        double[] knots = new double[count];
        enumerate(u, z, w, candidates, sortedU, idx, knots, 0, 0, best);
        for (Hinge h : best) {
            if (h != null) out.add(h);
        }
    }

    private static void enumerate(double[] u, double[] z, double[] w, double[] cand, double[] sortedU,
            int[] idx, double[] knots, int depth, int from, Hinge[] best) {
        if (depth == idx.length) {
            double[] coef = fit(u, z, w, knots);
            if (coef == null) return;
            double s = sse(u, z, w, knots, coef);
            insert(best, new Hinge(knots.clone(), coef, s));
            return;
        }
        for (int c = from; c < cand.length; c++) {
            if (depth > 0 && pointsBetween(sortedU, knots[depth - 1], cand[c]) < 2) continue;
            idx[depth] = c;
            knots[depth] = cand[c];
            enumerate(u, z, w, cand, sortedU, idx, knots, depth + 1, c + 1, best);
        }
    }

    private static int pointsBetween(double[] sorted, double lo, double hi) {
        int count = 0;
        for (double v : sorted) {
            if (v > lo && v < hi) count++;
        }
        return count;
    }

    private static void insert(Hinge[] best, Hinge h) {
        int pos = best.length;
        while (pos > 0 && (best[pos - 1] == null || best[pos - 1].sse > h.sse)) pos--;
        if (pos >= best.length) return;
        System.arraycopy(best, pos, best, pos + 1, best.length - pos - 1);
        best[pos] = h;
    }
}
