package dev.mainstay.bench.harness;

import java.util.Arrays;

/** Nearest-rank percentiles of a sample. */
public final class Percentiles {
    private Percentiles() {}

    /**
     * The smallest value such that at least {@code p} of the sample is at or below it.
     *
     * @param p in (0, 1]
     * @throws IllegalArgumentException for an empty sample or a {@code p} outside (0, 1]
     */
    public static long of(long[] sample, double p) {
        if (sample.length == 0) {
            throw new IllegalArgumentException("the sample is empty");
        }
        if (!(p > 0 && p <= 1)) {
            throw new IllegalArgumentException("p must be in (0, 1], but was " + p);
        }
        var sorted = sample.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    /** The median of a sample of doubles (the mean of the middle two for an even count). */
    public static double median(double[] sample) {
        if (sample.length == 0) {
            throw new IllegalArgumentException("the sample is empty");
        }
        var sorted = sample.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
