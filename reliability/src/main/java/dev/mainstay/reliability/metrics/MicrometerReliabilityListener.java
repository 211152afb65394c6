package dev.mainstay.reliability.metrics;

import dev.mainstay.reliability.breaker.BreakerState;
import dev.mainstay.reliability.breaker.ModelCircuitBreakerInterceptor;
import dev.mainstay.reliability.bulkhead.AdaptiveConcurrencyInterceptor;
import dev.mainstay.reliability.event.ReliabilityEvent;
import dev.mainstay.reliability.event.ReliabilityEvent.BreakerStateChanged;
import dev.mainstay.reliability.event.ReliabilityEvent.CallRejected;
import dev.mainstay.reliability.event.ReliabilityEvent.FallbackUsed;
import dev.mainstay.reliability.event.ReliabilityEvent.LimitChanged;
import dev.mainstay.reliability.event.ReliabilityEvent.RetryBudgetExhausted;
import dev.mainstay.reliability.event.ReliabilityEvent.RetryGaveUp;
import dev.mainstay.reliability.event.ReliabilityEvent.RetryScheduled;
import dev.mainstay.reliability.event.ReliabilityEvent.ToolDegraded;
import dev.mainstay.reliability.event.ReliabilityEvent.ToolTimedOut;
import dev.mainstay.reliability.event.ReliabilityListener;
import dev.mainstay.reliability.fallback.FallbackInterceptor;
import dev.mainstay.reliability.ratelimit.RateLimits;
import dev.mainstay.reliability.retry.RetryBudget;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Records reliability events as Micrometer meters. Counters and timers come from events; gauges of live state
 * (budget balance, concurrency limit, breaker state) are registered with the {@code monitor} methods, and breaker
 * states and limits also follow their change events for breakers created later (one per tool).
 *
 * <table>
 *   <caption>Meters</caption>
 *   <tr><td>{@code mainstay.model.retries}</td><td>counter</td><td>endpoint, cause</td></tr>
 *   <tr><td>{@code mainstay.model.retry.delay}</td><td>timer</td><td>endpoint</td></tr>
 *   <tr><td>{@code mainstay.model.retry.give_ups}</td><td>counter</td><td>endpoint, cause, reason</td></tr>
 *   <tr><td>{@code mainstay.retry_budget.exhausted}</td><td>counter</td><td>endpoint, cause</td></tr>
 *   <tr><td>{@code mainstay.retry_budget.balance}</td><td>gauge</td><td>endpoint</td></tr>
 *   <tr><td>{@code mainstay.retry_budget.retries}</td><td>function counter</td><td>endpoint, outcome</td></tr>
 *   <tr><td>{@code mainstay.model.first_attempts}</td><td>function counter</td><td>endpoint</td></tr>
 *   <tr><td>{@code mainstay.retry_budget.retries_per_first_attempt}</td><td>gauge</td><td>endpoint</td></tr>
 *   <tr><td>{@code mainstay.model.skipped}</td><td>function counter</td><td>endpoint, reason</td></tr>
 *   <tr><td>{@code mainstay.model.rate_limited}</td><td>gauge 0/1</td><td>endpoint</td></tr>
 *   <tr><td>{@code mainstay.model.rate_limit.probes}, {@code .recorded}</td><td>function counter</td><td>endpoint</td></tr>
 *   <tr><td>{@code mainstay.breaker.state}</td><td>gauge 0/1/2</td><td>name</td></tr>
 *   <tr><td>{@code mainstay.breaker.transitions}</td><td>counter</td><td>name, from, to</td></tr>
 *   <tr><td>{@code mainstay.calls.rejected}</td><td>counter</td><td>policy, reason</td></tr>
 *   <tr><td>{@code mainstay.model.fallbacks}</td><td>counter</td><td>from, to, cause</td></tr>
 *   <tr><td>{@code mainstay.concurrency.limit}, {@code .in_flight}</td><td>gauge</td><td>name</td></tr>
 *   <tr><td>{@code mainstay.tool.degraded}</td><td>counter</td><td>tool, reason</td></tr>
 *   <tr><td>{@code mainstay.tool.timeouts}</td><td>counter</td><td>tool</td></tr>
 * </table>
 *
 * Tag values are endpoint, policy and tool names and stable codes: their number is bounded by configuration.
 * Thread-safe.
 */
public final class MicrometerReliabilityListener implements ReliabilityListener {
    private final MeterRegistry registry;
    private final ConcurrentHashMap<String, AtomicInteger> breakerStates = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, AtomicInteger> limits = new ConcurrentHashMap<>();

    public MicrometerReliabilityListener(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    @Override
    public void onEvent(ReliabilityEvent event) {
        switch (event) {
            case RetryScheduled e -> {
                counter("mainstay.model.retries", "endpoint", e.endpoint(), "cause", e.causeCode());
                Timer.builder("mainstay.model.retry.delay").tag("endpoint", e.endpoint())
                        .description("backoff waited before a retry").register(registry).record(e.delay());
            }
            case RetryGaveUp e -> counter("mainstay.model.retry.give_ups",
                    "endpoint", e.endpoint(), "cause", e.causeCode(), "reason", e.reason());
            case RetryBudgetExhausted e -> counter("mainstay.retry_budget.exhausted",
                    "endpoint", e.endpoint(), "cause", e.causeCode());
            case BreakerStateChanged e -> {
                counter("mainstay.breaker.transitions", "name", e.name(), "from", e.from().name(), "to", e.to().name());
                breakerHolder(e.name()).set(e.to().gaugeValue());
            }
            case CallRejected e -> counter("mainstay.calls.rejected", "policy", e.policy(), "reason", e.reason());
            case FallbackUsed e -> counter("mainstay.model.fallbacks",
                    "from", e.from(), "to", e.to(), "cause", e.causeCode());
            case LimitChanged e -> limitHolder(e.name()).set(e.newLimit());
            case ToolDegraded e -> counter("mainstay.tool.degraded", "tool", e.tool(), "reason", e.reason());
            case ToolTimedOut e -> counter("mainstay.tool.timeouts", "tool", e.tool());
        }
    }

    /** Registers the balance gauge and the allowed/denied retry counters of {@code budget}. */
    public void monitor(RetryBudget budget) {
        Gauge.builder("mainstay.retry_budget.balance", budget, RetryBudget::balance)
                .tag("endpoint", budget.name()).description("retry tokens available").strongReference(true)
                .register(registry);
        FunctionCounter.builder("mainstay.retry_budget.retries", budget, RetryBudget::retriesAllowed)
                .tags("endpoint", budget.name(), "outcome", "allowed").register(registry);
        FunctionCounter.builder("mainstay.retry_budget.retries", budget, RetryBudget::retriesDenied)
                .tags("endpoint", budget.name(), "outcome", "denied").register(registry);
        FunctionCounter.builder("mainstay.model.first_attempts", budget, RetryBudget::firstAttempts)
                .tag("endpoint", budget.name()).description("calls sent to the endpoint for the first time")
                .register(registry);
        Gauge.builder("mainstay.retry_budget.retries_per_first_attempt", budget, RetryBudget::retriesPerFirstAttempt)
                .tag("endpoint", budget.name()).description("retries per first attempt since start-up")
                .strongReference(true).register(registry);
    }

    /** Registers whether {@code endpoint} is rate-limited now (0/1), and its probes and recorded limits. */
    public void monitor(RateLimits limits, String endpoint) {
        Gauge.builder("mainstay.model.rate_limited", limits, l -> l.isLimited(endpoint) ? 1 : 0)
                .tag("endpoint", endpoint).strongReference(true).register(registry);
        FunctionCounter.builder("mainstay.model.rate_limit.probes", limits, l -> l.probes(endpoint))
                .tag("endpoint", endpoint).register(registry);
        FunctionCounter.builder("mainstay.model.rate_limit.recorded", limits, l -> l.limitsRecorded(endpoint))
                .tag("endpoint", endpoint).register(registry);
    }

    /** Registers the calls the fallback sent on from {@code endpoint} without its retries, by reason. */
    public void monitor(FallbackInterceptor fallback, String endpoint) {
        for (var reason : FallbackInterceptor.SKIP_REASONS) {
            FunctionCounter.builder("mainstay.model.skipped", fallback,
                            f -> f.skippedByReason(endpoint).getOrDefault(reason, 0L))
                    .tags("endpoint", endpoint, "reason", reason).register(registry);
        }
    }

    /** Registers the limit and in-flight gauges of {@code endpoint} on {@code limiter}. */
    public void monitor(AdaptiveConcurrencyInterceptor limiter, String endpoint) {
        Gauge.builder("mainstay.concurrency.limit", limiter, l -> l.limit(endpoint))
                .tag("name", endpoint).strongReference(true).register(registry);
        Gauge.builder("mainstay.concurrency.in_flight", limiter, l -> l.inFlight(endpoint))
                .tag("name", endpoint).strongReference(true).register(registry);
    }

    /** Registers the state gauge of {@code endpoint}'s breaker: 0 closed, 1 open, 2 half-open. */
    public void monitor(ModelCircuitBreakerInterceptor breaker, String endpoint) {
        Gauge.builder("mainstay.breaker.state", breaker, b -> b.state(endpoint).gaugeValue())
                .tag("name", endpoint).strongReference(true).register(registry);
    }

    private void counter(String name, String... tags) {
        Counter.builder(name).tags(tags).register(registry).increment();
    }

    /** A gauge fed by events, unless {@code monitor} already registered one that reads the live state. */
    private void registerUnlessMonitored(String meter, String name, AtomicInteger holder) {
        if (registry.find(meter).tag("name", name).gauge() == null) {
            Gauge.builder(meter, holder, AtomicInteger::get).tag("name", name).register(registry);
        }
    }

    private AtomicInteger breakerHolder(String name) {
        return breakerStates.computeIfAbsent(name, n -> {
            var holder = new AtomicInteger(BreakerState.CLOSED.gaugeValue());
            registerUnlessMonitored("mainstay.breaker.state", n, holder);
            return holder;
        });
    }

    private AtomicInteger limitHolder(String name) {
        return limits.computeIfAbsent(name, n -> {
            var holder = new AtomicInteger();
            registerUnlessMonitored("mainstay.concurrency.limit", n, holder);
            return holder;
        });
    }
}
