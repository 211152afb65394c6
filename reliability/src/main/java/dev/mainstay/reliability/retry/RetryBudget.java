package dev.mainstay.reliability.retry;

import java.time.InstantSource;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Bounds retries to a fraction of traffic, per provider endpoint, in the manner of gRPC's retry throttling and
 * Finagle's {@code RetryBudget}: every first attempt deposits {@link RetryBudgetConfig#ratio()} tokens, every
 * retry withdraws one. When the balance is short, up to {@link RetryBudgetConfig#minRetriesPerSecond()} retries a
 * second are still allowed from a reserve, so a quiet endpoint can retry its rare failure.
 *
 * <p>Under a full outage with {@code N} calls in {@code T} seconds, retries are at most
 * {@code ratio × N + minRetriesPerSecond × (T + 1)}, however many attempts {@link RetryConfig} allows.
 *
 * <p>Thread-safe: the balance is a lock-free counter of thousandths of a token; only the reserve, touched when the
 * balance is short, takes a tiny lock.
 */
public final class RetryBudget {
    private static final long MILLI = 1000;

    private final String name;
    private final RetryBudgetConfig config;
    private final InstantSource clock;
    private final long depositMillis;
    private final long maxMillis;
    private final AtomicLong balanceMillis = new AtomicLong();
    private final LongAdder allowed = new LongAdder();
    private final LongAdder denied = new LongAdder();
    private final ReentrantLock reserveLock = new ReentrantLock();
    private long reserveSecond = Long.MIN_VALUE;
    private int reserveUsed;

    public RetryBudget(String name, RetryBudgetConfig config, InstantSource clock) {
        this.name = Objects.requireNonNull(name, "name");
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.depositMillis = Math.round(config.ratio() * MILLI);
        this.maxMillis = Math.round(config.maxBalance() * MILLI);
    }

    /** Records a first attempt: deposits {@code ratio} tokens, up to the maximum balance. */
    public void recordRequest() {
        if (depositMillis > 0) {
            balanceMillis.accumulateAndGet(depositMillis, (current, add) -> Math.min(maxMillis, current + add));
        }
    }

    /** Takes one retry from the budget. Returns false, and counts a denial, when none is left. */
    public boolean tryAcquireRetry() {
        if (withdrawFromBalance() || withdrawFromReserve()) {
            allowed.increment();
            return true;
        }
        denied.increment();
        return false;
    }

    private boolean withdrawFromBalance() {
        while (true) {
            var current = balanceMillis.get();
            if (current < MILLI) {
                return false;
            }
            if (balanceMillis.compareAndSet(current, current - MILLI)) {
                return true;
            }
        }
    }

    private boolean withdrawFromReserve() {
        if (config.minRetriesPerSecond() == 0) {
            return false;
        }
        var second = clock.instant().getEpochSecond();
        reserveLock.lock();
        try {
            if (second != reserveSecond) {
                reserveSecond = second;
                reserveUsed = 0;
            }
            if (reserveUsed < config.minRetriesPerSecond()) {
                reserveUsed++;
                return true;
            }
            return false;
        } finally {
            reserveLock.unlock();
        }
    }

    public String name() {
        return name;
    }

    public RetryBudgetConfig config() {
        return config;
    }

    /** Tokens currently deposited (the per-second reserve not included). */
    public double balance() {
        return balanceMillis.get() / (double) MILLI;
    }

    /** Retries this budget allowed since it was created. */
    public long retriesAllowed() {
        return allowed.sum();
    }

    /** Retries this budget refused since it was created. */
    public long retriesDenied() {
        return denied.sum();
    }
}
