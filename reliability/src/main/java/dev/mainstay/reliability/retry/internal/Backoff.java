package dev.mainstay.reliability.retry.internal;

import dev.mainstay.reliability.retry.RetryConfig;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.random.RandomGenerator;

/**
 * Capped exponential backoff with full jitter (AWS Architecture Blog, "Exponential Backoff and Jitter"): full jitter
 * spreads clients that failed together across the whole window instead of synchronising their retries.
 * Thread-safe: the random generator, which need not be, is used under a lock.
 */
public final class Backoff {
    private final RetryConfig config;
    private final RandomGenerator random;
    private final ReentrantLock lock = new ReentrantLock();

    public Backoff(RetryConfig config, RandomGenerator random) {
        this.config = Objects.requireNonNull(config, "config");
        this.random = Objects.requireNonNull(random, "random");
    }

    /**
     * The wait before retry number {@code retry} (1 for the first retry). A server hint is a floor, never cut: the
     * wait is the hint plus the ordinary jittered backoff, so clients that were all told the same instant spread out
     * over the next backoff window instead of arriving together, and none arrives before the server asked.
     */
    public Duration delay(int retry, Optional<Duration> serverHint) {
        var jittered = Duration.ofMillis(jitter(capMillis(retry)));
        return serverHint.map(hint -> hint.plus(jittered)).orElse(jittered);
    }

    /** {@code min(maxDelay, baseDelay × multiplier^(retry-1))} in milliseconds, without overflowing. */
    public long capMillis(int retry) {
        var exponential = config.baseDelay().toMillis() * Math.pow(config.multiplier(), Math.max(0, retry - 1));
        return (long) Math.min(config.maxDelay().toMillis(), exponential);
    }

    private long jitter(long capMillis) {
        lock.lock();
        try {
            return random.nextLong(capMillis + 1);
        } finally {
            lock.unlock();
        }
    }
}
