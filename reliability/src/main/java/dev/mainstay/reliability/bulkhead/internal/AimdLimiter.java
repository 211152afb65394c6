package dev.mainstay.reliability.bulkhead.internal;

import dev.mainstay.reliability.bulkhead.AdaptiveConcurrencyConfig;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An additive-increase / multiplicative-decrease concurrency limit, after Netflix's concurrency-limits
 * {@code AIMDLimit} and TCP congestion control.
 *
 * <p>A fast success raises the limit by {@code increase}, but only when the call ran with at least half the limit
 * in use: an idle limiter must not grow a limit it has never tested. An overload signal multiplies the limit by
 * {@code backoffRatio}, but only once per "generation": calls that started before the last decrease saw the old,
 * larger limit, and counting their failures again would collapse the limit to its minimum after a single burst.
 *
 * <p>Thread-safe; every method holds one small lock, and {@link #acquire} waits on its condition.
 */
public final class AimdLimiter {
    /** A taken slot; give it back exactly once through one of the {@code on…} methods. */
    public record Permit(long generation, int inFlightAtStart) {}

    /** The integer limit before and after a release; {@link #changed()} when they differ. */
    public record Change(int oldLimit, int newLimit) {
        public boolean changed() {
            return oldLimit != newLimit;
        }
    }

    private final AdaptiveConcurrencyConfig config;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition slotFreed = lock.newCondition();
    private double limit;
    private int inFlight;
    private int waiters;
    private long generation;

    public AimdLimiter(AdaptiveConcurrencyConfig config) {
        this.config = config;
        this.limit = config.initialLimit();
    }

    /** Why no slot was given. */
    public enum NoSlot {
        /** {@code maxWaiters} calls were already waiting: refused at once. */
        QUEUE_FULL,
        /** No slot came free within the wait. */
        TIMED_OUT
    }

    /** A slot, or why there is none. */
    public record Acquisition(Optional<Permit> permit, NoSlot reason) {}

    /**
     * Takes a slot, waiting up to {@code maxWait} for one; without one when none came free in time or when
     * {@code maxWaiters} calls were already waiting (then at once).
     */
    public Acquisition acquire(Duration maxWait) throws InterruptedException {
        var nanos = maxWait.toNanos();
        lock.lock();
        try {
            if (inFlight >= (int) limit) {
                if (nanos <= 0) {
                    return new Acquisition(Optional.empty(), NoSlot.TIMED_OUT);
                }
                if (waiters >= config.maxWaiters()) {
                    return new Acquisition(Optional.empty(), NoSlot.QUEUE_FULL);
                }
                waiters++;
                try {
                    while (inFlight >= (int) limit) {
                        if (nanos <= 0) {
                            return new Acquisition(Optional.empty(), NoSlot.TIMED_OUT);
                        }
                        nanos = slotFreed.awaitNanos(nanos);
                    }
                } finally {
                    waiters--;
                }
            }
            inFlight++;
            return new Acquisition(Optional.of(new Permit(generation, inFlight)), null);
        } finally {
            lock.unlock();
        }
    }

    /** Calls waiting for a slot now. */
    public int waiters() {
        lock.lock();
        try {
            return waiters;
        } finally {
            lock.unlock();
        }
    }

    /** The call succeeded after {@code latency}. */
    public Change onSuccess(Permit permit, Duration latency) {
        return release(() -> {
            var fast = latency.compareTo(config.latencyThreshold()) <= 0;
            var busy = permit.inFlightAtStart() * 2 >= (int) limit;
            if (fast && busy) {
                limit = Math.min(config.maxLimit(), limit + config.increase());
            }
        });
    }

    /** The call was rate limited, overloaded or timed out: the provider wants less. */
    public Change onOverload(Permit permit) {
        return release(() -> {
            if (permit.generation() == generation) {
                limit = Math.max(config.minLimit(), limit * config.backoffRatio());
                generation++;
            }
        });
    }

    /** The call ended in a way that says nothing about the provider's capacity. */
    public Change onIgnored(Permit permit) {
        return release(() -> {});
    }

    private Change release(Runnable adjust) {
        lock.lock();
        try {
            var before = (int) limit;
            inFlight--;
            adjust.run();
            var after = (int) limit;
            if (after > before) {
                slotFreed.signalAll();
            } else {
                slotFreed.signal();
            }
            return new Change(before, after);
        } finally {
            lock.unlock();
        }
    }

    public int limit() {
        lock.lock();
        try {
            return (int) limit;
        } finally {
            lock.unlock();
        }
    }

    public int inFlight() {
        lock.lock();
        try {
            return inFlight;
        } finally {
            lock.unlock();
        }
    }
}
