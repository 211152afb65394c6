package dev.mainstay.reliability.deadline;

import dev.mainstay.model.ModelInterceptor;
import dev.mainstay.model.ModelOutcome;
import dev.mainstay.model.ModelTimeoutException;
import dev.mainstay.reliability.event.ReliabilityEvent.CallRejected;
import dev.mainstay.reliability.event.ReliabilityListener;
import java.time.Duration;
import java.util.Objects;

/**
 * Gives each model attempt its timeout: the context passed on carries a deadline of
 * {@code min(attemptTimeout, what is left of the run's deadline)}, which the provider client enforces (the
 * {@link dev.mainstay.model.ModelClient} contract). A call whose run deadline has already passed fails at once with
 * {@link ModelTimeoutException} and never reaches the provider.
 *
 * <p>Innermost of the reliability interceptors, so each retry gets a fresh attempt timeout. Thread-safe.
 */
public final class DeadlineInterceptor implements ModelInterceptor {
    /** Long enough for a long non-streaming answer; the run's deadline usually ends a call sooner. */
    public static final Duration DEFAULT_ATTEMPT_TIMEOUT = Duration.ofMinutes(5);

    private final Duration attemptTimeout;
    private final ReliabilityListener listener;

    public DeadlineInterceptor(Duration attemptTimeout, ReliabilityListener listener) {
        Objects.requireNonNull(attemptTimeout, "attemptTimeout");
        if (attemptTimeout.isNegative() || attemptTimeout.isZero()) {
            throw new IllegalArgumentException("attemptTimeout must be positive, but was " + attemptTimeout);
        }
        this.attemptTimeout = attemptTimeout;
        this.listener = ReliabilityListener.safe(listener);
    }

    @Override
    public ModelOutcome intercept(Chain chain) {
        var context = chain.context();
        if (context.deadline().isExpired()) {
            listener.onEvent(new CallRejected(context.runId(), "deadline", "deadline_expired"));
            throw new ModelTimeoutException(Duration.ZERO, false, null);
        }
        return chain.proceed(chain.request(), context.withDeadline(context.deadline().shorten(attemptTimeout)));
    }

    public Duration attemptTimeout() {
        return attemptTimeout;
    }
}
