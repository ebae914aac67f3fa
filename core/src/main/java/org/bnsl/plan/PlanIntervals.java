package org.bnsl.plan;

/**
 * Percentile intervals for the compute-optimal allocation at one budget, from planning many
 * parameter vectors (see {@link ComputeOptimal#intervals}).
 *
 * @param budget the FLOP budget C
 * @param level  the central probability of each interval, e.g. 0.9
 * @param n      interval for N*
 * @param d      interval for D*
 * @param loss   interval for L*
 * @param used   parameter vectors that planned
 * @param failed parameter vectors skipped because their plan failed
 */
public record PlanIntervals(double budget, double level, Range n, Range d, Range loss, int used, int failed) {

    /** A closed interval [lo, hi]. */
    public record Range(double lo, double hi) {
        public boolean contains(double v) {
            return v >= lo && v <= hi;
        }
    }
}
