package org.bnsl.spark;

import java.io.Serializable;
import java.util.List;

/**
 * What {@link BnslSpark#backtest} is told: {@code bnsl backtest}'s options, as a value. The columns
 * of x and y; the curve column (default {@code curve} when the data has it) and the direction
 * column (default {@code better} when the data has it); one split (a split column of
 * {@code fit}/{@code holdout}, {@code holdoutAbove} or {@code holdoutWhere}); the candidates and
 * auto's committee (null for the defaults); the space; auto's bootstrap, seed and level. Checked
 * by {@code io.Backtests} on the driver, as the CLI checks them.
 */
public record BacktestOptions(String x, String y, String group, String better, String split, Double holdoutAbove, String holdoutWhere,
        List<String> candidates, List<String> autoCandidates, String space, Integer bootstrap, long seed, double level)
        implements Serializable {

    /** x and y, held out above {@code holdoutAbove}, everything else as {@code bnsl backtest}'s defaults. */
    public static BacktestOptions above(String x, String y, double holdoutAbove) {
        return new BacktestOptions(x, y, null, null, null, holdoutAbove, null, null, null, org.bnsl.io.Backtests.DEFAULT_SPACE, null, 0,
                Double.parseDouble(org.bnsl.io.Backtests.DEFAULT_LEVEL));
    }

    public BacktestOptions withGroup(String column) {
        return new BacktestOptions(x, y, column, better, split, holdoutAbove, holdoutWhere, candidates, autoCandidates, space, bootstrap,
                seed, level);
    }

    public BacktestOptions withCandidates(List<String> names) {
        return new BacktestOptions(x, y, group, better, split, holdoutAbove, holdoutWhere, names, autoCandidates, space, bootstrap, seed,
                level);
    }

    public BacktestOptions withBootstrap(Integer resamples, long s, double l) {
        return new BacktestOptions(x, y, group, better, split, holdoutAbove, holdoutWhere, candidates, autoCandidates, space, resamples, s,
                l);
    }
}
