package dev.mainstay.reliability.retry;

import dev.mainstay.config.InvalidConfigException;
import dev.mainstay.reliability.internal.Checks;
import dev.mainstay.time.Durations;
import java.time.Duration;

/**
 * How {@link RetryInterceptor} backs off. Immutable; validated when built, every problem reported at once.
 *
 * <p>The wait before retry {@code n} (from 1) is a uniformly random duration in
 * {@code [0, min(maxDelay, baseDelay × multiplier^(n-1))]} ("full jitter"). When the provider sent a hint
 * ({@code retry-after}…), the wait is {@code hint + jittered}: never earlier than the server asked, spread like any
 * retry. A hint is never cut: when it asks for more than {@code maxHintDelay}, or for longer than the run has left,
 * the call gives up at once rather than retry early.
 *
 * @param maxAttempts attempts in total, the first one included; 1 disables retries
 * @param baseDelay the cap of the first backoff
 * @param maxDelay the largest computed backoff
 * @param multiplier growth of the cap per retry, at least 1
 * @param maxHintDelay the longest wait for a server hint, at least {@code maxDelay}; a longer hint ends the call
 */
public record RetryConfig(
        int maxAttempts, Duration baseDelay, Duration maxDelay, double multiplier, Duration maxHintDelay) {

    public static final int DEFAULT_MAX_ATTEMPTS = 4;
    public static final Duration DEFAULT_BASE_DELAY = Duration.ofMillis(500);
    public static final Duration DEFAULT_MAX_DELAY = Duration.ofSeconds(30);
    public static final double DEFAULT_MULTIPLIER = 2.0;
    /** Long enough for any hint a run's deadline allows: the deadline, not this, normally bounds the wait. */
    public static final Duration DEFAULT_MAX_HINT_DELAY = Duration.ofHours(1);
    /** The most attempts a configuration may ask for. */
    public static final int MAX_ATTEMPTS_LIMIT = 100;

    public static final RetryConfig DEFAULT = new RetryConfig(
            DEFAULT_MAX_ATTEMPTS, DEFAULT_BASE_DELAY, DEFAULT_MAX_DELAY, DEFAULT_MULTIPLIER, DEFAULT_MAX_HINT_DELAY);

    /** @throws InvalidConfigException listing every invalid setting */
    public RetryConfig {
        var checks = new Checks("retry.")
                .intBetween("maxAttempts", maxAttempts, 1, MAX_ATTEMPTS_LIMIT)
                .positive("baseDelay", baseDelay)
                .positive("maxDelay", maxDelay)
                .positive("maxHintDelay", maxHintDelay)
                .require(multiplier >= 1.0 && multiplier <= 10.0 && Double.isFinite(multiplier),
                        "multiplier", "between 1 and 10", multiplier);
        if (baseDelay != null && maxDelay != null) {
            checks.require(maxDelay.compareTo(baseDelay) >= 0, "maxDelay",
                    "at least the base delay (" + Durations.format(baseDelay) + ")", Durations.format(maxDelay));
        }
        if (maxDelay != null && maxHintDelay != null) {
            checks.require(maxHintDelay.compareTo(maxDelay) >= 0, "maxHintDelay",
                    "at least the max delay (" + Durations.format(maxDelay) + ")", Durations.format(maxHintDelay));
        }
        checks.throwIfAny();
    }

    public RetryConfig withMaxAttempts(int value) {
        return new RetryConfig(value, baseDelay, maxDelay, multiplier, maxHintDelay);
    }

    public RetryConfig withBaseDelay(Duration value) {
        return new RetryConfig(maxAttempts, value, maxDelay, multiplier, maxHintDelay);
    }

    public RetryConfig withMaxDelay(Duration value) {
        return new RetryConfig(maxAttempts, baseDelay, value, multiplier, maxHintDelay);
    }

    public RetryConfig withMultiplier(double value) {
        return new RetryConfig(maxAttempts, baseDelay, maxDelay, value, maxHintDelay);
    }

    public RetryConfig withMaxHintDelay(Duration value) {
        return new RetryConfig(maxAttempts, baseDelay, maxDelay, multiplier, value);
    }
}
