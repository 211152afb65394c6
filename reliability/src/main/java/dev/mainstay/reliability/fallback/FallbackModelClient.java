package dev.mainstay.reliability.fallback;

import dev.mainstay.model.CallContext;
import dev.mainstay.model.ModelCallRejectedException;
import dev.mainstay.model.ModelClient;
import dev.mainstay.model.ModelException;
import dev.mainstay.model.ModelRequest;
import dev.mainstay.model.ModelResponse;
import dev.mainstay.reliability.RetryClassifier;
import dev.mainstay.reliability.event.ReliabilityEvent.FallbackUsed;
import dev.mainstay.reliability.event.ReliabilityListener;
import dev.mainstay.model.DeliveryTracker;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Tries an ordered list of {@link ModelEndpoint}s, each with its own breaker, retry and limits, until one answers.
 * The request is sent with each endpoint's {@link ModelEndpoint#model()}, and the response's
 * {@link ModelResponse#model()} names the model that actually answered.
 *
 * <p>Moves on to the next endpoint when the current one refused the call locally (open breaker, concurrency limit:
 * {@link ModelCallRejectedException}) or failed in a retryable way after its own retries (overloaded, 5xx,
 * timeouts with deadline left, exhausted retry budget). Rethrows, without trying further endpoints: a failure that
 * is the request's own fault (400, 401, 403, 404, 413, spend limit), a cancellation, an expired deadline, any
 * failure after content was streamed to the caller, and the last endpoint's failure. Emits {@link FallbackUsed}
 * each time it moves on. Thread-safe.
 */
public final class FallbackModelClient implements ModelClient {
    private final List<ModelEndpoint> endpoints;
    private final RetryClassifier classifier;
    private final ReliabilityListener listener;

    public FallbackModelClient(List<ModelEndpoint> endpoints, RetryClassifier classifier, ReliabilityListener listener) {
        this.endpoints = List.copyOf(endpoints);
        if (this.endpoints.isEmpty()) {
            throw new IllegalArgumentException("a fallback client needs at least one endpoint");
        }
        var names = new HashSet<String>();
        for (var endpoint : this.endpoints) {
            if (!names.add(endpoint.name())) {
                throw new IllegalArgumentException("two endpoints are named '" + endpoint.name() + "'");
            }
        }
        this.classifier = Objects.requireNonNull(classifier, "classifier");
        this.listener = ReliabilityListener.safe(listener);
    }

    @Override
    public ModelResponse call(ModelRequest request, CallContext context) {
        var tracker = new DeliveryTracker(context.observer());
        var tracked = context.withObserver(tracker);
        for (var i = 0; ; i++) {
            var endpoint = endpoints.get(i);
            try {
                return endpoint.client().call(request.withModel(endpoint.model()), tracked).withModel(endpoint.model());
            } catch (ModelException failure) {
                var last = i == endpoints.size() - 1;
                if (last || tracker.delivered() || !movesOn(failure, context)) {
                    throw failure;
                }
                listener.onEvent(new FallbackUsed(endpoint.name(), endpoints.get(i + 1).name(), failure.code()));
            }
        }
    }

    private boolean movesOn(ModelException failure, CallContext context) {
        if (failure.contentDelivered() || context.cancellation().isCancelled()) {
            return false;
        }
        return failure instanceof ModelCallRejectedException
                || classifier.classify(failure, context.deadline()).isRetryable();
    }

    public List<ModelEndpoint> endpoints() {
        return endpoints;
    }

    @Override
    public String name() {
        return endpoints.stream().map(ModelEndpoint::name).collect(Collectors.joining(",", "fallback(", ")"));
    }
}
