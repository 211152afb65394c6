package dev.mainstay.reliability.retry;

import static dev.mainstay.model.ModelChain.Slot.CONCURRENCY;
import static dev.mainstay.model.ModelChain.Slot.RETRY;
import static dev.mainstay.reliability.testing.Chains.PRICES;
import static dev.mainstay.reliability.testing.Chains.refused;
import static dev.mainstay.reliability.testing.Chains.response;
import static dev.mainstay.reliability.testing.Fixtures.ENDPOINT;
import static dev.mainstay.reliability.testing.Fixtures.RUN;
import static dev.mainstay.reliability.testing.Fixtures.apiError;
import static dev.mainstay.reliability.testing.Fixtures.apiErrorSaying;
import static dev.mainstay.reliability.testing.Fixtures.badRequest;
import static dev.mainstay.reliability.testing.Fixtures.context;
import static dev.mainstay.reliability.testing.Fixtures.ms;
import static dev.mainstay.reliability.testing.Fixtures.overloaded;
import static dev.mainstay.reliability.testing.Fixtures.overloadedInStream;
import static dev.mainstay.reliability.testing.Fixtures.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mainstay.model.ApiErrorType;
import dev.mainstay.model.CallContext;
import dev.mainstay.model.ModelCancelledException;
import dev.mainstay.model.ModelChain;
import dev.mainstay.model.ModelEndpoint;
import dev.mainstay.model.ModelException;
import dev.mainstay.model.Refusal;
import dev.mainstay.model.StreamObserver;
import dev.mainstay.reliability.RetryClassifier;
import dev.mainstay.reliability.event.ReliabilityEvent.RetryBudgetExhausted;
import dev.mainstay.reliability.event.ReliabilityEvent.RetryGaveUp;
import dev.mainstay.reliability.event.ReliabilityEvent.RetryScheduled;
import dev.mainstay.reliability.event.ReliabilityListener;
import dev.mainstay.reliability.testing.Chains;
import dev.mainstay.reliability.testing.Fixtures;
import dev.mainstay.reliability.testing.RecordingListener;
import dev.mainstay.reliability.testing.ScriptedModelClient;
import dev.mainstay.testing.FakeClock;
import dev.mainstay.testing.RecordingSleeper;
import dev.mainstay.time.CancellationSource;
import dev.mainstay.time.Deadline;
import dev.mainstay.time.Sleeper;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RetryInterceptorTest {
    /** Always draws the top of the jitter window, so sleeps equal the backoff caps. */
    private static final RandomGenerator TOP_OF_WINDOW = new RandomGenerator() {
        @Override
        public long nextLong() {
            return Long.MAX_VALUE;
        }

        @Override
        public long nextLong(long bound) {
            return bound - 1;
        }
    };

    /** Always draws zero jitter, so a wait after a server hint is the hint exactly. */
    private static final RandomGenerator NO_JITTER = new RandomGenerator() {
        @Override
        public long nextLong() {
            return 0;
        }

        @Override
        public long nextLong(long bound) {
            return 0;
        }
    };

    private final FakeClock clock = new FakeClock();
    private final RecordingSleeper sleeper = new RecordingSleeper(clock);
    private final RecordingListener events = new RecordingListener();
    private final ScriptedModelClient provider = new ScriptedModelClient("anthropic");
    private static final RetryBudgetConfig GENEROUS_BUDGET = RetryBudgetConfig.DEFAULT.withMinRetriesPerSecond(1000);
    private static final Predicate<String> NO_BREAKER_OPEN = endpoint -> false;

    private RetryInterceptor retry(RetryConfig config, RandomGenerator random, Sleeper sleeps,
            ReliabilityListener listener, Predicate<String> endpointOpen) {
        return new RetryInterceptor(List.of(ENDPOINT), config, GENEROUS_BUDGET, new RetryClassifier(clock), sleeps,
                random, clock, listener, endpointOpen);
    }

    private ModelChain retrying(RetryConfig config, RandomGenerator random, Sleeper sleeps, ReliabilityListener listener) {
        return Chains.oneLink(RETRY, retry(config, random, sleeps, listener, NO_BREAKER_OPEN), provider);
    }

    private ModelChain retrying(RetryConfig config) {
        return retrying(config, new Random(42), sleeper, events);
    }

    @Test
    void retriesOverloadedCallsHonouringRetryAfter() {
        provider.thenFail(overloaded("retry-after", "3")).thenAnswer("hi");

        var response = response(retrying(RetryConfig.DEFAULT, NO_JITTER, sleeper, events)
                .call(request(), context(clock)));

        assertThat(response.text()).isEqualTo("hi");
        assertThat(provider.calls()).isEqualTo(2);
        assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(3));
        assertThat(events.events(RetryScheduled.class))
                .containsExactly(new RetryScheduled(RUN, ENDPOINT, 1, Duration.ofSeconds(3), "overloaded_error"));
    }

    @Test
    void retriesRateLimitedCallsHonouringRetryAfterMs() {
        provider.thenFail(apiError(429, ApiErrorType.RATE_LIMIT, "retry-after-ms", "1750")).thenAnswer("hi");

        retrying(RetryConfig.DEFAULT, NO_JITTER, sleeper, events).call(request(), context(clock));

        assertThat(sleeper.sleeps()).containsExactly(ms(1750));
    }

    @Test
    void aServerHintIsAFloorWithTheJitteredBackoffOnTop() {
        provider.thenFail(overloaded("retry-after", "3")).thenAnswer("hi");

        retrying(RetryConfig.DEFAULT, TOP_OF_WINDOW, sleeper, events).call(request(), context(clock));

        assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(3).plus(RetryConfig.DEFAULT_BASE_DELAY));
    }

    @Test
    void aHintAboveSixtySecondsIsWaitedInFullNotCut() {
        provider.thenFail(overloaded("retry-after", "600")).thenAnswer("hi");

        retrying(RetryConfig.DEFAULT, NO_JITTER, sleeper, events).call(request(), context(clock));

        assertThat(sleeper.sleeps()).containsExactly(Duration.ofMinutes(10));
    }

    @Test
    void aHintLongerThanTheHintCapEndsTheCallRatherThanRetryEarly() {
        var failure = overloaded("retry-after", "600");
        provider.thenFail(failure).thenAnswer("never reached");

        assertThatThrownBy(() -> retrying(RetryConfig.DEFAULT.withMaxHintDelay(Duration.ofMinutes(5)))
                .call(request(), context(clock))).isSameAs(failure);
        assertThat(sleeper.sleeps()).isEmpty();
        assertThat(failure.retryStop()).isEqualTo("hint_too_long");
    }

    @Test
    void aHintThatWouldPassTheDeadlineFailsAtOnce() {
        var failure = overloaded("retry-after", "120");
        provider.thenFail(failure).thenAnswer("never reached");

        assertThatThrownBy(() -> retrying(RetryConfig.DEFAULT)
                .call(request(), context(Deadline.after(Duration.ofSeconds(60), clock)))).isSameAs(failure);
        assertThat(sleeper.sleeps()).isEmpty();
        assertThat(failure.retryStop()).isEqualTo("deadline");
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 403, 404, 413})
    void neverRetriesClientErrors(int status) {
        var failure = apiError(status, ApiErrorType.INVALID_REQUEST);
        provider.thenFail(failure).thenAnswer("never reached");

        assertThatThrownBy(() -> retrying(RetryConfig.DEFAULT).call(request(), context(clock))).isSameAs(failure);
        assertThat(provider.calls()).isEqualTo(1);
        assertThat(sleeper.sleeps()).isEmpty();
    }

    @Test
    void neverRetriesASpendLimitRateLimit() {
        var failure = apiErrorSaying(429, ApiErrorType.RATE_LIMIT, "enforced_spend_limit_reached", "retry-after", "1");
        provider.thenFail(failure).thenAnswer("never reached");

        assertThatThrownBy(() -> retrying(RetryConfig.DEFAULT).call(request(), context(clock))).isSameAs(failure);
        assertThat(provider.calls()).isEqualTo(1);
    }

    @Test
    void retriesOverloadedErrorInsideAStreamWhenNothingWasDelivered() {
        provider.thenFail(overloadedInStream(false)).thenAnswer("streamed");

        var response = response(retrying(RetryConfig.DEFAULT).call(request().withStream(true), context(clock)));

        assertThat(response.text()).isEqualTo("streamed");
        assertThat(provider.calls()).isEqualTo(2);
    }

    @Test
    void doesNotRetryAStreamAfterContentWasDelivered() {
        var failure = overloadedInStream(false); // the client did not mark it; the observer saw the delivery
        provider.thenStreamAndFail("Hel", failure).thenAnswer("never reached");
        var seen = new StringBuilder();
        var observer = new StreamObserver() {
            @Override
            public void onTextDelta(int index, String text) {
                seen.append(text);
            }
        };

        assertThatThrownBy(() -> retrying(RetryConfig.DEFAULT).call(request().withStream(true),
                context(clock).withObserver(observer))).isSameAs(failure);
        assertThat(seen).hasToString("Hel");
        assertThat(provider.calls()).isEqualTo(1);
        assertThat(events.events(RetryGaveUp.class))
                .containsExactly(new RetryGaveUp(RUN, ENDPOINT, 1, "overloaded_error", "content_delivered"));
    }

    @Test
    void stopsRetryingOnceTheEndpointsBreakerHasOpenedDuringTheBackoff() {
        var failure = overloaded();
        provider.alwaysFail(failure);
        var open = new AtomicBoolean();
        Sleeper opensWhileSleeping = duration -> {
            sleeper.sleep(duration);
            open.set(true);
        };
        var retry = retry(RetryConfig.DEFAULT, new Random(42), opensWhileSleeping, events,
                endpoint -> endpoint.equals(ENDPOINT) && open.get());

        assertThatThrownBy(() -> Chains.oneLink(RETRY, retry, provider).call(request(), context(clock)))
                .isSameAs(failure);
        assertThat(provider.calls()).isEqualTo(1);
        assertThat(events.events(RetryGaveUp.class))
                .containsExactly(new RetryGaveUp(RUN, ENDPOINT, 1, "overloaded_error", "circuit_open"));
    }

    @Test
    void doesNotEvenBackOffWhenTheBreakerIsAlreadyOpen() {
        var failure = overloaded();
        provider.alwaysFail(failure);
        var retry = retry(RetryConfig.DEFAULT, new Random(42), sleeper, events, endpoint -> true);

        assertThatThrownBy(() -> Chains.oneLink(RETRY, retry, provider).call(request(), context(clock)))
                .isSameAs(failure);
        assertThat(provider.calls()).isEqualTo(1);
        assertThat(sleeper.sleeps()).isEmpty();
        assertThat(retry.budget(ENDPOINT).retriesAllowed()).isZero();
    }

    @Test
    void backoffIsCappedExponential() {
        provider.alwaysFail(overloaded());
        var config = RetryConfig.DEFAULT.withMaxAttempts(6).withMaxDelay(Duration.ofSeconds(3));

        assertThatThrownBy(() -> retrying(config, TOP_OF_WINDOW, sleeper, events).call(request(), context(clock)));

        assertThat(sleeper.sleeps()).containsExactly(ms(500), ms(1000), ms(2000), ms(3000), ms(3000));
    }

    @Test
    void backoffUsesFullJitterFromTheSeededRandom() {
        provider.alwaysFail(overloaded());

        assertThatThrownBy(() -> retrying(RetryConfig.DEFAULT).call(request(), context(clock)));

        var seeded = new Random(42);
        assertThat(sleeper.sleeps()).containsExactly(
                ms(seeded.nextLong(501)), ms(seeded.nextLong(1001)), ms(seeded.nextLong(2001)));
        assertThat(sleeper.sleeps().get(2)).isLessThanOrEqualTo(ms(2000));
    }

    @Test
    void givesUpAfterMaxAttemptsWithTheLastError() {
        var last = apiError(503, ApiErrorType.API_ERROR);
        provider.thenFail(overloaded()).thenFail(overloaded()).thenFail(overloaded()).thenFail(last);

        assertThatThrownBy(() -> retrying(RetryConfig.DEFAULT).call(request(), context(clock))).isSameAs(last);
        assertThat(provider.calls()).isEqualTo(RetryConfig.DEFAULT_MAX_ATTEMPTS);
        assertThat(events.events(RetryGaveUp.class)).containsExactly(new RetryGaveUp(RUN, ENDPOINT, 4, "api_error", "max_attempts"));
    }

    @Test
    void doesNotSleepPastTheDeadline() {
        var failure = overloaded("retry-after", "5");
        provider.thenFail(failure).thenAnswer("too late");
        var deadline = Deadline.after(Duration.ofSeconds(2), clock);

        assertThatThrownBy(() -> retrying(RetryConfig.DEFAULT).call(request(), context(deadline))).isSameAs(failure);
        assertThat(sleeper.sleeps()).isEmpty();
        assertThat(provider.calls()).isEqualTo(1);
        assertThat(events.events(RetryGaveUp.class)).extracting(RetryGaveUp::reason).containsExactly("deadline");
    }

    @Test
    void cancellingTheRunDuringBackoffEndsTheCall() {
        provider.alwaysFail(overloaded());
        var cancellation = new CancellationSource();
        Sleeper cancelWhileSleeping = duration -> cancellation.cancel();
        var context = new CallContext(RUN, "default", "user_1", 1, Deadline.none(clock), cancellation,
                StreamObserver.NONE, ENDPOINT);

        assertThatThrownBy(() -> retrying(RetryConfig.DEFAULT, new Random(1), cancelWhileSleeping, events)
                .call(request(), context)).isInstanceOf(ModelCancelledException.class);
        assertThat(provider.calls()).isEqualTo(1);
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    @Test
    void aFailingListenerDoesNotFailTheCall() {
        provider.thenFail(overloaded()).thenAnswer("fine");
        ReliabilityListener broken = event -> {
            throw new IllegalStateException("listener bug");
        };

        var response = response(retrying(RetryConfig.DEFAULT, new Random(7), sleeper, broken)
                .call(request(), context(clock)));

        assertThat(response.text()).isEqualTo("fine");
    }

    @Test
    void aBadRequestIsNotRetriedEvenWithRetriesLeft() {
        provider.thenFail(overloaded()).thenFail(badRequest()).thenAnswer("never");

        assertThatThrownBy(() -> retrying(RetryConfig.DEFAULT).call(request(), context(clock)))
                .hasMessageContaining("invalid_request_error");
        assertThat(provider.calls()).isEqualTo(2);
    }

    @Test
    void aRefusalFromAnInnerLinkIsPassedOnNotRetried() {
        var limited = Refusal.ofEndpoint("concurrency-limit", "concurrency_limit", ENDPOINT, "busy");
        var chain = ModelChain.builder(List.of(new ModelEndpoint(ENDPOINT, "", provider)), PRICES)
                .add(RETRY, retry(RetryConfig.DEFAULT, new Random(42), sleeper, events, NO_BREAKER_OPEN))
                .add(CONCURRENCY, Chains.refusing(ENDPOINT, limited))
                .build();

        assertThat(refused(chain.call(request(), context(clock))).refusal()).isEqualTo(limited);
        assertThat(sleeper.sleeps()).isEmpty();
        assertThat(events.events()).isEmpty();
    }

    @Test
    void eachEndpointHasItsOwnRetryBudget() {
        var sonnet = new ScriptedModelClient("sonnet").alwaysFail(overloaded());
        var haiku = new ScriptedModelClient("haiku").alwaysFail(overloaded());
        // no deposits and one retry a second from the reserve: an endpoint's second failure in a second is not retried
        var oneRetryASecond = new RetryBudgetConfig(0, 1, 1);
        var retry = new RetryInterceptor(List.of("anthropic:sonnet", "anthropic:haiku"), RetryConfig.DEFAULT,
                oneRetryASecond, new RetryClassifier(clock), new RecordingSleeper(), new Random(42), clock, events,
                NO_BREAKER_OPEN);
        var chain = ModelChain.builder(List.of(
                        new ModelEndpoint("anthropic:sonnet", "claude-sonnet-4-5", sonnet),
                        new ModelEndpoint("anthropic:haiku", "claude-haiku-4-5", haiku)), PRICES)
                .add(RETRY, retry)
                .build();
        var toSonnet = Fixtures.runContext(clock).withEndpoint("anthropic:sonnet");
        var toHaiku = Fixtures.runContext(clock).withEndpoint("anthropic:haiku");

        assertThatThrownBy(() -> chain.call(request(), toSonnet)).isInstanceOf(ModelException.class);
        assertThatThrownBy(() -> chain.call(request(), toHaiku)).isInstanceOf(ModelException.class);

        // each endpoint spent its own reserve: one retry each, then a refusal of the budget for that endpoint
        assertThat(sonnet.calls()).isEqualTo(2);
        assertThat(haiku.calls()).isEqualTo(2);
        assertThat(retry.budget("anthropic:sonnet").retriesAllowed()).isEqualTo(1);
        assertThat(retry.budget("anthropic:haiku").retriesAllowed()).isEqualTo(1);
        assertThat(events.events(RetryBudgetExhausted.class)).containsExactly(
                new RetryBudgetExhausted(RUN, "anthropic:sonnet", 2, "overloaded_error"),
                new RetryBudgetExhausted(RUN, "anthropic:haiku", 2, "overloaded_error"));
        assertThat(retry.budgets()).containsOnlyKeys("anthropic:sonnet", "anthropic:haiku");
    }
}
