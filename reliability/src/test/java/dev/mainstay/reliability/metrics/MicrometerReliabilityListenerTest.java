package dev.mainstay.reliability.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mainstay.reliability.breaker.BreakerState;
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
import org.junit.jupiter.api.Test;

class MicrometerReliabilityListenerTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final MicrometerReliabilityListener metrics = new MicrometerReliabilityListener(registry);

    @Test
    void countsRetriesByEndpointAndCauseAndTimesTheirBackoff() {
        metrics.onEvent(new RetryScheduled("sonnet", 1, Duration.ofMillis(400), "overloaded_error"));
        metrics.onEvent(new RetryScheduled("sonnet", 2, Duration.ofMillis(900), "overloaded_error"));

        assertThat(registry.get("mainstay.model.retries").tags("endpoint", "sonnet", "cause", "overloaded_error")
                .counter().count()).isEqualTo(2);
        assertThat(registry.get("mainstay.model.retry.delay").timer().totalTime(java.util.concurrent.TimeUnit.MILLISECONDS))
                .isEqualTo(1300);
    }

    @Test
    void followsBreakerStatesLimitsRejectionsAndFallbacks() {
        metrics.onEvent(new BreakerStateChanged("tool:web_search", BreakerState.CLOSED, BreakerState.OPEN));
        metrics.onEvent(new LimitChanged("anthropic", 20, 10));
        metrics.onEvent(new CallRejected("circuit-breaker:sonnet", "circuit_open"));
        metrics.onEvent(new FallbackUsed("sonnet", "haiku", "circuit_open"));

        assertThat(registry.get("mainstay.breaker.state").tag("name", "tool:web_search").gauge().value()).isEqualTo(1);
        assertThat(registry.get("mainstay.concurrency.limit").tag("name", "anthropic").gauge().value()).isEqualTo(10);
        assertThat(registry.get("mainstay.calls.rejected").tag("reason", "circuit_open").counter().count()).isEqualTo(1);
        assertThat(registry.get("mainstay.model.fallbacks").tags("from", "sonnet", "to", "haiku").counter().count())
                .isEqualTo(1);
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
}
