package dev.mainstay.reliability.bulkhead;

import static dev.mainstay.reliability.testing.Fixtures.apiError;
import static dev.mainstay.reliability.testing.Fixtures.badRequest;
import static dev.mainstay.reliability.testing.Fixtures.context;
import static dev.mainstay.reliability.testing.Fixtures.overloaded;
import static dev.mainstay.reliability.testing.Fixtures.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mainstay.model.ApiErrorType;
import dev.mainstay.model.ModelCallRejectedException;
import dev.mainstay.model.ModelClient;
import dev.mainstay.model.ModelPipeline;
import dev.mainstay.reliability.RetryClassifier;
import dev.mainstay.reliability.event.ReliabilityEvent.LimitChanged;
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

    private AdaptiveConcurrencyInterceptor limiter(int initial, int min, int max) {
        var config = AdaptiveConcurrencyConfig.DEFAULT.withLimits(initial, min, max).withMaxWait(Duration.ZERO)
                .withBackoffRatio(0.5);
        return new AdaptiveConcurrencyInterceptor("anthropic", config, new RetryClassifier(clock), clock, events);
    }

    private ModelClient through(AdaptiveConcurrencyInterceptor limiter) {
        return ModelPipeline.of(List.of(limiter), provider);
    }

    @Test
    void limitDecreasesOnOverloadAndRecoversOnSuccess() {
        var limiter = limiter(4, 1, 10);
        provider.thenFail(overloaded()).thenAnswer("ok");
        var client = through(limiter);

        assertThatThrownBy(() -> client.call(request(), context(clock)));
        assertThat(limiter.limit()).isEqualTo(2);
        client.call(request(), context(clock));

        assertThat(limiter.limit()).isEqualTo(3);
        assertThat(events.events(LimitChanged.class)).containsExactly(
                new LimitChanged("anthropic", 4, 2), new LimitChanged("anthropic", 2, 3));
    }

    @Test
    void rateLimitsShrinkTheLimitButBadRequestsDoNot() {
        var limiter = limiter(8, 1, 10);
        provider.thenFail(badRequest()).thenFail(apiError(429, ApiErrorType.RATE_LIMIT));
        var client = through(limiter);

        assertThatThrownBy(() -> client.call(request(), context(clock)));
        assertThat(limiter.limit()).isEqualTo(8);
        assertThatThrownBy(() -> client.call(request(), context(clock)));
        assertThat(limiter.limit()).isEqualTo(4);
    }

    @Test
    void theLimitNeverFallsBelowItsMinimum() {
        var limiter = limiter(2, 2, 10);
        provider.alwaysFail(overloaded());

        assertThatThrownBy(() -> through(limiter).call(request(), context(clock)));

        assertThat(limiter.limit()).isEqualTo(2);
    }

    @Test
    void slowSuccessesDoNotRaiseTheLimit() {
        var limiter = limiter(1, 1, 10);
        provider.then((request, context) -> {
            clock.advance(AdaptiveConcurrencyConfig.DEFAULT_LATENCY_THRESHOLD.plusSeconds(1));
            return ScriptedModelClient.response(request.model(), "slow");
        });

        through(limiter).call(request(), context(clock));

        assertThat(limiter.limit()).isEqualTo(1);
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

        assertThatThrownBy(() -> client.call(request(), context(clock)))
                .isInstanceOfSatisfying(ModelCallRejectedException.class, e -> {
                    assertThat(e.policy()).isEqualTo("concurrency-limit");
                    assertThat(e.reason()).isEqualTo("concurrency_limit");
                });
        release.countDown();
        assertThatThrownBy(() -> first.get(10, TimeUnit.SECONDS));
        assertThatThrownBy(() -> second.get(10, TimeUnit.SECONDS));

        assertThat(limiter.limit()).isEqualTo(1);
        assertThat(limiter.inFlight()).isZero();
        assertThat(events.events(LimitChanged.class)).containsExactly(new LimitChanged("anthropic", 2, 1));
    }
}
