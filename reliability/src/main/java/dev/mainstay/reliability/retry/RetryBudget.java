package dev.mainstay.reliability.retry;

import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Bounds retries to a fraction of traffic, per provider endpoint and shared by every run on the node, in the manner
 * of gRPC's retry throttling and Finagle's {@code RetryBudget}: every first attempt deposits
 * {@link RetryBudgetConfig#ratio()} tokens, every retry withdraws one.
 *
 * <p>A reserve lets a quiet endpoint retry its rare failure: it refills at
 * {@link RetryBudgetConfig#minRetriesPerSecond()} up to {@link RetryBudgetConfig#reserveCapacity()}. Unlike
 * Finagle's reserve, it is a floor and not an addition (as Envoy's {@code min_retry_concurrency} is): a retry is
 * allowed when either the balance or the reserve holds a token, and it takes one from both. So over a period with
 * {@code N} first attempts in {@code T} seconds, retries stay below {@code max(ratio × N, minRetriesPerSecond × T)}
 * plus the balance and reserve held at its start: whichever earns more binds, and at the traffic of a busy
 * endpoint that is the ratio.
 *
 * <p>Thread-safe: one small lock guards the balance and the reserve; the counters are lock-free.
 */
public final class RetryBudget {
    private final String name;
    private final RetryBudgetConfig config;
    private final InstantSource clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final LongAdder firstAttempts = new LongAdder();
    private final LongAdder allowed = new LongAdder();
    private final LongAdder denied = new LongAdder();
    private double balance;
    private double reserve;
    private Instant refilledAt;

    public RetryBudget(String name, RetryBudgetConfig config, InstantSource clock) {
        this.name = Objects.requireNonNull(name, "name");
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.reserve = config.reserveCapacity();
        this.refilledAt = clock.instant();
    }

    /** Records a first attempt: deposits {@code ratio} tokens, up to the maximum balance. */
    public void recordRequest() {
        firstAttempts.increment();
        lock.lock();
        try {
            refill();
            balance = Math.min(config.maxBalance(), balance + config.ratio());
        } finally {
            lock.unlock();
        }
    }

    /** Takes one retry from the budget. Returns false, and counts a denial, when none is left. */
    public boolean tryAcquireRetry() {
        boolean granted;
        lock.lock();
        try {
            refill();
            granted = balance >= 1 || reserve >= 1;
            if (granted) {
                balance = Math.max(0, balance - 1);
                reserve = Math.max(0, reserve - 1);
            }
        } finally {
            lock.unlock();
        }
        (granted ? allowed : denied).increment();
        return granted;
    }

    private void refill() {
        var now = clock.instant();
        if (now.isAfter(refilledAt)) {
            double seconds = java.time.Duration.between(refilledAt, now).toNanos() / 1e9;
            reserve = Math.min(config.reserveCapacity(), reserve + seconds * config.minRetriesPerSecond());
            refilledAt = now;
        }
    }

    public String name() {
        return name;
    }

    public RetryBudgetConfig config() {
        return config;
    }

    /** Tokens currently deposited by first attempts (the reserve not included). */
    public double balance() {
        lock.lock();
        try {
            return balance;
        } finally {
            lock.unlock();
        }
    }

    /** Reserve tokens available now. */
    public double reserve() {
        lock.lock();
        try {
            refill();
            return reserve;
        } finally {
            lock.unlock();
        }
    }

    /** First attempts recorded since the budget was created. */
    public long firstAttempts() {
        return firstAttempts.sum();
    }

    /** Retries this budget allowed since it was created. */
    public long retriesAllowed() {
        return allowed.sum();
    }

    /** Retries this budget refused since it was created. */
    public long retriesDenied() {
        return denied.sum();
    }

    /** Retries allowed per first attempt since the budget was created; 0 before the first attempt. */
    public double retriesPerFirstAttempt() {
        long first = firstAttempts();
        return first == 0 ? 0 : (double) retriesAllowed() / first;
    }
}
