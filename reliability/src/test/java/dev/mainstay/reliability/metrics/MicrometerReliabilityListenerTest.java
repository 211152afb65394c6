package dev.mainstay.reliability.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mainstay.reliability.RetryClassifier;
import dev.mainstay.reliability.breaker.BreakerState;
import dev.mainstay.reliability.breaker.CircuitBreakerConfig;
import dev.mainstay.reliability.breaker.ModelCircuitBreakerInterceptor;
import dev.mainstay.reliability.bulkhead.AdaptiveConcurrencyConfig;
import dev.mainstay.reliability.bulkhead.AdaptiveConcurrencyInterceptor;
import dev.mainstay.reliability.event.ReliabilityEvent.BreakerStateChanged;
import dev.mainstay.reliability.event.ReliabilityEvent.CallRejected;
import dev.mainstay.reliability.event.ReliabilityEvent.FallbackUsed;
import dev.mainstay.reliability.event.ReliabilityEvent.LimitChanged;
import dev.mainstay.reliability.event.ReliabilityEvent.RetryScheduled;
import dev.mainstay.reliability.retry.RetryBudget;
import dev.mainstay.reliability.retry.RetryBudgetConfig;
import dev.mainstay.testing.FakeClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class MicrometerReliabilityListenerTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final MicrometerReliabilityListener metrics = new MicrometerReliabilityListener(registry);

    @Test
    void countsRetriesByEndpointAndCauseAndTimesTheirBackoff() {
        metrics.onEvent(new RetryScheduled("run_1", "sonnet", 1, Duration.ofMillis(400), "overloaded_error"));
        metrics.onEvent(new RetryScheduled("run_1", "sonnet", 2, Duration.ofMillis(900), "overloaded_error"));

        assertThat(registry.get("mainstay.model.retries").tags("endpoint", "sonnet", "cause", "overloaded_error")
                .counter().count()).isEqualTo(2);
        assertThat(registry.get("mainstay.model.retry.delay").timer().totalTime(java.util.concurrent.TimeUnit.MILLISECONDS))
                .isEqualTo(1300);
    }

    @Test
    void followsBreakerStatesLimitsRejectionsAndFallbacks() {
        metrics.onEvent(new BreakerStateChanged("run_1", "tool:web_search", BreakerState.CLOSED, BreakerState.OPEN));
        metrics.onEvent(new LimitChanged("run_1", "anthropic", 20, 10));
        metrics.onEvent(new CallRejected("run_1", "circuit-breaker:sonnet", "circuit_open"));
        metrics.onEvent(new FallbackUsed("run_1", "sonnet", "haiku", "circuit_open"));

        assertThat(registry.get("mainstay.breaker.state").tag("name", "tool:web_search").gauge().value()).isEqualTo(1);
        assertThat(registry.get("mainstay.concurrency.limit").tag("name", "anthropic").gauge().value()).isEqualTo(10);
        assertThat(registry.get("mainstay.calls.rejected").tag("reason", "circuit_open").counter().count()).isEqualTo(1);
        assertThat(registry.get("mainstay.model.fallbacks").tags("from", "sonnet", "to", "haiku").counter().count())
                .isEqualTo(1);
    }

    @Test
    void exportsFirstAttemptsRetriesPerFirstAttemptAndRateLimits() {
        var clock = new FakeClock();
        var budget = new RetryBudget("sonnet", new RetryBudgetConfig(0.5, 0, 10), clock);
        var limits = new dev.mainstay.reliability.ratelimit.RateLimits(java.util.List.of("sonnet"), clock);
        metrics.monitor(budget);
        metrics.monitor(limits, "sonnet");
        for (var i = 0; i < 4; i++) {
            budget.recordRequest();
        }
        budget.tryAcquireRetry();
        limits.limit("sonnet", clock.instant().plusSeconds(20));

        assertThat(registry.get("mainstay.model.first_attempts").tag("endpoint", "sonnet").functionCounter().count())
                .isEqualTo(4);
        assertThat(registry.get("mainstay.retry_budget.retries_per_first_attempt").tag("endpoint", "sonnet").gauge()
                .value()).isEqualTo(0.25);
        assertThat(registry.get("mainstay.model.rate_limited").tag("endpoint", "sonnet").gauge().value()).isEqualTo(1);
        assertThat(registry.get("mainstay.model.rate_limit.recorded").tag("endpoint", "sonnet").functionCounter()
                .count()).isEqualTo(1);
    }

    @Test
    void exportsTheRetryBudgetBalanceAndItsAllowedAndDeniedRetries() {
        var budget = new RetryBudget("sonnet", new RetryBudgetConfig(0.5, 0, 10), new FakeClock());
        metrics.monitor(budget);
        budget.recordRequest();
        budget.recordRequest();
        budget.recordRequest();
        budget.tryAcquireRetry();
        budget.tryAcquireRetry();

        assertThat(registry.get("mainstay.retry_budget.balance").tag("endpoint", "sonnet").gauge().value()).isEqualTo(0.5);
        assertThat(registry.get("mainstay.retry_budget.retries").tag("outcome", "allowed").functionCounter().count())
                .isEqualTo(1);
        assertThat(registry.get("mainstay.retry_budget.retries").tag("outcome", "denied").functionCounter().count())
                .isEqualTo(1);
    }

    @Test
    void exportsTheLiveLimitAndBreakerStateOfEachEndpointItMonitors() {
        var clock = new FakeClock();
        var endpoints = List.of("anthropic:sonnet", "anthropic:haiku");
        var limiter = new AdaptiveConcurrencyInterceptor(endpoints, AdaptiveConcurrencyConfig.DEFAULT,
                new RetryClassifier(clock), clock, metrics);
        var breaker = new ModelCircuitBreakerInterceptor(endpoints, CircuitBreakerConfig.DEFAULT,
                new RetryClassifier(clock), clock, metrics);
        endpoints.forEach(endpoint -> {
            metrics.monitor(limiter, endpoint);
            metrics.monitor(breaker, endpoint);
        });

        for (var endpoint : endpoints) {
            assertThat(registry.get("mainstay.concurrency.limit").tag("name", endpoint).gauge().value())
                    .isEqualTo(AdaptiveConcurrencyConfig.DEFAULT_INITIAL_LIMIT);
            assertThat(registry.get("mainstay.concurrency.in_flight").tag("name", endpoint).gauge().value()).isZero();
            assertThat(registry.get("mainstay.breaker.state").tag("name", endpoint).gauge().value())
                    .isEqualTo(BreakerState.CLOSED.gaugeValue());
        }
    }

    @Test
    void aMonitoredGaugeReadsTheLiveStateAndEventsRegisterNoSecondOne() {
        var clock = new FakeClock();
        var limiter = new AdaptiveConcurrencyInterceptor(List.of("anthropic:sonnet"), AdaptiveConcurrencyConfig.DEFAULT,
                new RetryClassifier(clock), clock, metrics);
        metrics.monitor(limiter, "anthropic:sonnet");

        metrics.onEvent(new LimitChanged("run_1", "anthropic:sonnet", 20, 5));

        assertThat(registry.find("mainstay.concurrency.limit").tag("name", "anthropic:sonnet").gauges()).hasSize(1);
        assertThat(registry.get("mainstay.concurrency.limit").tag("name", "anthropic:sonnet").gauge().value())
                .isEqualTo(AdaptiveConcurrencyConfig.DEFAULT_INITIAL_LIMIT);
    }
}
