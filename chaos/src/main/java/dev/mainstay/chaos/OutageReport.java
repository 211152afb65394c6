package dev.mainstay.chaos;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What happened to the primary model's endpoint during an outage window (offsets from the start of the chaos run).
 *
 * @param windowStart when the primary started failing
 * @param windowEnd when it recovered, or when the runs ended if that came first
 * @param windowCompleted whether the whole window passed before the runs ended
 * @param breakerOpenedAt the primary breaker's first CLOSED → OPEN inside the window, if any
 * @param breakerClosedAt the primary breaker's first HALF_OPEN → CLOSED after the window, if any
 * @param requestsInWindow requests the simulator received for the primary during the window
 * @param requestsWhileOpen requests it received for the primary while its breaker was open (retries of calls
 *     admitted before it opened; ideally zero)
 * @param requestsWhileHalfOpen requests it received for the primary while its breaker was half-open (the probes)
 * @param retriesInWindow retries the retry interceptor sent to the primary during the window (the extra calls)
 * @param retryBudgetBound the most retries the primary's retry budget could allow during the window:
 *     {@code balance at the start + ratio × first attempts in the window + reserve per second × (seconds + 1)}
 * @param rejection how long calls to the open breaker took to fail, measured by probing it while open
 */
public record OutageReport(
        Duration windowStart, Duration windowEnd, boolean windowCompleted, Optional<Duration> breakerOpenedAt,
        Optional<Duration> breakerClosedAt, long requestsInWindow, long requestsWhileOpen,
        long requestsWhileHalfOpen, long retriesInWindow, double retryBudgetBound, Rejection rejection) {

    public OutageReport {
        Objects.requireNonNull(windowStart, "windowStart");
        Objects.requireNonNull(windowEnd, "windowEnd");
        Objects.requireNonNull(breakerOpenedAt, "breakerOpenedAt");
        Objects.requireNonNull(breakerClosedAt, "breakerClosedAt");
        Objects.requireNonNull(rejection, "rejection");
    }

    /**
     * The rejection path as probed: {@code probes} calls made to the primary's pipeline while its breaker was open;
     * {@code rejected} of them failed fast with {@code circuit_open}; percentiles of those, in nanoseconds.
     */
    public record Rejection(int probes, int rejected, long p50Nanos, long p99Nanos, long maxNanos) {}

    public boolean breakerOpenedInWindow() {
        return breakerOpenedAt.filter(t -> t.compareTo(windowStart) >= 0 && t.compareTo(windowEnd) <= 0).isPresent();
    }

    public boolean retriesWithinBudget() {
        return retriesInWindow <= retryBudgetBound;
    }
}
