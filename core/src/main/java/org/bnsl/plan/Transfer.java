package org.bnsl.plan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.bnsl.InputException;
import org.bnsl.Numbers;
import org.bnsl.fit.Direction;
import org.bnsl.law.Law;
import org.bnsl.uncertainty.ParameterInterval;
import org.bnsl.uncertainty.Bootstrap;
import org.bnsl.uncertainty.Quantiles;
import org.hipparchus.exception.MathIllegalArgumentException;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.QRDecomposition;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.RealVector;

/**
 * The transfer law (Hernandez et al. 2021, "Scaling Laws for Transfer", arXiv:2102.01293, eq. 1.1):
 * the effective data transferred by pre-training, D_T = k·D_F^α·N^β, for a model of N parameters
 * fine-tuned on D_F tokens.
 *
 * <p><b>D_T of one run.</b> D_E is the data a model of the same N trained from scratch would need to
 * reach the fine-tuned run's loss: the from-scratch law L(N, D) inverted in D at that N
 * ({@link Inverse#solve}, D searched in [1, {@value Inverse#MAX_SCALE}], loss falling). Then
 * D_T = D_E − D_F (Hernandez et al. §2). A run whose loss the from-scratch law never reaches at its N,
 * or with D_T &le; 0 (pre-training did not help), is left out of the fit and reported.
 *
 * <p><b>Fit.</b> ln D_T = ln k + α·ln D_F + β·ln N by ordinary least squares (Hipparchus
 * {@link QRDecomposition}), over the runs with a D_T. Percentile intervals (type 7) from a pairs
 * bootstrap over those runs (resample b drawn from a {@link SplittableRandom} seeded with the b-th
 * value of one seeded with the seed; a resample whose design is singular is dropped and counted).
 */
public final class Transfer {

    private Transfer() {
    }

    /** One fine-tuned run: parameters N, fine-tuning tokens D_F, its final loss. */
    public record Run(String name, double n, double dFinetune, double loss) {
    }

    /**
     * One run's effective data.
     *
     * @param effective   D_E (NaN when the from-scratch law never reaches the run's loss)
     * @param transferred D_T = D_E − D_F (NaN likewise)
     * @param used        whether the run entered the fit (D_T &gt; 0)
     */
    public record Row(Run run, double effective, double transferred, boolean used) {
    }

    /**
     * The fitted transfer law with percentile intervals.
     *
     * @param dropped resamples dropped because their design was singular
     */
    public record Result(List<Row> rows, ParameterInterval k, ParameterInterval alpha, ParameterInterval beta, double level,
            int resamples, int dropped) {

        public int used() {
            return (int) rows.stream().filter(Row::used).count();
        }

        /** D_T = k·D_F^α·N^β. */
        public double transferred(double dFinetune, double n) {
            return k.estimate() * Math.pow(dFinetune, alpha.estimate()) * Math.pow(n, beta.estimate());
        }
    }

    /**
     * D_E and D_T of every run (see the class comment).
     *
     * @param scratch the from-scratch law, variables exactly [N, D]
     * @param offset  the from-scratch fit's x offset
     */
    public static List<Row> effectiveData(Law scratch, double[] p, double offset, List<Run> runs) {
        if (!scratch.variables().equals(List.of("N", "D"))) {
            throw new InputException("the from-scratch law must be a law in N and D, got '" + scratch.name() + "' in "
                    + scratch.variables());
        }
        List<Row> out = new ArrayList<>(runs.size());
        for (Run r : runs) {
            Inverse.Answer a = Inverse.solve(scratch, p, new double[] {r.n(), 0}, 1, offset, r.loss(), 1,
                    Inverse.MAX_SCALE, Direction.DOWN);
            double de = a.reached() ? a.scale() : Double.NaN;
            double dt = de - r.dFinetune();
            out.add(new Row(r, de, dt, dt > 0));
        }
        return out;
    }

    /**
     * Computes every run's D_T and fits k, α, β.
     *
     * @throws InputException when fewer than 4 runs have D_T &gt; 0, or their D_F and N do not vary
     *                        independently (a singular design)
     */
    public static Result fit(Law scratch, double[] p, double offset, List<Run> runs, int resamples, long seed, double level) {
        if (resamples < 1) {
            throw new InputException("--bootstrap must be at least 1, got " + resamples);
        }
        if (!(level > 0 && level < 1)) {
            throw new InputException("--level must be between 0 and 1 (exclusive), got " + Numbers.format(level));
        }
        List<Row> rows = effectiveData(scratch, p, offset, runs);
        List<Row> used = rows.stream().filter(Row::used).toList();
        if (used.size() < 4) {
            throw new InputException("the transfer law needs at least 4 runs whose loss the from-scratch law reaches with"
                    + " D_T = D_E − D_F > 0; got " + used.size() + " of " + runs.size());
        }
        int m = used.size();
        int[] all = new int[m];
        for (int i = 0; i < m; i++) all[i] = i;
        double[] est = regress(used, all);
        if (est == null) {
            throw new InputException("the transfer law cannot be fitted: the runs' D_F and N do not vary independently"
                    + " (give runs at two or more sizes and two or more fine-tuning set sizes)");
        }
        double[][] boot = new double[3][resamples];
        int kept = 0;
        SplittableRandom seeds = new SplittableRandom(seed);
        for (int b = 0; b < resamples; b++) {
            SplittableRandom rnd = new SplittableRandom(seeds.nextLong());
            double[] e = regress(used, Bootstrap.drawCases(m, rnd));
            if (e == null) continue;
            boot[0][kept] = Math.exp(e[0]);
            boot[1][kept] = e[1];
            boot[2][kept] = e[2];
            kept++;
        }
        double[] names = {Math.exp(est[0]), est[1], est[2]};
        ParameterInterval[] iv = new ParameterInterval[3];
        String[] label = {"k", "alpha", "beta"};
        for (int q = 0; q < 3; q++) {
            double[] s = Arrays.copyOf(boot[q], kept);
            Arrays.sort(s);
            double[] range = Quantiles.interval(s, level);
            iv[q] = new ParameterInterval(label[q], names[q], range[0], range[1]);
        }
        return new Result(rows, iv[0], iv[1], iv[2], level, resamples, resamples - kept);
    }

    /** OLS of ln D_T on [1, ln D_F, ln N] over rows idx: {ln k, α, β}, or null when singular. */
    private static double[] regress(List<Row> rows, int[] idx) {
        RealMatrix x = MatrixUtils.createRealMatrix(idx.length, 3);
        RealVector y = new ArrayRealVector(idx.length);
        for (int i = 0; i < idx.length; i++) {
            Row r = rows.get(idx[i]);
            x.setEntry(i, 0, 1);
            x.setEntry(i, 1, Math.log(r.run().dFinetune()));
            x.setEntry(i, 2, Math.log(r.run().n()));
            y.setEntry(i, Math.log(r.transferred()));
        }
        try {
            return new QRDecomposition(x, 1e-10).getSolver().solve(y).toArray();
        } catch (MathIllegalArgumentException e) {
            return null;
        }
    }
}
