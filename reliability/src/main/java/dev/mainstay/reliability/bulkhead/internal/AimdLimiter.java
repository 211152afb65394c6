package dev.mainstay.reliability.bulkhead.internal;

import dev.mainstay.reliability.bulkhead.AdaptiveConcurrencyConfig;
import java.time.Duration;
import java.util.ArrayDeque;
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
 * <p>Calls that wait for a slot are served in the order they came: a freed slot is handed to the oldest waiter, and
 * a call that arrives while others wait joins the end of the line, even if a slot is free for a moment. Without
 * that, new arrivals take each freed slot before the woken waiter can, and under a burst the earliest callers wait
 * out {@code maxWait} and are refused while later ones get through.
 *
 * <p>Thread-safe; every method holds one small lock, and {@link #acquire} waits on its own condition.
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
    /** The calls waiting for a slot, oldest first. */
    private final ArrayDeque<Waiter> line = new ArrayDeque<>();
    private double limit;
    private int inFlight;
    private long generation;

    /** A call in line; {@code granted} once a slot was handed to it (and counted in {@code inFlight}). */
    private static final class Waiter {
        final Condition turn;
        boolean granted;

        Waiter(Condition turn) {
            this.turn = turn;
        }
    }

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
            if (inFlight < (int) limit && line.isEmpty()) {
                inFlight++;
                return new Acquisition(Optional.of(new Permit(generation, inFlight)), null);
            }
            if (nanos <= 0) {
                return new Acquisition(Optional.empty(), NoSlot.TIMED_OUT);
            }
            if (line.size() >= config.maxWaiters()) {
                return new Acquisition(Optional.empty(), NoSlot.QUEUE_FULL);
            }
            var waiter = new Waiter(lock.newCondition());
            line.addLast(waiter);
            try {
                while (!waiter.granted) {
                    if (nanos <= 0) {
                        line.remove(waiter);
                        return new Acquisition(Optional.empty(), NoSlot.TIMED_OUT);
                    }
                    nanos = waiter.turn.awaitNanos(nanos);
                }
            } catch (InterruptedException e) {
                if (waiter.granted) {
                    inFlight--; // handed a slot it will not use: pass it on
                    grant();
                } else {
                    line.remove(waiter);
                }
                throw e;
            }
            return new Acquisition(Optional.of(new Permit(generation, inFlight)), null);
        } finally {
            lock.unlock();
        }
    }

    /** Calls waiting for a slot now. */
    public int waiters() {
        lock.lock();
        try {
            return line.size();
        } finally {
            lock.unlock();
        }
    }

    /** Hands free slots to the oldest waiters; called with the lock held. */
    private void grant() {
        while (inFlight < (int) limit && !line.isEmpty()) {
            var next = line.pollFirst();
            next.granted = true;
            inFlight++;
            next.turn.signal();
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
            grant();
            return new Change(before, (int) limit);
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
