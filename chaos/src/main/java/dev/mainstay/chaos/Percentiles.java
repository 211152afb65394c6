package dev.mainstay.chaos;

import java.util.Arrays;
import java.util.Collection;

/** Nearest-rank percentiles of a fixed sample. Immutable. */
public final class Percentiles {
    private final long[] sorted;

    private Percentiles(long[] values) {
        this.sorted = values.clone();
        Arrays.sort(this.sorted);
    }

    public static Percentiles of(Collection<Long> values) {
        return new Percentiles(values.stream().mapToLong(Long::longValue).toArray());
    }

    public static Percentiles of(long[] values) {
        return new Percentiles(values);
    }

    /** The smallest value with at least {@code p} percent of the sample at or below it; 0 for an empty sample. */
    public long at(double p) {
        if (!(p > 0 && p <= 100)) {
            throw new IllegalArgumentException("a percentile must be in (0, 100], but was " + p);
        }
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    public long max() {
        return sorted.length == 0 ? 0 : sorted[sorted.length - 1];
    }

    public int size() {
        return sorted.length;
    }
}
