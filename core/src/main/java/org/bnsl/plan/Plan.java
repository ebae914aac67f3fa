package org.bnsl.plan;

import org.bnsl.Numbers;

/**
 * The compute-optimal allocation at one budget: N* parameters trained on D* tokens, reaching loss L*.
 *
 * @param budget         the FLOP budget C
 * @param n              optimal parameters N*
 * @param d              optimal training tokens D*
 * @param loss           the law's value L(N*, D*)
 * @param tokensPerParam D* ÷ N*
 */
public record Plan(double budget, double n, double d, double loss, double tokensPerParam) {

    static Plan of(double budget, double n, double d, double loss) {
        return new Plan(budget, n, d, loss, d / n);
    }

    @Override
    public String toString() {
        return "Plan[C=" + Numbers.format(budget) + ", N=" + Numbers.format(n) + ", D=" + Numbers.format(d)
                + ", L=" + Numbers.format(loss) + ", D/N=" + Numbers.format(tokensPerParam) + "]";
    }
}
