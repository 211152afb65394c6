package dev.mainstay.reliability;

import dev.mainstay.model.ModelClient;
import dev.mainstay.model.ModelEndpoint;
import dev.mainstay.reliability.breaker.BreakerState;
import dev.mainstay.reliability.breaker.ModelCircuitBreakerInterceptor;
import dev.mainstay.reliability.breaker.ToolCircuitBreakerInterceptor;
import dev.mainstay.reliability.bulkhead.AdaptiveConcurrencyInterceptor;
import dev.mainstay.reliability.bulkhead.ToolBulkheadInterceptor;
import dev.mainstay.reliability.deadline.DeadlineInterceptor;
import dev.mainstay.reliability.event.ReliabilityListener;
import dev.mainstay.reliability.fallback.FallbackInterceptor;
import dev.mainstay.reliability.health.BreakerHealthCheck;
import dev.mainstay.reliability.health.HealthCheck;
import dev.mainstay.reliability.metrics.MicrometerReliabilityListener;
import dev.mainstay.reliability.ratelimit.RateLimits;
import dev.mainstay.reliability.retry.RetryInterceptor;
import dev.mainstay.time.Sleeper;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.random.RandomGenerator;

/**
 * The reliability links, built from one {@link ReliabilityConfig} for a list of model endpoints, sharing one clock,
 * sleeper, jitter source and listener. It builds the links; it does not order them: the composition root puts each
 * in its slot of the model chain ({@code FALLBACK → BREAKER → RETRY → CONCURRENCY → DEADLINE}) and the tool chain
 * ({@code BREAKER → BULKHEAD}).
 *
 * <p>Why that order:
 * <ul>
 *   <li><b>fallback outermost</b>: it sees each endpoint's final verdict (refused, failed after retries).</li>
 *   <li><b>breaker outside retry</b>: it records one outcome per logical call, and an open breaker refuses before
 *       any attempt or backoff, so the fallback moves on at once.</li>
 *   <li><b>adaptive concurrency inside retry</b>: every attempt's 429/529 shrinks the window immediately, and a call
 *       does not hold a slot while it sleeps between attempts.</li>
 *   <li><b>deadline innermost</b>: each attempt gets {@code min(attempt timeout, run time left)}.</li>
 *   <li><b>tool breaker → bulkhead</b>: a full bulkhead is not a tool failure.</li>
 * </ul>
 * Each endpoint has its own circuit breaker, retry budget, rate limit and adaptive limit, even when endpoints share a provider
 * client: Anthropic's capacity and rate limits are per model, and a limit shared with the overloaded primary would
 * throttle the very fallback meant to absorb its traffic. Immutable once built; thread-safe.
 */
public final class ReliabilityStack {
    private final List<ModelEndpoint> endpoints;
    private final FallbackInterceptor fallback;
    private final ModelCircuitBreakerInterceptor modelBreaker;
    private final RetryInterceptor retry;
    private final RateLimits rateLimits;
    private final AdaptiveConcurrencyInterceptor concurrency;
    private final DeadlineInterceptor deadline;
    private final ToolCircuitBreakerInterceptor toolBreaker;
    private final ToolBulkheadInterceptor toolBulkhead;

    private ReliabilityStack(Builder b, ReliabilityListener listener) {
        var config = b.config;
        var clock = b.clock;
        var classifier = new RetryClassifier(clock);
        this.endpoints = List.copyOf(b.endpoints);
        var names = endpoints.stream().map(ModelEndpoint::name).toList();
        this.fallback = new FallbackInterceptor(endpoints, classifier, listener);
        this.modelBreaker = new ModelCircuitBreakerInterceptor(names, config.modelBreaker(), classifier, clock, listener);
        this.rateLimits = new RateLimits(names, clock);
        // retries stop once the endpoint's breaker has opened, and a rate-limited endpoint is skipped at once when a
        // later endpoint in the fallback order could take the call
        this.retry = new RetryInterceptor(names, config.retry(), config.retryBudget(), classifier, b.sleeper, b.random,
                clock, listener, new Neighbours(names), rateLimits);
        this.concurrency = new AdaptiveConcurrencyInterceptor(names, config.modelConcurrency(), classifier, clock,
                listener);
        this.deadline = new DeadlineInterceptor(config.modelAttemptTimeout(), listener);
        this.toolBreaker = new ToolCircuitBreakerInterceptor(config.toolBreaker(), clock, listener);
        this.toolBulkhead = new ToolBulkheadInterceptor(config.toolBulkhead(), listener);
        if (b.metrics != null) {
            retry.budgets().values().forEach(b.metrics::monitor);
            names.forEach(name -> {
                b.metrics.monitor(concurrency, name);
                b.metrics.monitor(modelBreaker, name);
                b.metrics.monitor(rateLimits, name);
                b.metrics.monitor(fallback, name);
            });
        }
    }

    /**
     * The breaker state of each endpoint, and whether an endpoint after it in the fallback order could take a call
     * now: its breaker admits calls and it is not rate-limited.
     */
    private final class Neighbours implements RetryInterceptor.EndpointView {
        private final List<String> order;

        Neighbours(List<String> order) {
            this.order = order;
        }

        @Override
        public BreakerState breakerState(String endpoint) {
            return modelBreaker.state(endpoint);
        }

        @Override
        public boolean hasAlternative(String endpoint) {
            int at = order.indexOf(endpoint);
            if (at < 0) {
                return false;
            }
            for (int i = at + 1; i < order.size(); i++) {
                var next = order.get(i);
                if (modelBreaker.admitsCalls(next) && !rateLimits.isLimited(next)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** What the links did for {@code endpoint} since start-up. */
    public EndpointFigures figures(String endpoint) {
        var budget = retry.budget(endpoint);
        return new EndpointFigures(budget.firstAttempts(), budget.retriesAllowed(), budget.retriesDenied(),
                fallback.skipped(endpoint), rateLimits.probes(endpoint), rateLimits.limitsRecorded(endpoint));
    }

    /** {@link #figures(String)} of every endpoint, in fallback order. */
    public java.util.Map<String, EndpointFigures> figures() {
        var all = new java.util.LinkedHashMap<String, EndpointFigures>();
        endpoints.forEach(e -> all.put(e.name(), figures(e.name())));
        return all;
    }

    /** The rate-limit state of every endpoint, which the retry link records and honours. */
    public RateLimits rateLimits() {
        return rateLimits;
    }

    public static Builder builder(ReliabilityConfig config) {
        return new Builder(config);
    }

    /**
     * {@code primaryModel} on {@code provider}, then each of {@code fallbackModels} on the same provider, named
     * {@code <provider name>:<model>}; a fallback equal to the primary is left out. The primary endpoint sends the
     * model the request names (the agent asks for {@code primaryModel}; routing and the compaction summariser ask for
     * another), each fallback its own fixed model.
     */
    public static List<ModelEndpoint> endpoints(String primaryModel, List<String> fallbackModels, ModelClient provider) {
        var models = new ArrayList<String>();
        models.add(primaryModel);
        fallbackModels.stream().filter(m -> !models.contains(m)).forEach(models::add);
        var endpoints = new ArrayList<ModelEndpoint>();
        for (var m : models) {
            endpoints.add(new ModelEndpoint(provider.name() + ":" + m, endpoints.isEmpty() ? "" : m, provider));
        }
        return List.copyOf(endpoints);
    }

    /** The endpoints, in the order the fallback link tries them. */
    public List<ModelEndpoint> endpoints() {
        return endpoints;
    }

    /** The {@code FALLBACK} link. */
    public FallbackInterceptor fallback() {
        return fallback;
    }

    /** The model {@code BREAKER} link. */
    public ModelCircuitBreakerInterceptor modelBreaker() {
        return modelBreaker;
    }

    /** The {@code RETRY} link. */
    public RetryInterceptor retry() {
        return retry;
    }

    /** The {@code CONCURRENCY} link. */
    public AdaptiveConcurrencyInterceptor concurrency() {
        return concurrency;
    }

    /** The {@code DEADLINE} link. */
    public DeadlineInterceptor deadline() {
        return deadline;
    }

    /** The tool {@code BREAKER} link. */
    public ToolCircuitBreakerInterceptor toolBreaker() {
        return toolBreaker;
    }

    /** The tool {@code BULKHEAD} link. */
    public ToolBulkheadInterceptor toolBulkhead() {
        return toolBulkhead;
    }

    /** Readiness checks: the breakers of every model endpoint (essential) and of every tool (optional). */
    public List<HealthCheck> healthChecks() {
        return List.of(new BreakerHealthCheck("breakers", List.of(modelBreaker), List.of(toolBreaker)));
    }

    /** Collects the stack's collaborators. Not thread-safe; build once at start-up. */
    public static final class Builder {
        private final ReliabilityConfig config;
        private final List<ModelEndpoint> endpoints = new ArrayList<>();
        private InstantSource clock = InstantSource.system();
        private Sleeper sleeper = Sleeper.system();
        private RandomGenerator random = new Random();
        private ReliabilityListener listener = ReliabilityListener.NONE;
        private MicrometerReliabilityListener metrics;

        private Builder(ReliabilityConfig config) {
            this.config = Objects.requireNonNull(config, "config");
        }

        /** Adds endpoints; the fallback link tries them in the order added. */
        public Builder endpoints(List<ModelEndpoint> more) {
            endpoints.addAll(more);
            return this;
        }

        public Builder endpoint(ModelEndpoint endpoint) {
            endpoints.add(Objects.requireNonNull(endpoint, "endpoint"));
            return this;
        }

        public Builder clock(InstantSource value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        public Builder sleeper(Sleeper value) {
            this.sleeper = Objects.requireNonNull(value, "sleeper");
            return this;
        }

        /** The jitter source; seed it in tests. Used under a lock, so it need not be thread-safe. */
        public Builder random(RandomGenerator value) {
            this.random = Objects.requireNonNull(value, "random");
            return this;
        }

        public Builder listener(ReliabilityListener value) {
            this.listener = Objects.requireNonNull(value, "listener");
            return this;
        }

        /** Records events and live gauges on {@code registry}, in addition to the {@link #listener}. */
        public Builder metrics(MeterRegistry registry) {
            this.metrics = new MicrometerReliabilityListener(registry);
            return this;
        }

        public ReliabilityStack build() {
            if (endpoints.isEmpty()) {
                throw new IllegalStateException("a reliability stack needs at least one model endpoint");
            }
            var all = metrics == null ? listener : ReliabilityListener.composite(List.of(listener, metrics));
            return new ReliabilityStack(this, ReliabilityListener.safe(all));
        }
    }
}
