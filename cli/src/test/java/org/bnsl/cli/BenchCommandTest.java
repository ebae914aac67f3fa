package org.bnsl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The bench command runs and reports each case; its figures are not asserted (speed is not tested). */
class BenchCommandTest {
    @Test
    void reportsMedianAndSpreadForEachCase() {
        Cli.Result r = Cli.run("bench", "--runs", "1", "--warmup", "0");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("1-break BNSL, 4-digit addition").contains("3-break BNSL, 60 synthetic points")
                .contains("median").contains("p90");
    }

    @Test
    void refusesZeroRuns() {
        Cli.Result r = Cli.run("bench", "--runs", "0");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).startsWith("bnsl: ");
    }
}
