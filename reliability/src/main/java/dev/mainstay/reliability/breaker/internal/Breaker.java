package dev.mainstay.reliability.breaker.internal;

import dev.mainstay.reliability.breaker.BreakerState;
import dev.mainstay.reliability.breaker.CircuitBreakerConfig;
import dev.mainstay.reliability.event.ReliabilityEvent.BreakerStateChanged;
import dev.mainstay.reliability.event.ReliabilityListener;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowType;
import java.time.Duration;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Resilience4j circuit breaker, driven by hand (see docs/adr/0002-circuit-breaker.md): Mainstay decides what
 * counts as a failure and measures durations with its own clock; Resilience4j keeps the sliding window and the
 * state machine. The open → half-open transition is lazy: the first permission request after the wait, as read on
 * the injected clock, moves the breaker to half-open; no scheduler thread is involved. Thread-safe.
 */
public final class Breaker {
    private static final Logger LOG = LoggerFactory.getLogger(Breaker.class);
    /** The run whose call is being recorded on this thread, for the transition event it may cause. */
    private static final ThreadLocal<String> RUN = ThreadLocal.withInitial(() -> "");

    private final String name;
    private final CircuitBreaker delegate;
    private final InstantSource clock;
    private final Duration openFor;
    private volatile java.time.Instant openedAt = java.time.Instant.MIN;

    public Breaker(String name, CircuitBreakerConfig config, InstantSource clock, ReliabilityListener listener) {
        this.name = name;
        this.clock = clock;
        this.openFor = config.waitDurationInOpenState();
        var r4j = io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.custom()
                .failureRateThreshold(config.failureRateThreshold())
                .slowCallRateThreshold(config.slowCallRateThreshold())
                .slowCallDurationThreshold(config.slowCallDuration())
                .slidingWindow(config.slidingWindowSize(), config.minimumNumberOfCalls(), SlidingWindowType.COUNT_BASED)
                .waitDurationInOpenState(config.waitDurationInOpenState())
                .permittedNumberOfCallsInHalfOpenState(config.permittedCallsInHalfOpenState())
                .automaticTransitionFromOpenToHalfOpenEnabled(false)
                .writableStackTraceEnabled(false)
                .clock(clock.withZone(ZoneOffset.UTC))
                .build();
        this.delegate = CircuitBreaker.of(name, r4j);
        var safe = ReliabilityListener.safe(listener);
        delegate.getEventPublisher().onStateTransition(event -> {
            var transition = event.getStateTransition();
            var from = map(transition.getFromState());
            var to = map(transition.getToState());
            if (to == BreakerState.OPEN) {
                openedAt = clock.instant();
            }
            if (from != to) {
                LOG.info("circuit breaker {}: {} -> {}", name, from, to);
                safe.onEvent(new BreakerStateChanged(RUN.get(), name, from, to));
            }
        });
    }

    /** Asks to make a call for {@code runId}; false when the breaker is open (or half-open with every probe taken). */
    public boolean tryAcquire(String runId) {
        return onBehalfOf(runId, delegate::tryAcquirePermission);
    }

    /** The permitted call succeeded (slow calls count against the slow-call threshold). */
    public void onSuccess(String runId, Duration elapsed) {
        onBehalfOf(runId, () -> {
            delegate.onSuccess(elapsed.toNanos(), TimeUnit.NANOSECONDS);
            return true;
        });
    }

    /** The permitted call failed in a way that says the callee is unhealthy. */
    public void onFailure(String runId, Duration elapsed, Throwable failure) {
        onBehalfOf(runId, () -> {
            delegate.onError(elapsed.toNanos(), TimeUnit.NANOSECONDS, failure);
            return true;
        });
    }

    private static boolean onBehalfOf(String runId, java.util.function.BooleanSupplier action) {
        RUN.set(runId);
        try {
            return action.getAsBoolean();
        } finally {
            RUN.set(""); // back to the initial value, keeping the thread's entry: remove() would drop it each call
        }
    }

    /** The permitted call ended in a way that says nothing about the callee's health; it is not recorded. */
    public void onIgnored() {
        delegate.releasePermission();
    }

    public String name() {
        return name;
    }

    public BreakerState state() {
        return map(delegate.getState());
    }

    /**
     * Whether a call would be let through now, or could be at once: closed, half-open, or open with its open period
     * over (the transition to half-open is lazy: the next call makes it). Reads only; takes no permission.
     */
    public boolean admitsCalls() {
        return state() != BreakerState.OPEN || !clock.instant().isBefore(openedAt.plus(openFor));
    }

    private static BreakerState map(CircuitBreaker.State state) {
        return switch (state) {
            case OPEN, FORCED_OPEN -> BreakerState.OPEN;
            case HALF_OPEN -> BreakerState.HALF_OPEN;
            case CLOSED, DISABLED, METRICS_ONLY -> BreakerState.CLOSED;
        };
    }
}
