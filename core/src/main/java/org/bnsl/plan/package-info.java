/**
 * Planning with a fitted law L(N, D): {@link org.bnsl.plan.ComputeOptimal} finds the
 * compute-optimal parameters N*, tokens D* and loss L* at a FLOP budget, and the smallest budget
 * reaching a target loss, for any law in N and D under a {@link org.bnsl.plan.CostModel} (training
 * only, Hoffmann et al. 2022; or inference-aware, Sardana et al. 2023); {@link org.bnsl.plan.ClosedForm}
 * is the Chinchilla law's closed form (Hoffmann et al. 2022 eq. 4); {@link org.bnsl.plan.Presets}
 * holds published fits; {@link org.bnsl.plan.IsoFlop} is Hoffmann et al.'s Approach 2 on raw runs.
 *
 * <p>Every problem with the input is an {@link org.bnsl.InputException} whose message names the
 * offending value.
 */
package org.bnsl.plan;
