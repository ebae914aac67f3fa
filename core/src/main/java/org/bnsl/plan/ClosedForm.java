package org.bnsl.plan;

import org.bnsl.InputException;
import org.bnsl.Numbers;

/**
 * The compute-optimal allocation of the Chinchilla law L(N, D) = E + A/N^α + B/D^β under the
 * training cost C = k·N·D, in closed form (Hoffmann et al. 2022, "Training Compute-Optimal Large
 * Language Models", Approach 3, eq. 4, there with k = 6):
 *
 * <pre>
 *   N*(C) = G·(C/k)^a,   D*(C) = G⁻¹·(C/k)^b,
 *   G = (α·A / (β·B))^(1/(α+β)),   a = β/(α+β),   b = α/(α+β),
 *   L*(C) = E + A·N*^(−α) + B·D*^(−β).
 * </pre>
 *
 * Derivation: on N·D = C/k, dL/dN = 0 gives α·A·N^(−α) = β·B·D^(−β); with D = C/(kN) this solves to
 * the formulas above (a + b = 1, so N*·D* = C/k exactly). Not valid with inference tokens in the
 * cost (Sardana et al. 2023): use {@link ComputeOptimal} for that.
 *
 * @param e     E, the irreducible loss
 * @param bigA  A, coefficient of the parameter term, &gt; 0
 * @param bigB  B, coefficient of the data term, &gt; 0
 * @param alpha α &gt; 0
 * @param beta  β &gt; 0
 * @param k     training FLOP per parameter per token, &gt; 0 (6 in Hoffmann et al. 2022)
 */
public record ClosedForm(double e, double bigA, double bigB, double alpha, double beta, double k) {

    public ClosedForm {
        positive("A", bigA);
        positive("B", bigB);
        positive("alpha", alpha);
        positive("beta", beta);
        positive("k", k);
        if (!Double.isFinite(e)) {
            throw new InputException("E must be finite, got " + Numbers.format(e));
        }
    }

    /** The closed form with k = 6, from the parameters named as in Hoffmann et al. 2022. */
    public static ClosedForm of(double bigA, double bigB, double e, double alpha, double beta) {
        return new ClosedForm(e, bigA, bigB, alpha, beta, 6);
    }

    /** From a parameter array of the {@code chinchilla} law, in its order [E, A, B, alpha, beta]; k = 6. */
    public static ClosedForm ofChinchilla(double[] p) {
        if (p.length != 5) {
            throw new InputException("the chinchilla law takes 5 parameters [E, A, B, alpha, beta], got " + p.length);
        }
        return new ClosedForm(p[0], p[1], p[2], p[3], p[4], 6);
    }

    /** The same law under cost C = k·N·D with another k. */
    public ClosedForm withK(double k) {
        return new ClosedForm(e, bigA, bigB, alpha, beta, k);
    }

    /** G = (α·A/(β·B))^(1/(α+β)). */
    public double g() {
        return Math.pow(alpha * bigA / (beta * bigB), 1 / (alpha + beta));
    }

    /** a = β/(α+β), the exponent of N* in C. */
    public double a() {
        return beta / (alpha + beta);
    }

    /** b = α/(α+β), the exponent of D* in C. */
    public double b() {
        return alpha / (alpha + beta);
    }

    /** N*(C) = G·(C/k)^a. */
    public double nOpt(double budget) {
        ComputeOptimal.checkBudget(budget, "budget");
        return g() * Math.pow(budget / k, a());
    }

    /** D*(C) = G⁻¹·(C/k)^b. */
    public double dOpt(double budget) {
        ComputeOptimal.checkBudget(budget, "budget");
        return Math.pow(budget / k, b()) / g();
    }

    /** L*(C) = E + A·N*^(−α) + B·D*^(−β). */
    public double lossOpt(double budget) {
        return e + bigA * Math.pow(nOpt(budget), -alpha) + bigB * Math.pow(dOpt(budget), -beta);
    }

    /** N*(C) = n·C^a in C itself: n = G·k^(−a) (0.6 for hoffmann2022: N* ≈ 0.6·C^0.45). */
    public double nCoefficient() {
        return g() * Math.pow(k, -a());
    }

    /** D*(C) = d·C^b in C itself: d = G⁻¹·k^(−b) (0.3 for hoffmann2022: D* ≈ 0.3·C^0.55). */
    public double dCoefficient() {
        return Math.pow(k, -b()) / g();
    }

    /**
     * L*(C) = E + l·C^(−γ) with γ = α·β/(α+β) (both terms fall at that rate, since α·a = β·b) and
     * l = A·n^(−α) + B·d^(−β): 1070 and 0.154 for hoffmann2022 (L* ≈ 1070·C^(−0.154) + 1.7).
     */
    public double lossCoefficient() {
        return bigA * Math.pow(nCoefficient(), -alpha) + bigB * Math.pow(dCoefficient(), -beta);
    }

    /** γ = α·β/(α+β), the rate at which L* − E falls with C. */
    public double lossExponent() {
        return alpha * a();
    }

    /** N*, D*, L* and D* ÷ N* at budget C. */
    public Plan plan(double budget) {
        return Plan.of(budget, nOpt(budget), dOpt(budget), lossOpt(budget));
    }

    private static void positive(String name, double v) {
        if (!(v > 0) || !Double.isFinite(v)) {
            throw new InputException(name + " must be positive for the closed form, got " + Numbers.format(v));
        }
    }
}
