package dev.mainstay.server.internal.http;

import dev.mainstay.store.RateLimits;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A node's share of the store's token buckets. Writing a key's bucket row for every request makes that row the
 * hottest in the database (one write per request, serialised by the row's lock); so a node takes up to
 * {@link #SHARE} worth of the key's rate at once and spends it itself. The limit still holds across nodes — every
 * token spent was taken from the shared bucket first — and a token a node took but did not spend is lost after
 * {@link #KEEP}: across N nodes a key can at worst be refused a little early, never allowed more than its rate and
 * burst. A key with a rate under 1/{@code SHARE} takes one token per request, exactly as before. Thread-safe.
 */
final class NodeTokens {
    /** How much of a key's rate a node takes from the store at once. */
    static final Duration SHARE = Duration.ofMillis(50);
    /** How long a node keeps tokens it took and has not spent. */
    static final Duration KEEP = Duration.ofSeconds(1);
    private static final int MAX_KEYS = 100_000;

    private final RateLimits store;
    private final ConcurrentHashMap<String, Held> held = new ConcurrentHashMap<>();
    /** Keys' refills, striped: a refill holds its stripe for one store call. */
    private final java.util.concurrent.locks.ReentrantLock[] refills =
            java.util.stream.Stream.generate(java.util.concurrent.locks.ReentrantLock::new).limit(64)
                    .toArray(java.util.concurrent.locks.ReentrantLock[]::new);

    NodeTokens(RateLimits store) {
        this.store = store;
    }

    /** Takes one token for {@code key}: empty when allowed, else how long until one is there. */
    Optional<Duration> tryAcquire(String key, double perSecond, int burst, Instant now) {
        var mine = held.get(key);
        if (mine != null && mine.take(now)) {
            return Optional.empty();
        }
        int batch = batch(perSecond, burst);
        if (batch > 1) {
            // one refill at a time per key: a burst on a node whose share ran out takes one batch from the store,
            // and the requests that waited spend it, instead of each taking a batch over the bucket's one hot row
            var refill = refills[Math.floorMod(key.hashCode(), refills.length)];
            refill.lock();
            try {
                mine = held.get(key);
                if (mine != null && mine.take(now)) {
                    return Optional.empty();
                }
                var wait = store.tryAcquire(key, perSecond, burst, batch, now);
                if (wait.isEmpty()) {
                    if (held.size() >= MAX_KEYS) {
                        held.clear();
                    }
                    held.put(key, new Held(batch - 1, now.plus(KEEP)));
                    return Optional.empty();
                }
            } finally {
                refill.unlock();
            }
        }
        return store.tryAcquire(key, perSecond, burst, 1, now);
    }

    /** How many tokens to take at once: {@link #SHARE} of the rate, at most a quarter of the burst, at least 1. */
    static int batch(double perSecond, int burst) {
        double share = perSecond * SHARE.toNanos() / 1e9;
        return (int) Math.max(1, Math.min(Math.min(share, burst / 4.0), 10_000));
    }

    private static final class Held {
        private int left;
        private final Instant until;

        Held(int left, Instant until) {
            this.left = left;
            this.until = until;
        }

        synchronized boolean take(Instant now) {
            if (left <= 0 || !now.isBefore(until)) {
                return false;
            }
            left--;
            return true;
        }
    }
}
