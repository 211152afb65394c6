package dev.mainstay.reliability.retry;

import static dev.mainstay.model.ModelChain.Slot.RETRY;
import static dev.mainstay.reliability.testing.Fixtures.ENDPOINT;
import static dev.mainstay.reliability.testing.Fixtures.context;
import static dev.mainstay.reliability.testing.Fixtures.overloaded;
import static dev.mainstay.reliability.testing.Fixtures.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mainstay.reliability.RetryClassifier;
import dev.mainstay.reliability.event.ReliabilityEvent.RetryBudgetExhausted;
import dev.mainstay.reliability.testing.Chains;
import dev.mainstay.reliability.testing.RecordingListener;
import dev.mainstay.reliability.testing.ScriptedModelClient;
import dev.mainstay.testing.FakeClock;
import dev.mainstay.testing.RecordingSleeper;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RetryBudgetTest {
    private final FakeClock clock = new FakeClock();

    @Test
    void retryBudgetCapsExtraAttemptsAtTheRatioUnderAFullOutage() {
        var provider = new ScriptedModelClient().alwaysFail(overloaded());
        var events = new RecordingListener();
        // the sleeper does not move the clock: the whole outage falls in one second of reserve
        var retry = new RetryInterceptor(List.of(ENDPOINT), RetryConfig.DEFAULT, RetryBudgetConfig.DEFAULT,
                new RetryClassifier(clock), new RecordingSleeper(), new Random(3), clock, events, endpoint -> false);
        var chain = Chains.oneLink(RETRY, retry, provider);

        for (var i = 0; i < 1000; i++) {
            assertThatThrownBy(() -> chain.call(request(), context(clock)));
        }

        var budget = retry.budget(ENDPOINT);
        var allowance = 1000 * RetryBudgetConfig.DEFAULT_RATIO + RetryBudgetConfig.DEFAULT_MIN_RETRIES_PER_SECOND;
        assertThat(provider.calls()).isLessThanOrEqualTo((int) (1000 + allowance)).isGreaterThan(1000);
        assertThat(budget.retriesAllowed()).isEqualTo(provider.calls() - 1000L);
        assertThat(budget.retriesDenied()).isPositive();
        assertThat(events.events(RetryBudgetExhausted.class)).hasSize((int) budget.retriesDenied());
    }

    @Test
    void aQuietEndpointCanStillRetryFromTheReservePerSecond() {
        var budget = new RetryBudget("quiet", RetryBudgetConfig.DEFAULT.withMinRetriesPerSecond(2), clock);

        assertThat(budget.tryAcquireRetry()).isTrue();
        assertThat(budget.tryAcquireRetry()).isTrue();
        assertThat(budget.tryAcquireRetry()).isFalse();
        clock.advance(Duration.ofSeconds(1));
        assertThat(budget.tryAcquireRetry()).isTrue();
    }

    @Test
    void firstAttemptsDepositTheRatioUpToTheMaximumBalance() {
        var budget = new RetryBudget("a", new RetryBudgetConfig(0.5, 0, 2), clock);

        budget.recordRequest();
        assertThat(budget.balance()).isEqualTo(0.5);
        assertThat(budget.tryAcquireRetry()).isFalse();
        budget.recordRequest();
        assertThat(budget.tryAcquireRetry()).isTrue();
        for (var i = 0; i < 100; i++) {
            budget.recordRequest();
        }
        assertThat(budget.balance()).isEqualTo(2.0);
    }

    @Test
    void concurrentWithdrawalsNeverOverdrawTheBalance() throws Exception {
        var budget = new RetryBudget("a", new RetryBudgetConfig(1.0, 0, 1000), clock);
        for (var i = 0; i < 100; i++) {
            budget.recordRequest();
        }
        var granted = new AtomicInteger();
        try (var pool = Executors.newFixedThreadPool(4)) {
            for (var i = 0; i < 400; i++) {
                pool.submit(() -> {
                    if (budget.tryAcquireRetry()) {
                        granted.incrementAndGet();
                    }
                });
            }
        }
        assertThat(granted.get()).isEqualTo(100);
        assertThat(budget.retriesDenied()).isEqualTo(300);
    }

    @Test
    void atTheTrafficOfABusyEndpointTheRatioAloneBindsAndTheReserveAddsNothing() {
        var budget = new RetryBudget("busy", RetryBudgetConfig.DEFAULT, clock);
        long granted = 0;
        // 60 s at 10 first attempts a second, every one failing and asking for a retry
        for (var tick = 0; tick < 600; tick++) {
            clock.advance(Duration.ofMillis(100));
            budget.recordRequest();
            if (budget.tryAcquireRetry()) {
                granted++;
            }
        }
        // 0.2 x 600 = 120 from the ratio, plus the one reserve token held at the start
        assertThat(granted).isBetween(119L, 121L);
        assertThat(budget.retriesPerFirstAttempt()).isLessThanOrEqualTo(0.21);
    }

    @Test
    void atLowTrafficTheReserveIsAFloorNotAnAddition() {
        var budget = new RetryBudget("quiet", RetryBudgetConfig.DEFAULT, clock);
        long granted = 0;
        // 60 s at 1 first attempt a second: the ratio earns 0.2 a second, the reserve 1
        for (var second = 0; second < 60; second++) {
            clock.advance(Duration.ofSeconds(1));
            budget.recordRequest();
            for (var ask = 0; ask < 3; ask++) {
                if (budget.tryAcquireRetry()) {
                    granted++;
                }
            }
        }
        assertThat(granted).as("max(0.2 x 60, 1 x 60) + 1, not their sum").isBetween(59L, 61L);
    }
}
