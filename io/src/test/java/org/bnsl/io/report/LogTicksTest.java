package org.bnsl.io.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Ticks of a log y axis spanning under half a decade (issue 13: the Chinchilla loss axis showed only "2" and "3"). */
class LogTicksTest {
    /** The labels XChart alone gives a log axis from lo to hi (m·10ᵉ labelled by {@link FigureRenderer#tick}). */
    private static long xchartLabels(double lo, double hi) {
        double decades = Math.log10(hi / lo);
        long n = 0;
        for (int e = (int) Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++) {
            for (int m = 1; m <= 9; m++) {
                double v = m * Math.pow(10, e);
                if (v >= lo && v <= hi && !FigureRenderer.tick(v, decades).isEmpty()) n++;
            }
        }
        return n;
    }

    @Test
    void chinchillaLossAxisGetsRoundIntermediateTicks() {
        // about the y range of the Chinchilla report (losses 2.08 to 3.41, padded)
        double lo = 1.98;
        double hi = 3.5;
        assertThat(xchartLabels(lo, hi)).as("XChart's own labels: 2 and 3").isEqualTo(2);
        FigureRenderer.LogTicks t = FigureRenderer.LogTicks.of(lo, hi, FigureRenderer.Layout.WIDE);
        assertThat(t).isNotNull();
        assertThat(t.values()).containsExactly(2.0, 2.2, 2.4, 2.6, 2.8, 3.0, 3.2, 3.4);
        assertThat(Arrays.stream(t.values()).mapToObj(t::label)).containsExactly("2.0", "2.2", "2.4", "2.6", "2.8", "3.0", "3.2", "3.4");
        // XChart's ticks at 2 and 3 get the same decimals; one not among these stays unlabelled
        assertThat(t.major(2.0)).isEqualTo("2.0");
        assertThat(t.major(3.0)).isEqualTo("3.0");
        assertThat(t.major(4.0)).isEmpty();
        assertThat(FigureRenderer.LogTicks.of(2e6, 3.3e6, FigureRenderer.Layout.WIDE).label(2.2e6)).isEqualTo("2.2e6");
    }

    @Test
    void halfADecadeOrMoreKeepsXChartsTicks() {
        assertThat(FigureRenderer.LogTicks.of(1, 10, FigureRenderer.Layout.WIDE)).isNull();
        assertThat(FigureRenderer.LogTicks.of(1, Math.sqrt(10) * 1.001, FigureRenderer.Layout.WIDE)).isNull();
    }

    /** Any range under half a decade: between 3 and 8 round, evenly spaced ticks inside it. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void narrowRangesGetThreeToEightEvenTicks(long seed) {
        Random r = new Random(seed);
        for (int k = 0; k < 200; k++) {
            double lo = Math.pow(10, -6 + 12 * r.nextDouble());
            double hi = lo * Math.pow(10, 0.02 + 0.47 * r.nextDouble());
            double[] v = FigureRenderer.LogTicks.of(lo, hi, FigureRenderer.Layout.NARROW).values();
            assertThat(v.length).as("ticks on [%s, %s]", lo, hi).isBetween(3, FigureRenderer.LogTicks.MOST);
            for (int i = 0; i < v.length; i++) {
                assertThat(v[i]).isBetween(lo * (1 - 1e-12), hi * (1 + 1e-12));
                if (i > 1) assertThat(v[i] - v[i - 1]).isCloseTo(v[1] - v[0], within(1e-9 * v[i]));
            }
        }
    }
}
