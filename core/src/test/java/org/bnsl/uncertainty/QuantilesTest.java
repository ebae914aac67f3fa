package org.bnsl.uncertainty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class QuantilesTest {
    @Test
    void interpolatesBetweenOrderStatisticsAsDefinition7() {
        double[] v = {1, 2, 3, 4, 5};
        assertThat(Quantiles.ofSorted(v, 0)).isEqualTo(1);
        assertThat(Quantiles.ofSorted(v, 1)).isEqualTo(5);
        assertThat(Quantiles.ofSorted(v, 0.5)).isEqualTo(3);
        // numpy.percentile([1,2,3,4,5], [5, 10]) = 1.2, 1.4
        assertThat(Quantiles.ofSorted(v, 0.05)).isCloseTo(1.2, within(1e-12));
        assertThat(Quantiles.ofSorted(v, 0.1)).isCloseTo(1.4, within(1e-12));
    }

    @Test
    void unsortedValuesAreCopiedNotSorted() {
        double[] v = {5, 1, 4, 2};
        assertThat(Quantiles.median(v)).isEqualTo(3);
        assertThat(Quantiles.of(v, 0.75)).isCloseTo(4.25, within(1e-12));
        assertThat(v).containsExactly(5, 1, 4, 2);
    }

    @Test
    void infinityIsNeverInterpolatedIntoNaN() {
        double[] v = {1, 2, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY};
        assertThat(Quantiles.ofSorted(v, 0.5)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(Quantiles.ofSorted(v, 0.2)).isCloseTo(1.6, within(1e-12));
        assertThat(Quantiles.ofSorted(new double[0], 0.5)).isNaN();
        assertThat(Quantiles.ofSorted(new double[] {7}, 0.9)).isEqualTo(7);
    }

    @Test
    void theIntervalIsEqualTailed() {
        double[] v = {1, 2, 3, 4, 5};
        // numpy.percentile([1,2,3,4,5], [5, 95]) = 1.2, 4.8
        assertThat(Quantiles.interval(v, 0.9)).containsExactly(new double[] {1.2, 4.8}, within(1e-12));
    }
}
