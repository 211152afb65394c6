package dev.mainstay.sim;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * How long the simulator takes to answer. Before the first byte it waits {@code base} plus a uniform extra in
 * {@code [0, jitter)}; while writing the reply it waits {@code perOutputToken} for every output token (a
 * non-streaming reply waits for all of them before it is sent, a stream waits before each delta).
 *
 * @param base fixed time to first byte, not negative
 * @param jitter upper bound (exclusive) of the uniform extra time to first byte, not negative
 * @param perOutputToken generation time per output token, not negative
 */
public record Latency(Duration base, Duration jitter, Duration perOutputToken) {
    /** No latency at all. */
    public static final Latency ZERO = new Latency(Duration.ZERO, Duration.ZERO, Duration.ZERO);

    public Latency {
        requireNonNegative("base", base);
        requireNonNegative("jitter", jitter);
        requireNonNegative("perOutputToken", perOutputToken);
    }

    private static void requireNonNegative(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative()) {
            throw new IllegalArgumentException("latency " + name + " must not be negative, but was " + value);
        }
    }

    /** A fixed time to first byte, no jitter, no per-token time. */
    public static Latency fixed(Duration base) {
        return new Latency(base, Duration.ZERO, Duration.ZERO);
    }

    /** The wait before the first byte of one response, drawing the jitter from {@code random}. */
    public Duration timeToFirstByte(RandomGenerator random) {
        long jitterNanos = jitter.toNanos();
        return jitterNanos <= 0 ? base : base.plusNanos(random.nextLong(jitterNanos));
    }

    /** The generation time of {@code tokens} output tokens. */
    public Duration forOutputTokens(long tokens) {
        return perOutputToken.multipliedBy(Math.max(0, tokens));
    }

    public boolean isZero() {
        return base.isZero() && jitter.isZero() && perOutputToken.isZero();
    }
}
