package dev.mainstay.reliability.retry;

import dev.mainstay.model.CallContext;
import dev.mainstay.model.ModelCancelledException;
import dev.mainstay.model.ModelException;
import dev.mainstay.model.ModelInterceptor;
import dev.mainstay.model.ModelOutcome;
import dev.mainstay.reliability.internal.PerEndpoint;
import java.util.List;
import java.util.function.Predicate;
import dev.mainstay.reliability.RetryClassifier;
import dev.mainstay.reliability.RetryDecision;
import dev.mainstay.reliability.event.ReliabilityEvent.RetryBudgetExhausted;
import dev.mainstay.reliability.event.ReliabilityEvent.RetryGaveUp;
import dev.mainstay.reliability.event.ReliabilityEvent.RetryScheduled;
import dev.mainstay.reliability.event.ReliabilityListener;
import dev.mainstay.model.internal.DeliveryTracker;
import dev.mainstay.reliability.retry.internal.Backoff;
import dev.mainstay.time.Sleeper;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Retries model calls that failed in a way {@link RetryClassifier} calls retryable, in the chain's {@code RETRY}
 * slot. Mainstay's only retry layer: provider SDKs run with their own retries off. Each endpoint
 * ({@link CallContext#endpoint()}) has its own {@link RetryBudget}; a refusal from an inner policy is passed on,
 * never retried.
 *
 * <p>For each failure, in order: a non-retryable failure is rethrown; a stream that already delivered content to
 * the caller is rethrown (the run or a fallback decides); after {@link RetryConfig#maxAttempts()} attempts the last
 * failure is rethrown; once the endpoint's circuit breaker has opened (the {@code endpointOpen} check, before and
 * after each backoff) the last failure is rethrown, so calls admitted before it opened stop sending retries to an
 * endpoint known to be failing and move on to a fallback at once; if the backoff would end past the run's deadline
 * the last failure is rethrown now rather than after a useless sleep; if the endpoint's {@link RetryBudget} is empty
 * the last failure is rethrown (a {@link RetryBudgetExhausted} event tells why, and the caller, e.g. a fallback,
 * still sees the provider's real error). Otherwise it sleeps for the {@link Backoff} delay, honouring the provider's {@code retry-after}, and tries
 * again.
 *
 * <p>Thread-safe; one instance serves every endpoint. Sleeps through the injected {@link Sleeper};
 * cancelling the run interrupts the sleep and ends the call with {@link ModelCancelledException}.
 */
public final class RetryInterceptor implements ModelInterceptor {
    private final RetryConfig config;
    private final PerEndpoint<RetryBudget> budgets;
    private final RetryClassifier classifier;
    private final Sleeper sleeper;
    private final Backoff backoff;
    private final ReliabilityListener listener;
    private final Predicate<String> endpointOpen;

    /**
     * @param endpoints the endpoints known at start-up, whose budgets exist from the start
     * @param random a seeded generator in tests; used under a lock, so it need not be thread-safe
     * @param endpointOpen whether an endpoint's circuit breaker is open right now; must be cheap and not block
     */
    public RetryInterceptor(
            List<String> endpoints,
            RetryConfig config,
            RetryBudgetConfig budgetConfig,
            RetryClassifier classifier,
            Sleeper sleeper,
            RandomGenerator random,
            InstantSource clock,
            ReliabilityListener listener,
            Predicate<String> endpointOpen) {
        this.endpointOpen = Objects.requireNonNull(endpointOpen, "endpointOpen");
        this.config = Objects.requireNonNull(config, "config");
        Objects.requireNonNull(budgetConfig, "budgetConfig");
        Objects.requireNonNull(clock, "clock");
        this.budgets = new PerEndpoint<>(endpoints, name -> new RetryBudget(name, budgetConfig, clock));
        this.classifier = Objects.requireNonNull(classifier, "classifier");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.backoff = new Backoff(config, random);
        this.listener = ReliabilityListener.safe(listener);
    }

    @Override
    public ModelOutcome intercept(Chain chain) {
        var request = chain.request();
        var context = chain.context();
        var budget = budgets.get(context.endpoint());
        budget.recordRequest();
        for (var attempt = 1; ; attempt++) {
            var tracker = new DeliveryTracker(context.observer());
            try {
                return chain.proceed(request, context.withObserver(tracker));
            } catch (ModelException failure) {
                var delay = nextDelay(failure, attempt, tracker.delivered(), context, budget);
                sleep(delay, failure, attempt, context);
                stopIfEndpointOpen(failure, attempt, context);
            }
        }
    }

    /** The wait before the next attempt, or rethrows {@code failure} when there must be none. */
    private Duration nextDelay(ModelException failure, int attempt, boolean delivered, CallContext context,
            RetryBudget budget) {
        var endpoint = context.endpoint();
        var runId = context.runId();
        var code = failure.code();
        var decision = classifier.classify(failure, context.deadline());
        var deliveryStopsIt = delivered && decision.isRetryable()
                || decision instanceof RetryDecision.NotRetryable(var kind, var reason) && reason.equals("content_delivered");
        if (deliveryStopsIt) {
            listener.onEvent(new RetryGaveUp(runId, endpoint, attempt, code, "content_delivered"));
            throw failure;
        }
        if (!(decision instanceof RetryDecision.Retryable retryable)) {
            throw failure;
        }
        if (attempt >= config.maxAttempts()) {
            listener.onEvent(new RetryGaveUp(runId, endpoint, attempt, code, "max_attempts"));
            throw failure;
        }
        stopIfEndpointOpen(failure, attempt, context);
        var delay = backoff.delay(attempt, retryable.serverHint());
        if (delay.compareTo(context.deadline().remaining()) >= 0) {
            listener.onEvent(new RetryGaveUp(runId, endpoint, attempt, code, "deadline"));
            throw failure;
        }
        if (!budget.tryAcquireRetry()) {
            listener.onEvent(new RetryBudgetExhausted(runId, endpoint, attempt, code));
            throw failure;
        }
        listener.onEvent(new RetryScheduled(runId, endpoint, attempt, delay, code));
        return delay;
    }

    private void stopIfEndpointOpen(ModelException failure, int attempt, CallContext context) {
        if (endpointOpen.test(context.endpoint())) {
            listener.onEvent(new RetryGaveUp(context.runId(), context.endpoint(), attempt, failure.code(),
                    "circuit_open"));
            throw failure;
        }
    }

    private void sleep(Duration delay, ModelException failure, int attempt, CallContext context) {
        var thread = Thread.currentThread();
        var interrupted = false;
        var registration = context.cancellation().onCancel(thread::interrupt);
        try {
            sleeper.sleep(delay);
        } catch (InterruptedException e) {
            interrupted = true;
        } finally {
            registration.close();
        }
        var cancelled = context.cancellation().isCancelled();
        if (cancelled) {
            Thread.interrupted(); // the interrupt, if any, was ours: do not leak it to the caller
        } else if (interrupted) {
            thread.interrupt(); // someone else's interrupt: keep it visible
        }
        if (cancelled || interrupted) {
            listener.onEvent(new RetryGaveUp(context.runId(), context.endpoint(), attempt, failure.code(),
                    "cancelled"));
            throw new ModelCancelledException(false);
        }
    }

    public RetryConfig config() {
        return config;
    }

    /** The retry budget of {@code endpoint}. */
    public RetryBudget budget(String endpoint) {
        return budgets.get(endpoint);
    }

    /** Every endpoint's retry budget, by endpoint name. */
    public java.util.Map<String, RetryBudget> budgets() {
        return budgets.snapshot();
    }
}
