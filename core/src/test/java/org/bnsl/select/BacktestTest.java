package org.bnsl.select;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;

import org.bnsl.InputException;
import org.bnsl.data.Series;
import org.bnsl.fit.Direction;
import org.bnsl.fit.Fit;
import org.bnsl.fit.Objective;
import org.bnsl.law.Power;
import org.junit.jupiter.api.Test;

/** The backtest's bookkeeping on a hand-made case whose every RMSLE is known in closed form. */
class BacktestTest {
    private static final Power POWER = new Power();

    /** y = x^(−1/2) exactly at x = 1, 2, 4, 8 (fit) and 16, 32 (held out). */
    private static Backtest.Task curve(int k) {
        double[] x = {1, 2, 4, 8, 16, 32};
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) y[i] = Math.pow(x[i], -0.5);
        Series s = Series.builder().name("c" + k).source("hand.csv").variable("x", "x", x).y("y", y).build();
        return Backtest.Task.of(Holdout.above(s, 8), Direction.DOWN, k == 1 ? 2 : 0);
    }

    private static Fit power(double b) {
        return new Fit(POWER, new double[] {b, 0.5}, Objective.LOG, 0, 4, 1, 0, "hand-made", 0);
    }

    /** Curve ck's index k, from its name. */
    private static int k(Backtest.Task t) {
        return Integer.parseInt(t.name().substring(1));
    }

    /**
     * "exact" predicts the truth (RMSLE 0); "off" predicts (1 + k/10) times it on curve k, so its
     * RMSLE is ln(1 + k/10); "fails" throws; "negative" predicts below zero. The rule picks "off".
     */
    private static List<Backtest.CurveResult> run(int threads) {
        List<Backtest.Method> methods = List.of(
                new Backtest.Method("exact", t -> power(1)),
                new Backtest.Method("off", t -> power(1 + k(t) / 10.0)),
                new Backtest.Method("fails", t -> {
                    throw new InputException("hand.csv: series '" + t.name() + "': needs more points");
                }),
                new Backtest.Method("negative", t -> power(-1)),
                new Backtest.Method("short", t -> {
                    throw new InputException("hand.csv: series '" + t.name() + "' has 4 points to fit, fewer than 6");
                }));
        List<Backtest.Task> tasks = new ArrayList<>();
        for (int k = 1; k <= 5; k++) tasks.add(curve(k));
        tasks.add(Backtest.Task.failed("broken", 0, "hand.csv:40: column 'y': 'abc' is not a number"));
        Backtest.Rule rule = (task, cands) -> Backtest.Choice.of("off (picked)", cands.get(1).fit());
        return Backtest.run(tasks, methods, "auto", rule, null, threads, null);
    }

    @Test
    void summariesCountBestTiesFailuresAndUnusablePoints() {
        Backtest.Report r = Backtest.summarize(run(2), List.of("exact", "off", "fails", "negative", "short"), "auto");
        assertThat(r.methods()).extracting(Backtest.Summary::name).containsExactly("exact", "off", "fails", "negative", "short", "auto",
                "oracle");
        Backtest.Summary exact = r.method("exact");
        assertThat(exact.median()).isEqualTo(0);
        assertThat(exact.bestCount()).isEqualTo(5);
        assertThat(exact.scored()).isEqualTo(5);
        assertThat(exact.failed()).isEqualTo(1); // the broken curve fails every method
        Backtest.Summary off = r.method("off");
        assertThat(off.median()).isCloseTo(Math.log(1.3), within(1e-12));
        // type-7 90th percentile of ln 1.1 … ln 1.5: h = 4·0.9 = 3.6
        assertThat(off.p90()).isCloseTo(Math.log(1.4) + 0.6 * (Math.log(1.5) - Math.log(1.4)), within(1e-12));
        assertThat(off.worst()).isCloseTo(Math.log(1.5), within(1e-12));
        assertThat(off.bestCount()).isZero();
        assertThat(r.method("fails").scored()).isZero();
        assertThat(r.method("fails").failed()).isEqualTo(6);
        assertThat(r.method("negative").failed()).isEqualTo(6);
        Backtest.Summary auto = r.method("auto");
        assertThat(auto.median()).isEqualTo(off.median());
        assertThat(auto.bestCount()).isZero();
        Backtest.Summary oracle = r.method("oracle");
        assertThat(oracle.median()).isZero();
        assertThat(oracle.scored()).isEqualTo(5);
        assertThat(oracle.failed()).isEqualTo(1);
        assertThat(r.unusable()).isEqualTo(2);
        assertThat(r.coverage()).isNaN();
        // 5 curves × (fails, negative, short) + the broken curve once
        assertThat(r.failures()).hasSize(16);
        assertThat(r.failures()).contains(new Backtest.Failure("c3", "fails", "needs more points"),
                new Backtest.Failure("c4", "short", "has 4 points to fit, fewer than 6"),
                new Backtest.Failure("broken", "*", "hand.csv:40: column 'y': 'abc' is not a number"));
        assertThat(r.failures()).filteredOn(f -> f.method().equals("negative"))
                .allSatisfy(f -> assertThat(f.reason()).contains("not a finite positive number"));
        Backtest.CurveResult c2 = r.curves().get(1);
        assertThat(c2.best()).containsExactly("exact");
        assertThat(c2.rule().pick()).isEqualTo("off (picked)");
        assertThat(c2.rule().predicted()).containsExactly(1.2 * Math.pow(16, -0.5), 1.2 * Math.pow(32, -0.5));
    }

    @Test
    void resultsComeBackInInputOrderWhateverTheThreads() {
        List<Backtest.CurveResult> one = run(1);
        List<Backtest.CurveResult> three = run(3);
        assertThat(three).extracting(Backtest.CurveResult::name).containsExactly("c1", "c2", "c3", "c4", "c5", "broken");
        for (int i = 0; i < one.size(); i++) {
            assertThat(Double.valueOf(three.get(i).oracle())).isEqualTo(Double.valueOf(one.get(i).oracle()));
        }
    }

    @Test
    void nearlyEqualCandidatesTieForBest() {
        assertThat(Backtest.isBest(0.0100099, 0.01)).isTrue();
        assertThat(Backtest.isBest(0.0101, 0.01)).isFalse();
    }

    @Test
    void lawsThatOnlyFallFailOnRisingMetricsWithTheReason() {
        double[] x = {1, 2, 4, 8, 16, 32};
        double[] y = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6};
        Series s = Series.of("acc", x, y);
        Backtest.Task up = Backtest.Task.of(Holdout.above(s, 8), Direction.UP, 0);
        Backtest.CurveResult r = Backtest.curve(up, Backtest.candidates(List.of("rectified", "m2"), Objective.LOG), "auto",
                null, null);
        assertThat(r.candidates().get(0).error()).contains("cannot fit a rising metric");
        assertThat(r.candidates().get(1).ok()).isTrue();
    }
}
