package dev.mainstay.bench.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PercentilesTest {
    @Test
    void nearestRankPercentilesOfAnUnsortedSample() {
        long[] sample = {9, 1, 5, 3, 7, 2, 8, 4, 6, 10};

        assertThat(Percentiles.of(sample, 0.50)).isEqualTo(5);
        assertThat(Percentiles.of(sample, 0.99)).isEqualTo(10);
        assertThat(Percentiles.of(sample, 0.10)).isEqualTo(1);
        assertThat(sample[0]).as("the sample is not reordered").isEqualTo(9);
    }

    @Test
    void medianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        assertThat(Percentiles.median(new double[] {4, 1, 3, 2})).isEqualTo(2.5);
        assertThat(Percentiles.median(new double[] {3, 1, 2})).isEqualTo(2);
    }

    @Test
    void emptySamplesAndBadPercentilesAreRejected() {
        assertThatThrownBy(() -> Percentiles.of(new long[0], 0.5)).hasMessage("the sample is empty");
        assertThatThrownBy(() -> Percentiles.of(new long[] {1}, 0)).hasMessageContaining("p must be in (0, 1]");
        assertThatThrownBy(() -> Percentiles.median(new double[0])).hasMessage("the sample is empty");
    }
}
