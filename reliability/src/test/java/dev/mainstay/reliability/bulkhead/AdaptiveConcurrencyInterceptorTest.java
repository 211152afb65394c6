package dev.mainstay.reliability.bulkhead;

import static dev.mainstay.model.ModelChain.Slot.CONCURRENCY;
import static dev.mainstay.reliability.testing.Chains.PRICES;
import static dev.mainstay.reliability.testing.Chains.refused;
import static dev.mainstay.reliability.testing.Fixtures.ENDPOINT;
import static dev.mainstay.reliability.testing.Fixtures.RUN;
import static dev.mainstay.reliability.testing.Fixtures.apiError;
import static dev.mainstay.reliability.testing.Fixtures.badRequest;
import static dev.mainstay.reliability.testing.Fixtures.context;
import static dev.mainstay.reliability.testing.Fixtures.overloaded;
import static dev.mainstay.reliability.testing.Fixtures.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mainstay.model.ApiErrorType;
import dev.mainstay.model.ModelChain;
import dev.mainstay.model.ModelEndpoint;
import dev.mainstay.model.Refusal;
import dev.mainstay.reliability.RetryClassifier;
import dev.mainstay.reliability.event.ReliabilityEvent.LimitChanged;
import dev.mainstay.reliability.event.ReliabilityEvent.CallRejected;
import dev.mainstay.reliability.testing.Chains;
import dev.mainstay.reliability.testing.Fixtures;
import dev.mainstay.reliability.testing.RecordingListener;
import dev.mainstay.reliability.testing.ScriptedModelClient;
import dev.mainstay.testing.FakeClock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AdaptiveConcurrencyInterceptorTest {
    private final FakeClock clock = new FakeClock();
    private final RecordingListener events = new RecordingListener();
    private final ScriptedModelClient provider = new ScriptedModelClient("anthropic");

    private static AdaptiveConcurrencyConfig config(int initial, int min, int max) {
        return AdaptiveConcurrencyConfig.DEFAULT.withLimits(initial, min, max).withMaxWait(Duration.ZERO)
                .withBackoffRatio(0.5);
    }

    private AdaptiveConcurrencyInterceptor limiter(int initial, int min, int max) {
        return new AdaptiveConcurrencyInterceptor(List.of(ENDPOINT), config(initial, min, max),
                new RetryClassifier(clock), clock, events);
    }

    private ModelChain through(AdaptiveConcurrencyInterceptor limiter) {
        return Chains.oneLink(CONCURRENCY, limiter, provider);
    }

    @Test
    void limitDecreasesOnOverloadAndRecoversOnSuccess() {
        var limiter = limiter(4, 1, 10);
        provider.thenFail(overloaded()).thenAnswer("ok");
        var client = through(limiter);

        assertThatThrownBy(() -> client.call(request(), context(clock)));
        assertThat(limiter.limit(ENDPOINT)).isEqualTo(2);
        client.call(request(), context(clock));

        assertThat(limiter.limit(ENDPOINT)).isEqualTo(3);
        assertThat(events.events(LimitChanged.class)).containsExactly(
                new LimitChanged(RUN, ENDPOINT, 4, 2), new LimitChanged(RUN, ENDPOINT, 2, 3));
    }

    @Test
    void rateLimitsShrinkTheLimitButBadRequestsDoNot() {
        var limiter = limiter(8, 1, 10);
        provider.thenFail(badRequest()).thenFail(apiError(429, ApiErrorType.RATE_LIMIT));
        var client = through(limiter);

        assertThatThrownBy(() -> client.call(request(), context(clock)));
        assertThat(limiter.limit(ENDPOINT)).isEqualTo(8);
        assertThatThrownBy(() -> client.call(request(), context(clock)));
        assertThat(limiter.limit(ENDPOINT)).isEqualTo(4);
    }

    @Test
    void theLimitNeverFallsBelowItsMinimum() {
        var limiter = limiter(2, 2, 10);
        provider.alwaysFail(overloaded());

        assertThatThrownBy(() -> through(limiter).call(request(), context(clock)));

        assertThat(limiter.limit(ENDPOINT)).isEqualTo(2);
    }

    @Test
    void slowSuccessesDoNotRaiseTheLimit() {
        var limiter = limiter(1, 1, 10);
        provider.then((request, context) -> {
            clock.advance(AdaptiveConcurrencyConfig.DEFAULT_LATENCY_THRESHOLD.plusSeconds(1));
            return ScriptedModelClient.response(request.model(), "slow");
        });

        through(limiter).call(request(), context(clock));

        assertThat(limiter.limit(ENDPOINT)).isEqualTo(1);
    }

    @Test
    void callsBeyondTheLimitAreRejectedAndFailuresOfOneBurstShrinkItOnce() throws Exception {
        var limiter = limiter(2, 1, 10);
        var client = through(limiter);
        var entered = new CountDownLatch(2);
        var release = new CountDownLatch(1);
        provider.then((request, context) -> {
            entered.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw overloaded();
        });
        var first = CompletableFuture.runAsync(() -> client.call(request(), context(clock)), r -> Thread.ofVirtual().start(r));
        var second = CompletableFuture.runAsync(() -> client.call(request(), context(clock)), r -> Thread.ofVirtual().start(r));
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();

        var refusal = refused(client.call(request(), context(clock))).refusal();
        assertThat(refusal.policy()).isEqualTo("concurrency-limit");
        assertThat(refusal.code()).isEqualTo("concurrency_limit");
        assertThat(refusal.scope()).isEqualTo(Refusal.Scope.ENDPOINT);
        assertThat(refusal.endpoint()).isEqualTo(ENDPOINT);
        assertThat(events.events(CallRejected.class))
                .containsExactly(new CallRejected(RUN, "concurrency-limit", "concurrency_limit"));
        release.countDown();
        assertThatThrownBy(() -> first.get(10, TimeUnit.SECONDS));
        assertThatThrownBy(() -> second.get(10, TimeUnit.SECONDS));

        assertThat(limiter.limit(ENDPOINT)).isEqualTo(1);
        assertThat(limiter.inFlight(ENDPOINT)).isZero();
        assertThat(events.events(LimitChanged.class)).containsExactly(new LimitChanged(RUN, ENDPOINT, 2, 1));
    }

    @Test
    void aCallBeyondTheLimitIsRefusedAtOnceWhenTheQueueOfWaitersIsFull() throws Exception {
        var noQueue = AdaptiveConcurrencyConfig.DEFAULT.withLimits(1, 1, 1).withMaxWait(Duration.ofSeconds(10))
                .withMaxWaiters(0);
        var limiter = new AdaptiveConcurrencyInterceptor(List.of(ENDPOINT), noQueue, new RetryClassifier(clock),
                clock, events);
        var client = through(limiter);
        var entered = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        provider.then((request, context) -> {
            entered.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return ScriptedModelClient.response(request.model(), "done");
        });
        var holder = CompletableFuture.runAsync(() -> client.call(request(), context(clock)),
                r -> Thread.ofVirtual().start(r));
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();

        var refusal = refused(client.call(request(), context(clock))).refusal();

        assertThat(refusal.code()).isEqualTo("concurrency_queue_full");
        assertThat(refusal.scope()).isEqualTo(Refusal.Scope.ENDPOINT);
        assertThat(events.events(CallRejected.class))
                .containsExactly(new CallRejected(RUN, "concurrency-limit", "concurrency_queue_full"));
        release.countDown();
        holder.get(10, TimeUnit.SECONDS);
    }

    @Test
    void eachEndpointHasItsOwnLimit() {
        var sonnet = new ScriptedModelClient("sonnet").alwaysFail(overloaded());
        var haiku = new ScriptedModelClient("haiku").thenAnswer("fine");
        var limiter = new AdaptiveConcurrencyInterceptor(List.of("anthropic:sonnet", "anthropic:haiku"),
                config(8, 1, 10), new RetryClassifier(clock), clock, events);
        var chain = ModelChain.builder(List.of(
                        new ModelEndpoint("anthropic:sonnet", "claude-sonnet-4-5", sonnet),
                        new ModelEndpoint("anthropic:haiku", "claude-haiku-4-5", haiku)), PRICES)
                .add(CONCURRENCY, limiter)
                .build();

        assertThatThrownBy(() -> chain.call(request(), Fixtures.runContext(clock).withEndpoint("anthropic:sonnet")));
        chain.call(request(), Fixtures.runContext(clock).withEndpoint("anthropic:haiku"));

        assertThat(limiter.limits()).isEqualTo(java.util.Map.of("anthropic:sonnet", 4, "anthropic:haiku", 8));
    }
}
