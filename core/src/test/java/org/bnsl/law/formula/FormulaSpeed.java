package org.bnsl.law.formula;

import java.util.List;
import java.util.SplittableRandom;
import org.hipparchus.analysis.differentiation.Gradient;

/**
 * A rough speed check, run by hand (not a test, asserts nothing): value and gradient of Chinchilla
 * (Hoffmann et al. 2022 eq. 2) by the compiled {@link Formula}, by Hipparchus {@link Gradient}
 * written naively, and by hand-written Java. Numbers that matter belong in a JMH benchmark.
 *
 * <pre>java -cp core/target/classes:core/target/test-classes:hipparchus-core.jar org.bnsl.law.formula.FormulaSpeed</pre>
 */
public final class FormulaSpeed {
    private FormulaSpeed() {}

    public static void main(String[] args) {
        int n = 1000;
        SplittableRandom rnd = new SplittableRandom(3);
        double[][] xs = new double[n][];
        for (int i = 0; i < n; i++) {
            xs[i] = new double[] {Math.pow(10, rnd.nextDouble(7, 11)), Math.pow(10, rnd.nextDouble(9, 13))};
        }
        double[] p = {1.69, 406.4, 0.34, 410.7, 0.28};
        Formula f = Formula.compile("E + A/N^alpha + B/D^beta", List.of("N", "D"));
        double[] grad = new double[5];
        int reps = 2000;
        double evals = (double) reps * n;
        for (int round = 0; round < 6; round++) {
            long t0 = System.nanoTime();
            double sink = compiled(f, p, xs, grad, reps);
            long t1 = System.nanoTime();
            sink += hipparchusLoop(p, xs, reps);
            long t2 = System.nanoTime();
            sink += direct(p, xs, grad, reps);
            long t3 = System.nanoTime();
            sink += valueOnly(f, p, xs, reps);
            long t4 = System.nanoTime();
            System.out.printf("round %d: compiled %.1f ns, hipparchus Gradient %.1f ns, hand-written %.1f ns,"
                    + " compiled value only %.1f ns (sink %.3g)%n",
                    round, (t1 - t0) / evals, (t2 - t1) / evals, (t3 - t2) / evals, (t4 - t3) / evals, sink);
        }
    }

    // Each loop is its own method, so the JIT compiles it normally rather than on-stack-replacing main.
    private static double compiled(Formula f, double[] p, double[][] xs, double[] grad, int reps) {
        double sink = 0;
        for (int r = 0; r < reps; r++) {
            for (double[] x : xs) sink += f.valueAndGradient(p, x, grad) + grad[2];
        }
        return sink;
    }

    private static double valueOnly(Formula f, double[] p, double[][] xs, int reps) {
        double sink = 0;
        for (int r = 0; r < reps; r++) {
            for (double[] x : xs) sink += f.value(p, x);
        }
        return sink;
    }

    private static double hipparchusLoop(double[] p, double[][] xs, int reps) {
        double sink = 0;
        for (int r = 0; r < reps; r++) {
            for (double[] x : xs) sink += hipparchus(p, x);
        }
        return sink;
    }

    private static double direct(double[] p, double[][] xs, double[] grad, int reps) {
        double sink = 0;
        for (int r = 0; r < reps; r++) {
            for (double[] x : xs) sink += direct(p, x, grad) + grad[2];
        }
        return sink;
    }

    private static double hipparchus(double[] p, double[] x) {
        Gradient e = Gradient.variable(5, 0, p[0]);
        Gradient a = Gradient.variable(5, 1, p[1]);
        Gradient alpha = Gradient.variable(5, 2, p[2]);
        Gradient b = Gradient.variable(5, 3, p[3]);
        Gradient beta = Gradient.variable(5, 4, p[4]);
        Gradient y = e.add(a.divide(Gradient.pow(x[0], alpha))).add(b.divide(Gradient.pow(x[1], beta)));
        return y.getValue() + y.getGradient()[2];
    }

    private static double direct(double[] p, double[] x, double[] grad) {
        double na = Math.pow(x[0], -p[2]);
        double db = Math.pow(x[1], -p[4]);
        grad[0] = 1;
        grad[1] = na;
        grad[2] = -p[1] * na * Math.log(x[0]);
        grad[3] = db;
        grad[4] = -p[3] * db * Math.log(x[1]);
        return p[0] + p[1] * na + p[3] * db;
    }
}
