package dev.mainstay.model;

import dev.mainstay.cost.BilledAttempt;
import dev.mainstay.cost.PriceTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The model-call chain: interceptors in named {@link Slot}s, outermost first, in front of the endpoints. The
 * composition root lists them once, in slot order; the builder refuses any other order, so the order a reader sees
 * there is the order calls take.
 *
 * <p>The last link sends the call to the endpoint {@link CallContext#endpoint()} names (the first endpoint when no
 * fallback link chose one) with that endpoint's model, and prices the answer with the {@link PriceTable} — inside
 * the chain, so a budget link can settle what a call really cost. A failure that the provider billed (a stream that
 * broke off after delivering part of an answer: {@link ModelException#billedUsage()}) is priced there too. Each
 * priced attempt is a {@link BilledAttempt} ({@link ModelOutcome#billed()}, {@link ModelException#billed()}).
 * Immutable and thread-safe.
 */
public final class ModelChain {
    /** The concerns of a model call, in the order a call passes them. */
    public enum Slot {
        /** Reserve a call's worst-case cost before it is sent; settle after. */
        BUDGET,
        /** Answer an identical cacheable request from a response cache. */
        CACHE,
        /** Choose the model for this call by rule (size, tool, tenant). */
        ROUTING,
        /** Try endpoints in order until one answers; sets {@link CallContext#endpoint()}. */
        FALLBACK,
        /** Fail fast on an endpoint that keeps failing. */
        BREAKER,
        /** Retry transient failures within a retry budget. */
        RETRY,
        /** Limit concurrent calls per endpoint, adaptively. */
        CONCURRENCY,
        /** Give each attempt its timeout from the run's deadline. */
        DEADLINE,
        /** Observe every attempt (traces, metrics, logs). */
        TELEMETRY
    }

    private record Link(Slot slot, ModelInterceptor interceptor) {}

    private final List<Link> links;
    private final Map<String, ModelEndpoint> endpoints;
    private final ModelEndpoint first;
    private final PriceTable prices;

    private ModelChain(Builder b) {
        this.links = List.copyOf(b.links);
        this.endpoints = Map.copyOf(b.endpoints);
        this.first = b.endpoints.values().iterator().next();
        this.prices = b.prices;
    }

    /**
     * A builder over {@code endpoints} (tried in this order by a fallback link; at least one) pricing answers with
     * {@code prices}.
     */
    public static Builder builder(List<ModelEndpoint> endpoints, PriceTable prices) {
        return new Builder(endpoints, prices);
    }

    /** A chain with no interceptors in front of one client. */
    public static ModelChain direct(ModelClient client, PriceTable prices) {
        return builder(List.of(new ModelEndpoint(client.name(), "", client)), prices).build();
    }

    /**
     * Sends {@code request} through the chain.
     *
     * @throws ModelException when the call failed after every link had its turn
     */
    public ModelOutcome call(ModelRequest request, CallContext context) {
        // until a fallback link chooses another, the call is for the first endpoint: per-endpoint links see its name
        var aimed = context.endpoint().isEmpty() ? context.withEndpoint(first.name()) : context;
        return new RealChain(0, request, aimed).proceed(request, aimed);
    }

    /** The slots in use, in order, for diagnostics and docs (e.g. {@code FALLBACK, BREAKER, RETRY}). */
    public List<Slot> slots() {
        return links.stream().map(Link::slot).toList();
    }

    /** The prices the last link charges answers with; its {@link PriceTable#version()} goes into every step. */
    public PriceTable prices() {
        return prices;
    }

    public List<ModelEndpoint> endpoints() {
        return List.copyOf(endpoints.values());
    }

    @Override
    public String toString() {
        return links.stream().map(l -> l.slot().name().toLowerCase(java.util.Locale.ROOT))
                .collect(Collectors.joining(" → ", "", links.isEmpty() ? "provider" : " → provider"));
    }

    private ModelOutcome send(ModelRequest request, CallContext context) {
        var endpoint = endpoints.get(context.endpoint());
        if (endpoint == null) {
            throw new IllegalStateException("no endpoint named '" + context.endpoint() + "'");
        }
        var model = endpoint.modelFor(request);
        ModelResponse response;
        try {
            response = endpoint.client().call(request.withModel(model), context.withEndpoint(endpoint.name()));
        } catch (ModelException failure) {
            // a stream that broke off was billed for what it delivered: price it here, where answers are priced
            if (!failure.billedCostRecorded() && !failure.attemptUsage().isZero()) {
                var usage = failure.attemptUsage();
                failure.recordBilled(new BilledAttempt(endpoint.name(), model, usage, prices.cost(model, usage)));
            }
            throw failure;
        }
        Objects.requireNonNull(response, () -> "endpoint " + endpoint.name() + " returned null");
        var billedModel = response.model().isEmpty() ? model : response.model();
        return ModelOutcome.Answered.billedOnce(response, new BilledAttempt(endpoint.name(), billedModel,
                response.usage(), prices.cost(billedModel, response.usage())));
    }

    private final class RealChain implements ModelInterceptor.Chain {
        private final int index;
        private final ModelRequest request;
        private final CallContext context;

        RealChain(int index, ModelRequest request, CallContext context) {
            this.index = index;
            this.request = request;
            this.context = context;
        }

        @Override
        public ModelRequest request() {
            return request;
        }

        @Override
        public CallContext context() {
            return context;
        }

        @Override
        public ModelOutcome proceed(ModelRequest nextRequest, CallContext nextContext) {
            if (index >= links.size()) {
                return send(nextRequest, nextContext);
            }
            var link = links.get(index);
            var outcome = link.interceptor().intercept(new RealChain(index + 1, nextRequest, nextContext));
            return Objects.requireNonNull(outcome, () -> "the " + link.slot() + " link returned null");
        }
    }

    /** Collects the links in slot order. Not thread-safe; build once at start-up. */
    public static final class Builder {
        private final Map<String, ModelEndpoint> endpoints = new LinkedHashMap<>();
        private final PriceTable prices;
        private final List<Link> links = new ArrayList<>();

        private Builder(List<ModelEndpoint> endpointList, PriceTable prices) {
            this.prices = Objects.requireNonNull(prices, "prices");
            if (endpointList.isEmpty()) {
                throw new IllegalArgumentException("a model chain needs at least one endpoint");
            }
            for (var endpoint : endpointList) {
                if (endpoints.putIfAbsent(endpoint.name(), endpoint) != null) {
                    throw new IllegalArgumentException("two endpoints are named '" + endpoint.name() + "'");
                }
            }
        }

        /**
         * Puts {@code interceptor} in {@code slot}. Slots are given in {@link Slot} order; a slot may hold several
         * interceptors, which run in the order given.
         *
         * @throws IllegalStateException when {@code slot} comes before a slot already given
         */
        public Builder add(Slot slot, ModelInterceptor interceptor) {
            Objects.requireNonNull(slot, "slot");
            Objects.requireNonNull(interceptor, "interceptor");
            if (!links.isEmpty() && links.getLast().slot().compareTo(slot) > 0) {
                throw new IllegalStateException("the " + slot + " slot comes before " + links.getLast().slot()
                        + ": list the model chain in the order " + List.of(Slot.values()));
            }
            links.add(new Link(slot, interceptor));
            return this;
        }

        /** Puts each of {@code interceptors} in {@code slot}, in order; see {@link #add}. */
        public Builder addAll(Slot slot, List<? extends ModelInterceptor> interceptors) {
            interceptors.forEach(interceptor -> add(slot, interceptor));
            return this;
        }

        public ModelChain build() {
            return new ModelChain(this);
        }
    }
}
