package dev.mainstay.reliability.retry;

import dev.mainstay.model.CallContext;
import dev.mainstay.model.ModelCancelledException;
import dev.mainstay.model.ModelInterceptor;
import dev.mainstay.model.ModelOutcome;
import dev.mainstay.reliability.RetryClassifier;
import dev.mainstay.reliability.breaker.BreakerState;
import dev.mainstay.reliability.event.ReliabilityListener;
import dev.mainstay.reliability.internal.PerEndpoint;
import dev.mainstay.reliability.ratelimit.RateLimits;
import dev.mainstay.reliability.retry.internal.Backoff;
import dev.mainstay.reliability.retry.internal.StreamRestarts;
import dev.mainstay.time.Sleeper;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;

/**
 * Retries model calls that failed in a way {@link RetryClassifier} calls retryable, in the chain's {@code RETRY}
 * slot: Mainstay's only retry layer (provider SDKs run with their own retries off, and the agent loop's restart of
 * a broken stream is counted here too). Each endpoint ({@link CallContext#endpoint()}) has its own
 * {@link RetryBudget}, shared by every run; rate limits are shared the same way ({@link RateLimits}).
 *
 * <p>Before each attempt the endpoint's rate limit is consulted: limited, with another endpoint available, the call
 * is refused at once ({@code Refused(rate-limit, rate_limited)}, scoped to the endpoint, so the fallback moves on);
 * limited without one, it waits for the limit plus jitter, or is refused at once when that would pass the run's
 * deadline. After a failure, in order: a failure after content reached the caller is rethrown, and the run's next
 * call (its restart of the stream) continues this call's attempts and budget; a non-retryable failure is rethrown;
 * a 429 with a reset hint marks the endpoint limited and, with an alternative, is rethrown at once; a half-open
 * breaker's probe is never retried; after {@link RetryConfig#maxAttempts()} attempts, once the endpoint's breaker
 * has opened, when the wait would pass the run's deadline, or when the budget is empty, the failure is rethrown.
 * Otherwise it sleeps — {@code hint + jitter} after a server hint, full jitter without — and tries again. Every
 * rethrown failure records why ({@link dev.mainstay.model.ModelException#retryStop()}), for the journal.
 *
 * <p>Thread-safe; one instance serves every endpoint. Sleeps through the injected {@link Sleeper}; cancelling the
 * run interrupts the sleep and ends the call with {@link ModelCancelledException}.
 */
public final class RetryInterceptor implements ModelInterceptor {
    /** The policy name carried by refusals. */
    public static final String POLICY = "retry";

    /** What the retry link needs to know about endpoints beyond its own state. Implementations must not block. */
    public interface EndpointView {
        /** The state of {@code endpoint}'s circuit breaker. */
        BreakerState breakerState(String endpoint);

        /** Whether another endpoint could take a call that {@code endpoint} cannot take now. */
        boolean hasAlternative(String endpoint);

        /** A view for a chain with one endpoint and no breaker. */
        EndpointView ALONE = of(endpoint -> false);

        /** A view with no alternative endpoints and a breaker reported only as open or closed. */
        static EndpointView of(Predicate<String> endpointOpen) {
            return new EndpointView() {
                @Override
                public BreakerState breakerState(String endpoint) {
                    return endpointOpen.test(endpoint) ? BreakerState.OPEN : BreakerState.CLOSED;
                }

                @Override
                public boolean hasAlternative(String endpoint) {
                    return false;
                }
            };
        }
    }

    private final RetryConfig config;
    private final PerEndpoint<RetryBudget> budgets;
    private final RetryClassifier classifier;
    private final Sleeper sleeper;
    private final Backoff backoff;
    private final InstantSource clock;
    private final ReliabilityListener listener;
    private final EndpointView view;
    private final RateLimits rateLimits;
    private final StreamRestarts restarts;

    /**
     * A retry link with its own rate-limit state, no alternative endpoints, and a breaker it sees only as open or
     * not.
     *
     * @param endpointOpen whether an endpoint's circuit breaker is open right now; must be cheap and not block
     */
    public RetryInterceptor(List<String> endpoints, RetryConfig config, RetryBudgetConfig budgetConfig,
            RetryClassifier classifier, Sleeper sleeper, RandomGenerator random, InstantSource clock,
            ReliabilityListener listener, Predicate<String> endpointOpen) {
        this(endpoints, config, budgetConfig, classifier, sleeper, random, clock, listener,
                EndpointView.of(endpointOpen), new RateLimits(endpoints, clock));
    }

    /**
     * @param endpoints the endpoints known at start-up, whose budgets exist from the start
     * @param random a seeded generator in tests; used under a lock, so it need not be thread-safe
     * @param view the breaker state of each endpoint and whether another could take its calls
     * @param rateLimits the rate-limit state shared with whoever else reads it (the fallback's view, metrics)
     */
    public RetryInterceptor(List<String> endpoints, RetryConfig config, RetryBudgetConfig budgetConfig,
            RetryClassifier classifier, Sleeper sleeper, RandomGenerator random, InstantSource clock,
            ReliabilityListener listener, EndpointView view, RateLimits rateLimits) {
        this.config = Objects.requireNonNull(config, "config");
        Objects.requireNonNull(budgetConfig, "budgetConfig");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.budgets = new PerEndpoint<>(endpoints, name -> new RetryBudget(name, budgetConfig, clock));
        this.classifier = Objects.requireNonNull(classifier, "classifier");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.backoff = new Backoff(config, random);
        this.listener = ReliabilityListener.safe(listener);
        this.view = Objects.requireNonNull(view, "view");
        this.rateLimits = Objects.requireNonNull(rateLimits, "rateLimits");
        this.restarts = new StreamRestarts(clock);
    }

    @Override
    public ModelOutcome intercept(Chain chain) {
        var context = chain.context();
        return new RetryCall(this, chain, budgets.get(context.endpoint()),
                restarts.take(context.runId(), context.endpoint())).run();
    }

    RetryConfig settings() {
        return config;
    }

    RetryClassifier classifier() {
        return classifier;
    }

    Sleeper sleeper() {
        return sleeper;
    }

    Backoff backoff() {
        return backoff;
    }

    InstantSource clock() {
        return clock;
    }

    ReliabilityListener listener() {
        return listener;
    }

    EndpointView view() {
        return view;
    }

    RateLimits rateLimits() {
        return rateLimits;
    }

    StreamRestarts restarts() {
        return restarts;
    }

    public RetryConfig config() {
        return config;
    }

    /** The retry budget of {@code endpoint}. */
    public RetryBudget budget(String endpoint) {
        return budgets.get(endpoint);
    }

    /** Every endpoint's retry budget, by endpoint name. */
    public Map<String, RetryBudget> budgets() {
        return budgets.snapshot();
    }

    /** The rate-limit state this link keeps and honours. */
    public RateLimits limits() {
        return rateLimits;
    }
}
