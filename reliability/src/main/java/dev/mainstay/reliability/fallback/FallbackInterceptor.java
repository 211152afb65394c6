package dev.mainstay.reliability.fallback;

import dev.mainstay.model.CallContext;
import dev.mainstay.model.internal.DeliveryTracker;
import dev.mainstay.model.Failover;
import dev.mainstay.model.ModelEndpoint;
import dev.mainstay.model.ModelException;
import dev.mainstay.model.ModelInterceptor;
import dev.mainstay.model.ModelOutcome;
import dev.mainstay.model.Refusal;
import dev.mainstay.reliability.RetryClassifier;
import dev.mainstay.reliability.event.ReliabilityEvent.FallbackUsed;
import dev.mainstay.reliability.event.ReliabilityListener;
import dev.mainstay.reliability.internal.PerEndpoint;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The chain's {@code FALLBACK} link: sends the call to each endpoint in order — setting
 * {@link CallContext#endpoint()} and the endpoint's model — until one answers. The links after it (breaker, retry,
 * concurrency, deadline) keep their state per endpoint, so every endpoint has its own.
 *
 * <p>Moves on to the next endpoint when the current one refused the call for itself (its breaker is open, it is
 * rate-limited, its retry budget cannot fund a restart, it is at its concurrency limit: a
 * {@link Refusal.Scope#ENDPOINT} refusal, a value, returned at once) or failed in a retryable way after its own
 * retries (overloaded, 5xx, timeouts with deadline left; a 429 at once when the endpoint is rate-limited; at once
 * too when the endpoint's retry budget is spent). Does not move on: after a failure that is the request's own fault
 * (400, 401, 403, 404, 413, spend limit), a cancellation, an expired deadline, any failure after content was
 * streamed to the caller, a refusal of wider scope (a budget, a policy), and at the last endpoint.
 *
 * <p>The answer carries, and a final failure or refusal records ({@link ModelException#attempts()},
 * {@link ModelOutcome.Refused#failovers()}), every endpoint tried, the one that failed last included, each with its
 * model, its error or refusal code and why the call moved on ({@link Failover#reason()}); the response names the
 * model that answered as the provider reported it. Emits {@link FallbackUsed} each time it moves on, and counts per
 * endpoint the calls it sent elsewhere without spending the endpoint's retries ({@link #skipped}). Thread-safe.
 */
public final class FallbackInterceptor implements ModelInterceptor {
    /** The reasons a call leaves an endpoint without having used its retries there: counted as skipped. */
    public static final Set<String> SKIP_REASONS = Set.of("circuit_open", "rate_limited", "retry_budget_exhausted",
            "retries_exhausted", "concurrency_limit", "concurrency_queue_full");

    private final List<ModelEndpoint> endpoints;
    private final RetryClassifier classifier;
    private final ReliabilityListener listener;
    private final PerEndpoint<Map<String, LongAdder>> skips;

    public FallbackInterceptor(List<ModelEndpoint> endpoints, RetryClassifier classifier, ReliabilityListener listener) {
        this.endpoints = List.copyOf(endpoints);
        if (this.endpoints.isEmpty()) {
            throw new IllegalArgumentException("a fallback link needs at least one endpoint");
        }
        // a name is the key of an endpoint's breaker, budget and limit: two endpoints cannot share one
        var names = new HashSet<String>();
        for (var endpoint : this.endpoints) {
            if (!names.add(endpoint.name())) {
                throw new IllegalArgumentException("two endpoints are named '" + endpoint.name() + "'");
            }
        }
        this.classifier = Objects.requireNonNull(classifier, "classifier");
        this.listener = ReliabilityListener.safe(listener);
        this.skips = new PerEndpoint<>(names, name -> new ConcurrentHashMap<>());
    }

    @Override
    public ModelOutcome intercept(Chain chain) {
        var context = chain.context();
        var tracker = new DeliveryTracker(context.observer());
        var tried = new ArrayList<Failover>();
        // every attempt billed so far in this call, on the endpoints already left: they go with whatever ends it
        var billed = List.<dev.mainstay.cost.BilledAttempt>of();
        for (var i = 0; ; i++) {
            var endpoint = endpoints.get(i);
            var model = endpoint.modelFor(chain.request());
            var last = i == endpoints.size() - 1;
            ModelOutcome outcome;
            try {
                outcome = chain.proceed(chain.request().withModel(model),
                        context.withEndpoint(endpoint.name()).withObserver(tracker));
            } catch (ModelException failure) {
                failure.addBilled(billed);
                billed = failure.billed();
                var failover = new Failover(endpoint.name(), model, failure.code(), failure.getMessage(),
                        failure.retryStop());
                tried.add(failover);
                if (last || tracker.delivered() || !movesOn(failure, context)) {
                    failure.recordAttempts(tried);
                    throw failure;
                }
                moveOn(context.runId(), failover, endpoints.get(i + 1));
                continue;
            }
            switch (outcome) {
                case ModelOutcome.Answered answered -> {
                    // endpoints left after billed failures: their attempts are part of this call's cost
                    return answered.withFailovers(tried).withEarlierBilled(billed);
                }
                case ModelOutcome.Refused refused -> {
                    var refusal = refused.refusal();
                    var failover = new Failover(endpoint.name(), model, refusal.code(), refusal.message(),
                            refusal.code());
                    tried.addAll(refused.failovers());
                    tried.add(failover);
                    if (last || refusal.scope() != Refusal.Scope.ENDPOINT) {
                        return new ModelOutcome.Refused(refusal, tried, refused.billed()).withEarlierBilled(billed);
                    }
                    var all = new ArrayList<>(billed);
                    all.addAll(refused.billed());
                    billed = List.copyOf(all);
                    moveOn(context.runId(), failover, endpoints.get(i + 1));
                }
            }
        }
    }

    private void moveOn(String runId, Failover failover, ModelEndpoint next) {
        if (SKIP_REASONS.contains(failover.reason())) {
            skips.get(failover.endpoint()).computeIfAbsent(failover.reason(), r -> new LongAdder()).increment();
        }
        listener.onEvent(new FallbackUsed(runId, failover.endpoint(), next.name(), failover.code()));
    }

    private boolean movesOn(ModelException failure, CallContext context) {
        if (failure.contentDelivered() || context.cancellation().isCancelled()) {
            return false;
        }
        return classifier.classify(failure, context.deadline()).isRetryable();
    }

    public List<ModelEndpoint> endpoints() {
        return endpoints;
    }

    /** Calls sent from {@code endpoint} to the next one without its retries, in total. */
    public long skipped(String endpoint) {
        return skips.find(endpoint).map(m -> m.values().stream().mapToLong(LongAdder::sum).sum()).orElse(0L);
    }

    /** Calls sent from {@code endpoint} to the next one without its retries, by reason ({@link #SKIP_REASONS}). */
    public Map<String, Long> skippedByReason(String endpoint) {
        var counts = new TreeMap<String, Long>();
        skips.find(endpoint).ifPresent(m -> m.forEach((reason, n) -> counts.put(reason, n.sum())));
        return counts;
    }
}
