package dev.mainstay.store;

import java.time.Duration;
import java.time.Instant;

/** Token buckets kept in the store, so a limit holds across every node. Thread-safe. */
public interface RateLimits {
    /**
     * Takes one token from the bucket {@code key} (refilled at {@code perSecond}, holding at most {@code burst}).
     *
     * @return empty when allowed; otherwise how long until a token is available (for {@code Retry-After})
     */
    default java.util.Optional<Duration> tryAcquire(String key, double perSecond, int burst, Instant now) {
        return tryAcquire(key, perSecond, burst, 1, now);
    }

    /**
     * Takes {@code tokens} tokens at once from the bucket {@code key}, or none: a node that serves many requests of
     * one key takes a few at a time and spends them itself, instead of writing the bucket's row for every request.
     *
     * @param tokens 1 to {@code burst}
     * @return empty when all were taken; otherwise how long until that many are available
     * @throws IllegalArgumentException for a rate, burst or count out of range
     */
    java.util.Optional<Duration> tryAcquire(String key, double perSecond, int burst, int tokens, Instant now);
}
