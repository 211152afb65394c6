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
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The chain's {@code FALLBACK} link: sends the call to each endpoint in order — setting
 * {@link CallContext#endpoint()} and the endpoint's model — until one answers. The links after it (breaker, retry,
 * concurrency, deadline) keep their state per endpoint, so every endpoint has its own.
 *
 * <p>Moves on to the next endpoint when the current one refused the call for itself (its breaker is open, it is at
 * its concurrency limit: a {@link Refusal.Scope#ENDPOINT} refusal, a value) or failed in a retryable way after its
 * own retries (overloaded, 5xx, timeouts with deadline left). Does not move on: after a failure that is the
 * request's own fault (400, 401, 403, 404, 413, spend limit), a cancellation, an expired deadline, any failure after
 * content was streamed to the caller, a refusal of wider scope (a budget, a policy), and at the last endpoint. The
 * answer carries, and a final failure records ({@link ModelException#attempts()}), every endpoint left and why
 * ({@link Failover}); the response names the model that answered as the provider reported it. Emits
 * {@link FallbackUsed} each time it moves on. Thread-safe.
 */
public final class FallbackInterceptor implements ModelInterceptor {
    private final List<ModelEndpoint> endpoints;
    private final RetryClassifier classifier;
    private final ReliabilityListener listener;

    public FallbackInterceptor(List<ModelEndpoint> endpoints, RetryClassifier classifier, ReliabilityListener listener) {
        this.endpoints = List.copyOf(endpoints);
        if (this.endpoints.isEmpty()) {
            throw new IllegalArgumentException("a fallback link needs at least one endpoint");
        }
        // a name is the key of an endpoint's breaker, budget and limit: two endpoints cannot share one
        var names = new java.util.HashSet<String>();
        for (var endpoint : this.endpoints) {
            if (!names.add(endpoint.name())) {
                throw new IllegalArgumentException("two endpoints are named '" + endpoint.name() + "'");
            }
        }
        this.classifier = Objects.requireNonNull(classifier, "classifier");
        this.listener = ReliabilityListener.safe(listener);
    }

    @Override
    public ModelOutcome intercept(Chain chain) {
        var context = chain.context();
        var tracker = new DeliveryTracker(context.observer());
        var left = new ArrayList<Failover>();
        for (var i = 0; ; i++) {
            var endpoint = endpoints.get(i);
            var model = endpoint.modelFor(chain.request());
            var last = i == endpoints.size() - 1;
            ModelOutcome outcome;
            try {
                outcome = chain.proceed(chain.request().withModel(model),
                        context.withEndpoint(endpoint.name()).withObserver(tracker));
            } catch (ModelException failure) {
                var failover = new Failover(endpoint.name(), model, failure.code(), failure.getMessage());
                if (last || tracker.delivered() || !movesOn(failure, context)) {
                    left.add(failover);
                    failure.recordAttempts(left);
                    throw failure;
                }
                moveOn(context.runId(), left, failover, endpoints.get(i + 1));
                continue;
            }
            switch (outcome) {
                case ModelOutcome.Answered answered -> {
                    return answered.withFailovers(left);
                }
                case ModelOutcome.Refused refused -> {
                    var refusal = refused.refusal();
                    if (last || refusal.scope() != Refusal.Scope.ENDPOINT) {
                        var all = new ArrayList<>(left);
                        all.addAll(refused.failovers());
                        return new ModelOutcome.Refused(refusal, all);
                    }
                    moveOn(context.runId(), left, new Failover(endpoint.name(), model, refusal.code(),
                            refusal.message()), endpoints.get(i + 1));
                }
            }
        }
    }

    private void moveOn(String runId, List<Failover> left, Failover failover, ModelEndpoint next) {
        left.add(failover);
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
}
