package dev.mainstay.reliability.bulkhead;

import dev.mainstay.config.InvalidConfigException;
import dev.mainstay.reliability.internal.Checks;
import java.time.Duration;

/**
 * The AIMD limiter of {@link AdaptiveConcurrencyInterceptor}. Immutable; validated when built.
 *
 * @param initialLimit concurrent calls allowed at start
 * @param minLimit the limit never drops below this
 * @param maxLimit the limit never rises above this
 * @param increase added to the limit after a fast successful call that used at least half the limit
 * @param backoffRatio the limit is multiplied by this on a 429, a 529/overloaded or a timeout, in (0, 1)
 * @param latencyThreshold successful calls slower than this do not raise the limit
 * @param maxWait how long a call beyond the limit may wait for a slot (never past the run's deadline); zero rejects
 *     at once
 * @param maxWaiters how many calls may wait for a slot at once; a call beyond them is refused at once
 *     ({@code concurrency_queue_full}) instead of joining an ever longer queue
 */
public record AdaptiveConcurrencyConfig(
        int initialLimit,
        int minLimit,
        int maxLimit,
        double increase,
        double backoffRatio,
        Duration latencyThreshold,
        Duration maxWait,
        int maxWaiters) {

    public static final int DEFAULT_INITIAL_LIMIT = 20;
    public static final int DEFAULT_MIN_LIMIT = 1;
    public static final int DEFAULT_MAX_LIMIT = 200;
    public static final double DEFAULT_INCREASE = 1.0;
    public static final double DEFAULT_BACKOFF_RATIO = 0.9;
    public static final Duration DEFAULT_LATENCY_THRESHOLD = Duration.ofSeconds(60);
    public static final Duration DEFAULT_MAX_WAIT = Duration.ofSeconds(10);
    /** As many waiting calls as the largest limit: beyond that a queue only adds latency before the refusal. */
    public static final int DEFAULT_MAX_WAITERS = 200;

    public static final AdaptiveConcurrencyConfig DEFAULT = new AdaptiveConcurrencyConfig(
            DEFAULT_INITIAL_LIMIT, DEFAULT_MIN_LIMIT, DEFAULT_MAX_LIMIT, DEFAULT_INCREASE, DEFAULT_BACKOFF_RATIO,
            DEFAULT_LATENCY_THRESHOLD, DEFAULT_MAX_WAIT, DEFAULT_MAX_WAITERS);

    /** @throws InvalidConfigException listing every invalid setting */
    public AdaptiveConcurrencyConfig {
        var checks = new Checks("modelConcurrency.")
                .intBetween("minLimit", minLimit, 1, 100_000)
                .intBetween("maxLimit", maxLimit, 1, 100_000)
                .require(increase > 0 && increase <= 1000 && Double.isFinite(increase), "increase",
                        "between 0 (exclusive) and 1000", increase)
                .require(backoffRatio > 0 && backoffRatio < 1, "backoffRatio", "between 0 and 1 (exclusive)",
                        backoffRatio)
                .positive("latencyThreshold", latencyThreshold)
                .notNegative("maxWait", maxWait)
                .intBetween("maxWaiters", maxWaiters, 0, 1_000_000);
        checks.require(minLimit <= maxLimit, "maxLimit", "at least minLimit (" + minLimit + ")", maxLimit);
        checks.require(initialLimit >= minLimit && initialLimit <= maxLimit, "initialLimit",
                "between minLimit (" + minLimit + ") and maxLimit (" + maxLimit + ")", initialLimit);
        checks.throwIfAny();
    }

    /** The first configurations, before waiters were bounded: {@link #DEFAULT_MAX_WAITERS} may wait. */
    public AdaptiveConcurrencyConfig(int initialLimit, int minLimit, int maxLimit, double increase,
            double backoffRatio, Duration latencyThreshold, Duration maxWait) {
        this(initialLimit, minLimit, maxLimit, increase, backoffRatio, latencyThreshold, maxWait,
                DEFAULT_MAX_WAITERS);
    }

    /** This configuration with a new maximum; the initial and minimum limits are lowered to fit if needed. */
    public AdaptiveConcurrencyConfig withMaxLimit(int value) {
        var min = Math.min(minLimit, Math.max(1, value));
        return new AdaptiveConcurrencyConfig(Math.min(initialLimit, Math.max(min, value)), min, value, increase,
                backoffRatio, latencyThreshold, maxWait, maxWaiters);
    }

    public AdaptiveConcurrencyConfig withLimits(int initial, int min, int max) {
        return new AdaptiveConcurrencyConfig(initial, min, max, increase, backoffRatio, latencyThreshold, maxWait,
                maxWaiters);
    }

    public AdaptiveConcurrencyConfig withBackoffRatio(double value) {
        return new AdaptiveConcurrencyConfig(initialLimit, minLimit, maxLimit, increase, value, latencyThreshold,
                maxWait, maxWaiters);
    }

    public AdaptiveConcurrencyConfig withLatencyThreshold(Duration value) {
        return new AdaptiveConcurrencyConfig(initialLimit, minLimit, maxLimit, increase, backoffRatio, value,
                maxWait, maxWaiters);
    }

    public AdaptiveConcurrencyConfig withMaxWait(Duration value) {
        return new AdaptiveConcurrencyConfig(initialLimit, minLimit, maxLimit, increase, backoffRatio,
                latencyThreshold, value, maxWaiters);
    }

    public AdaptiveConcurrencyConfig withMaxWaiters(int value) {
        return new AdaptiveConcurrencyConfig(initialLimit, minLimit, maxLimit, increase, backoffRatio,
                latencyThreshold, maxWait, value);
    }
}
