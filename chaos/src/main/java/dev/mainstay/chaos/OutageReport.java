package dev.mainstay.chaos;

import dev.mainstay.reliability.EndpointFigures;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What happened during a fault window (offsets from the start of the chaos run), to the endpoint it is measured on
 * (the first it targets: the primary, or the fallback for a window on the fallback only) and to every endpoint.
 *
 * @param endpoint the endpoint the breaker, rejection and rate-limit figures are about
 * @param windowStart when the faults began
 * @param windowEnd when they ended, or when the runs ended if that came first
 * @param windowCompleted whether the whole window passed before the runs ended
 * @param breakerOpenedAt the endpoint breaker's first CLOSED → OPEN inside the window, if any
 * @param breakerClosedAt its first HALF_OPEN → CLOSED after the window, if any
 * @param requestsInWindow requests the simulator received for the endpoint's model during the window
 * @param requestsWhileOpen requests it received for it while its breaker was open (whole run)
 * @param requestsWhileHalfOpen requests it received for it while its breaker was half-open (the probes; whole run)
 * @param retriesInWindow retries the retry link sent to the endpoint during the window
 * @param retryBudgetBound the most retries its budget could allow during the window:
 *     {@code balance and reserve at the start + max(ratio × first attempts, reserve per second × (seconds + 1))}
 * @param rejection how long calls to the open breaker took to fail, measured by probing it while open
 * @param figures what the reliability links did for each endpoint during the window
 * @param budgetBounds each endpoint's retry budget bound for the window, as {@code retryBudgetBound}
 * @param firstLimitedAt when the endpoint was first known to be rate-limited in the window, if it was
 * @param requestsAfterLimited requests its model received from then until the window ended
 * @param retryAfter the retry-after the window's 429s carry, when they are rate limits
 */
public record OutageReport(
        String endpoint, Duration windowStart, Duration windowEnd, boolean windowCompleted,
        Optional<Duration> breakerOpenedAt, Optional<Duration> breakerClosedAt, long requestsInWindow,
        long requestsWhileOpen, long requestsWhileHalfOpen, long retriesInWindow, double retryBudgetBound,
        Rejection rejection, Map<String, EndpointFigures> figures, Map<String, Double> budgetBounds,
        Optional<Duration> firstLimitedAt, long requestsAfterLimited, Optional<Duration> retryAfter) {

    public OutageReport {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(windowStart, "windowStart");
        Objects.requireNonNull(windowEnd, "windowEnd");
        Objects.requireNonNull(breakerOpenedAt, "breakerOpenedAt");
        Objects.requireNonNull(breakerClosedAt, "breakerClosedAt");
        Objects.requireNonNull(rejection, "rejection");
        figures = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(figures));
        budgetBounds = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(budgetBounds));
        Objects.requireNonNull(firstLimitedAt, "firstLimitedAt");
        Objects.requireNonNull(retryAfter, "retryAfter");
    }

    /**
     * The rejection path as probed: {@code probes} calls made to the endpoint's pipeline while its breaker was open;
     * {@code rejected} of them failed fast with {@code circuit_open}; percentiles of those, in nanoseconds.
     */
    public record Rejection(int probes, int rejected, long p50Nanos, long p99Nanos, long maxNanos) {}

    public boolean breakerOpenedInWindow() {
        return breakerOpenedAt.filter(t -> t.compareTo(windowStart) >= 0 && t.compareTo(windowEnd) <= 0).isPresent();
    }

    /** Whether every endpoint's retries in the window stayed within its budget bound. */
    public boolean retriesWithinBudget() {
        return figures.entrySet().stream().allMatch(e -> e.getValue().retries()
                <= budgetBounds.getOrDefault(e.getKey(), Double.MAX_VALUE) + 1e-9);
    }

    /** Retry-after periods from the first known limit to the end of the window (at least one), if both are known. */
    public Optional<Long> retryAfterPeriods() {
        return firstLimitedAt.flatMap(at -> retryAfter.filter(r -> !r.isZero()).map(r -> Math.max(1L,
                (long) Math.ceil(windowEnd.minus(at).toMillis() / (double) r.toMillis()))));
    }

    /** Requests the limited endpoint received per retry-after period once it was known to be limited. */
    public Optional<Double> probesPerRetryAfter() {
        return retryAfterPeriods().map(periods -> (double) requestsAfterLimited / periods);
    }
}
