package org.bnsl.plan;

import org.bnsl.InputException;
import org.bnsl.Numbers;

/**
 * What a model costs in FLOP: C = k·N·D for training N parameters on D tokens (k = 6: forward and
 * backward pass, Kaplan et al. 2020, Hoffmann et al. 2022 §2), plus 2·N·D_inf when the model will
 * also serve D_inf inference tokens (Sardana et al. 2023, "Beyond Chinchilla-Optimal: Accounting
 * for Inference in Language Model Scaling Laws", eq. 3 with a forward pass of 2N FLOP per token).
 *
 * <p>So at budget C and size N the affordable training tokens are D = (C − 2·N·D_inf)/(k·N), which
 * is positive only when C &gt; 2·N·D_inf.
 *
 * @param k               training FLOP per parameter per token, &gt; 0 and finite (6 by default)
 * @param inferenceTokens tokens the model will serve, D_inf &ge; 0 and finite (0: training cost only)
 */
public record CostModel(double k, double inferenceTokens) {

    /** C = 6·N·D: the training cost of Hoffmann et al. 2022. */
    public static final CostModel TRAINING = new CostModel(6, 0);

    public CostModel {
        if (!(k > 0) || !Double.isFinite(k)) {
            throw new InputException("FLOP per parameter per token k must be positive, got " + Numbers.format(k));
        }
        if (!(inferenceTokens >= 0) || !Double.isFinite(inferenceTokens)) {
            throw new InputException("inference tokens must be zero or positive, got " + Numbers.format(inferenceTokens));
        }
    }

    /** Training cost plus 2·N·D_inf for serving {@code inferenceTokens} tokens, k = 6. */
    public static CostModel withInference(double inferenceTokens) {
        return new CostModel(6, inferenceTokens);
    }

    /** C = k·N·D + 2·N·D_inf. */
    public double cost(double n, double d) {
        return k * n * d + 2 * n * inferenceTokens;
    }

    /** D = (C − 2·N·D_inf)/(k·N): the training tokens budget C buys at size N; &le; 0 when unaffordable. */
    public double tokens(double budget, double n) {
        return (budget - 2 * n * inferenceTokens) / (k * n);
    }

    /** The largest N the budget allows, the one where D falls to 1 token: N = C/(k + 2·D_inf). */
    public double maxParams(double budget) {
        return budget / (k + 2 * inferenceTokens);
    }
}
