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
    java.util.Optional<Duration> tryAcquire(String key, double perSecond, int burst, Instant now);
}
