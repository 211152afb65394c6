package dev.mainstay.reliability;

import dev.mainstay.model.ModelClient;
import dev.mainstay.model.ModelPipeline;
import dev.mainstay.reliability.breaker.BreakerState;
import dev.mainstay.reliability.breaker.ModelCircuitBreakerInterceptor;
import dev.mainstay.reliability.breaker.ToolCircuitBreakerInterceptor;
import dev.mainstay.reliability.bulkhead.AdaptiveConcurrencyInterceptor;
import dev.mainstay.reliability.bulkhead.ToolBulkheadInterceptor;
import dev.mainstay.reliability.deadline.DeadlineInterceptor;
import dev.mainstay.reliability.event.ReliabilityListener;
import dev.mainstay.reliability.fallback.FallbackModelClient;
import dev.mainstay.reliability.fallback.ModelEndpoint;
import dev.mainstay.reliability.health.BreakerHealthCheck;
import dev.mainstay.reliability.health.HealthCheck;
import dev.mainstay.reliability.metrics.MicrometerReliabilityListener;
import dev.mainstay.reliability.retry.RetryBudget;
import dev.mainstay.reliability.retry.RetryInterceptor;
import dev.mainstay.time.Sleeper;
import dev.mainstay.tool.ToolInterceptor;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.random.RandomGenerator;

/**
 * Assembles the reliability interceptors, in the one place where their order is written down.
 *
 * <pre>
 * model call:  FallbackModelClient
 *                └─ per endpoint: circuit breaker → retry → adaptive concurrency → deadline → provider
 * tool call:   circuit breaker → bulkhead → deadline → (journal) → tool
 * </pre>
 *
 * Why this order:
 * <ul>
 *   <li><b>fallback outermost</b>: it sees each endpoint's final verdict (open, exhausted, failed after retries).</li>
 *   <li><b>breaker outside retry</b>: it records one outcome per logical call, and an open breaker refuses before
 *       any attempt or backoff, so the fallback moves on at once.</li>
 *   <li><b>adaptive concurrency inside retry</b>: every attempt's 429/529 shrinks the window immediately, and a call
 *       does not hold a slot while it sleeps between attempts.</li>
 *   <li><b>deadline innermost</b>: each attempt gets {@code min(attempt timeout, run time left)}.</li>
 *   <li><b>tool breaker → bulkhead → deadline</b>: a full bulkhead is not a tool failure, and time spent waiting
 *       for a slot does not eat the tool's own timeout.</li>
 * </ul>
 * Each endpoint has its own circuit breaker, retry budget and adaptive limiter, even when endpoints share a
 * provider client: Anthropic's capacity and rate limits are per model, and a limiter shared with the overloaded
 * primary would throttle the very fallback meant to absorb its traffic. Immutable once built; thread-safe.
 */
public final class ReliabilityStack {
    private final FallbackModelClient modelClient;
    private final List<ToolInterceptor> toolInterceptors;
    private final List<ModelCircuitBreakerInterceptor> modelBreakers;
    private final ToolCircuitBreakerInterceptor toolBreaker;
    private final List<RetryBudget> budgets;
    private final List<AdaptiveConcurrencyInterceptor> limiters;

    private ReliabilityStack(Builder b, ReliabilityListener listener) {
        var clock = b.clock;
        var config = b.config;
        var classifier = new RetryClassifier(clock);
        var limiterList = new ArrayList<AdaptiveConcurrencyInterceptor>();
        var endpoints = new ArrayList<ModelEndpoint>();
        var breakers = new ArrayList<ModelCircuitBreakerInterceptor>();
        var budgetList = new ArrayList<RetryBudget>();
        for (var spec : b.endpoints) {
            var breaker = new ModelCircuitBreakerInterceptor(spec.name(), config.modelBreaker(), classifier, clock, listener);
            var budget = new RetryBudget(spec.name(), config.retryBudget(), clock);
            // retries stop once this endpoint's breaker has opened: no more attempts at an endpoint known to be down
            var retry = new RetryInterceptor(spec.name(), config.retry(), budget, classifier, b.sleeper, b.random,
                    listener, () -> breaker.state() == BreakerState.OPEN);
            var limiter = new AdaptiveConcurrencyInterceptor(
                    spec.name(), config.modelConcurrency(), classifier, clock, listener);
            var deadline = new DeadlineInterceptor(config.modelAttemptTimeout(), listener);
            // THE model-side order: breaker → retry → adaptive concurrency → deadline → provider
            var pipeline = ModelPipeline.of(List.of(breaker, retry, limiter, deadline), spec.client());
            endpoints.add(new ModelEndpoint(spec.name(), spec.model(), pipeline));
            breakers.add(breaker);
            budgetList.add(budget);
            limiterList.add(limiter);
        }
        this.modelClient = new FallbackModelClient(endpoints, classifier, listener);
        this.toolBreaker = new ToolCircuitBreakerInterceptor(config.toolBreaker(), clock, listener);
        // THE tool-side order: breaker → bulkhead (the tool comes after). A tool call's deadline is the loop's:
        // it waits for a concurrent call until min(tool timeout, run deadline), then interrupts it (ADR 0006).
        this.toolInterceptors = List.of(
                toolBreaker,
                new ToolBulkheadInterceptor(config.toolBulkhead(), listener));
        this.modelBreakers = List.copyOf(breakers);
        this.budgets = List.copyOf(budgetList);
        this.limiters = List.copyOf(limiterList);
        if (b.metrics != null) {
            budgets.forEach(b.metrics::monitor);
            limiters.forEach(b.metrics::monitor);
            modelBreakers.forEach(b.metrics::monitor);
        }
    }

    public static Builder builder(ReliabilityConfig config) {
        return new Builder(config);
    }

    /** The model client to give the agent loop: fallback over every endpoint's pipeline. */
    public ModelClient modelClient() {
        return modelClient;
    }

    /** Tool interceptors in order; put them after permission and schema checks and before the journal. */
    public List<ToolInterceptor> toolInterceptors() {
        return toolInterceptors;
    }

    /** Readiness checks: the breakers of every model endpoint (essential) and of every tool (optional). */
    public List<HealthCheck> healthChecks() {
        return List.of(new BreakerHealthCheck("breakers", modelBreakers, List.of(toolBreaker)));
    }

    public List<ModelCircuitBreakerInterceptor> modelBreakers() {
        return modelBreakers;
    }

    public ToolCircuitBreakerInterceptor toolBreaker() {
        return toolBreaker;
    }

    public List<RetryBudget> retryBudgets() {
        return budgets;
    }

    public List<AdaptiveConcurrencyInterceptor> concurrencyLimiters() {
        return limiters;
    }

    /** Collects the stack's collaborators. Not thread-safe; build once at start-up. */
    public static final class Builder {
        private record EndpointSpec(String name, String model, ModelClient client) {}

        private final ReliabilityConfig config;
        private final List<EndpointSpec> endpoints = new ArrayList<>();
        private InstantSource clock = InstantSource.system();
        private Sleeper sleeper = Sleeper.system();
        private RandomGenerator random = new Random();
        private ReliabilityListener listener = ReliabilityListener.NONE;
        private MicrometerReliabilityListener metrics;

        private Builder(ReliabilityConfig config) {
            this.config = Objects.requireNonNull(config, "config");
        }

        /** Adds an endpoint; endpoints are tried in the order they are added. */
        public Builder endpoint(String name, String model, ModelClient provider) {
            endpoints.add(new EndpointSpec(name, model, Objects.requireNonNull(provider, "provider")));
            return this;
        }

        /**
         * Adds {@code primaryModel} on {@code provider}, then each of {@link ReliabilityConfig#fallbackModels()} on
         * the same provider, named {@code <provider name>:<model>}.
         */
        public Builder models(String primaryModel, ModelClient provider) {
            var models = new ArrayList<String>();
            models.add(primaryModel);
            config.fallbackModels().stream().filter(m -> !m.equals(primaryModel)).forEach(models::add);
            models.forEach(model -> endpoint(provider.name() + ":" + model, model, provider));
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
