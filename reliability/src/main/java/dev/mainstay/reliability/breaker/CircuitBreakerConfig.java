package dev.mainstay.reliability.breaker;

import dev.mainstay.config.InvalidConfigException;
import dev.mainstay.reliability.internal.Checks;
import java.time.Duration;

/**
 * When a circuit breaker opens and how it recovers. Immutable; validated when built.
 *
 * <p>The breaker looks at the last {@code slidingWindowSize} calls, once at least {@code minimumNumberOfCalls}
 * were recorded: it opens when the share of failures reaches {@code failureRateThreshold} percent, or the share of
 * calls slower than {@code slowCallDuration} reaches {@code slowCallRateThreshold} percent. Open, it fails calls fast
 * for {@code waitDurationInOpenState}; then it lets {@code permittedCallsInHalfOpenState} probe calls through and
 * closes if they pass the same thresholds, opens again otherwise. Only failures that say something about the
 * callee's health are recorded (see {@link dev.mainstay.reliability.FailureKind#indicatesProviderTrouble()}).
 */
public record CircuitBreakerConfig(
        float failureRateThreshold,
        float slowCallRateThreshold,
        Duration slowCallDuration,
        int slidingWindowSize,
        int minimumNumberOfCalls,
        Duration waitDurationInOpenState,
        int permittedCallsInHalfOpenState) {

    public static final float DEFAULT_FAILURE_RATE_THRESHOLD = 50;
    public static final float DEFAULT_SLOW_CALL_RATE_THRESHOLD = 100;
    /** Model calls legitimately take tens of seconds; only calls slower than this count as slow. */
    public static final Duration DEFAULT_SLOW_CALL_DURATION = Duration.ofSeconds(120);
    public static final int DEFAULT_SLIDING_WINDOW_SIZE = 20;
    public static final int DEFAULT_MINIMUM_NUMBER_OF_CALLS = 10;
    public static final Duration DEFAULT_WAIT_DURATION_IN_OPEN_STATE = Duration.ofSeconds(30);
    public static final int DEFAULT_PERMITTED_CALLS_IN_HALF_OPEN_STATE = 3;

    public static final CircuitBreakerConfig DEFAULT = new CircuitBreakerConfig(
            DEFAULT_FAILURE_RATE_THRESHOLD, DEFAULT_SLOW_CALL_RATE_THRESHOLD, DEFAULT_SLOW_CALL_DURATION,
            DEFAULT_SLIDING_WINDOW_SIZE, DEFAULT_MINIMUM_NUMBER_OF_CALLS, DEFAULT_WAIT_DURATION_IN_OPEN_STATE,
            DEFAULT_PERMITTED_CALLS_IN_HALF_OPEN_STATE);

    /** @throws InvalidConfigException listing every invalid setting */
    public CircuitBreakerConfig {
        var checks = new Checks("breaker.")
                .require(failureRateThreshold > 0 && failureRateThreshold <= 100, "failureRateThreshold",
                        "a percentage in (0, 100]", failureRateThreshold)
                .require(slowCallRateThreshold > 0 && slowCallRateThreshold <= 100, "slowCallRateThreshold",
                        "a percentage in (0, 100]", slowCallRateThreshold)
                .positive("slowCallDuration", slowCallDuration)
                .intBetween("slidingWindowSize", slidingWindowSize, 1, 10_000)
                .intBetween("minimumNumberOfCalls", minimumNumberOfCalls, 1, 10_000)
                .positive("waitDurationInOpenState", waitDurationInOpenState)
                .intBetween("permittedCallsInHalfOpenState", permittedCallsInHalfOpenState, 1, 1_000);
        checks.require(minimumNumberOfCalls <= slidingWindowSize, "minimumNumberOfCalls",
                "at most slidingWindowSize (" + slidingWindowSize + ")", minimumNumberOfCalls);
        checks.throwIfAny();
    }

    public CircuitBreakerConfig withFailureRateThreshold(float value) {
        return new CircuitBreakerConfig(value, slowCallRateThreshold, slowCallDuration, slidingWindowSize,
                minimumNumberOfCalls, waitDurationInOpenState, permittedCallsInHalfOpenState);
    }

    public CircuitBreakerConfig withSlowCalls(float rateThreshold, Duration duration) {
        return new CircuitBreakerConfig(failureRateThreshold, rateThreshold, duration, slidingWindowSize,
                minimumNumberOfCalls, waitDurationInOpenState, permittedCallsInHalfOpenState);
    }

    public CircuitBreakerConfig withSlidingWindow(int size, int minimumCalls) {
        return new CircuitBreakerConfig(failureRateThreshold, slowCallRateThreshold, slowCallDuration, size,
                minimumCalls, waitDurationInOpenState, permittedCallsInHalfOpenState);
    }

    public CircuitBreakerConfig withWaitDurationInOpenState(Duration value) {
        return new CircuitBreakerConfig(failureRateThreshold, slowCallRateThreshold, slowCallDuration,
                slidingWindowSize, minimumNumberOfCalls, value, permittedCallsInHalfOpenState);
    }

    public CircuitBreakerConfig withPermittedCallsInHalfOpenState(int value) {
        return new CircuitBreakerConfig(failureRateThreshold, slowCallRateThreshold, slowCallDuration,
                slidingWindowSize, minimumNumberOfCalls, waitDurationInOpenState, value);
    }
}
