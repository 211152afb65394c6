package dev.mainstay.reliability.ratelimit;

import static dev.mainstay.reliability.testing.Chains.answered;
import static dev.mainstay.reliability.testing.Chains.refused;
import static dev.mainstay.reliability.testing.Fixtures.apiError;
import static dev.mainstay.reliability.testing.Fixtures.request;
import static dev.mainstay.reliability.testing.Fixtures.runContext;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.mainstay.model.ApiErrorType;
import dev.mainstay.model.Failover;
import dev.mainstay.model.ModelChain;
import dev.mainstay.reliability.ReliabilityConfig;
import dev.mainstay.reliability.ReliabilityStack;
import dev.mainstay.reliability.testing.Chains;
import dev.mainstay.reliability.testing.RecordingListener;
import dev.mainstay.reliability.testing.ScriptedModelClient;
import dev.mainstay.testing.FakeClock;
import dev.mainstay.testing.RecordingSleeper;
import dev.mainstay.time.Deadline;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** A 429 with a reset hint is state of its endpoint, shared by every call, and honoured as the server asked. */
class RateLimitedEndpointsTest {
    private static final String SONNET = "anthropic:claude-sonnet-4-5";
    private static final String HAIKU = "anthropic:claude-haiku-4-5";

    private final FakeClock clock = new FakeClock();
    private final RecordingSleeper sleeper = new RecordingSleeper(clock);
    private final RecordingListener events = new RecordingListener();
    private final AtomicBoolean sonnetLimited = new AtomicBoolean(true);
    private final java.util.concurrent.atomic.AtomicReference<String> retryAfter =
            new java.util.concurrent.atomic.AtomicReference<>("20");
    /** Sonnet answers 429 with {@link #retryAfter} while {@link #sonnetLimited}; every other model answers. */
    private final ScriptedModelClient provider = new ScriptedModelClient("anthropic").then((request, context) -> {
        if (request.model().equals("claude-sonnet-4-5") && sonnetLimited.get()) {
            throw apiError(429, ApiErrorType.RATE_LIMIT, "retry-after", retryAfter.get());
        }
        return ScriptedModelClient.response(request.model(), "answered by " + request.model());
    });

    private ReliabilityStack stack(List<String> fallbacks) {
        return stack(fallbacks, sleeper);
    }

    private ReliabilityStack stack(List<String> fallbacks, dev.mainstay.time.Sleeper sleeps) {
        return ReliabilityStack.builder(ReliabilityConfig.DEFAULT).clock(clock).sleeper(sleeps).random(new Random(5))
                .listener(events)
                .endpoints(ReliabilityStack.endpoints("claude-sonnet-4-5", fallbacks, provider)).build();
    }

    private long sonnetRequests() {
        return provider.requests().stream().filter(r -> r.model().equals("claude-sonnet-4-5")).count();
    }

    @Test
    void withAHealthyFallbackARateLimitedPrimaryIsLeftAtOnceAndSkippedByEveryLaterCall() {
        var stack = stack(List.of("claude-haiku-4-5"));
        var chain = Chains.modelChain(stack);

        var first = answered(chain.call(request(), runContext(clock)));
        var later = answered(chain.call(request(), runContext("run_2", clock)));

        assertThat(first.response().model()).isEqualTo("claude-haiku-4-5");
        assertThat(first.failovers()).extracting(Failover::endpoint, Failover::code, Failover::reason)
                .containsExactly(tuple(SONNET, "rate_limit_error", "rate_limited"));
        assertThat(later.failovers()).extracting(Failover::endpoint, Failover::code, Failover::reason)
                .containsExactly(tuple(SONNET, "rate_limited", "rate_limited"));
        assertThat(sleeper.sleeps()).as("nobody waits out the 20 s").isEmpty();
        assertThat(sonnetRequests()).isEqualTo(1);
        assertThat(stack.rateLimits().limitedUntil(SONNET)).contains(clock.instant().plusSeconds(20));
        assertThat(stack.figures(SONNET).skipped()).isEqualTo(2);
    }

    @Test
    void onceTheLimitHasPassedOneProbeGoesToThePrimaryWhileTheOthersKeepSkipping() {
        var stack = stack(List.of("claude-haiku-4-5"));
        ModelChain chain = Chains.modelChain(stack);
        chain.call(request(), runContext(clock));
        clock.advance(Duration.ofSeconds(20));
        var inFlightProbe = new AtomicBoolean();
        provider.then((request, context) -> {
            if (request.model().equals("claude-sonnet-4-5") && inFlightProbe.compareAndSet(false, true)) {
                // while the probe is out, another call arrives: it must not send a second probe
                var other = answered(chain.call(request(), runContext("run_other", clock)));
                assertThat(other.response().model()).isEqualTo("claude-haiku-4-5");
                throw apiError(429, ApiErrorType.RATE_LIMIT, "retry-after", "20");
            }
            return ScriptedModelClient.response(request.model(), "ok");
        });

        chain.call(request(), runContext("run_probe", clock));

        assertThat(sonnetRequests()).as("the first 429, then one probe").isEqualTo(2);
        assertThat(stack.figures(SONNET).rateLimitProbes()).isEqualTo(1);
        assertThat(stack.rateLimits().limitedUntil(SONNET)).contains(clock.instant().plusSeconds(20));
    }

    @Test
    void aProbeThatIsAnsweredEndsTheLimit() {
        var stack = stack(List.of("claude-haiku-4-5"));
        var chain = Chains.modelChain(stack);
        chain.call(request(), runContext(clock));
        clock.advance(Duration.ofSeconds(21));
        sonnetLimited.set(false);

        var probe = answered(chain.call(request(), runContext("run_probe", clock)));
        var next = answered(chain.call(request(), runContext("run_next", clock)));

        assertThat(probe.response().model()).isEqualTo("claude-sonnet-4-5");
        assertThat(next.response().model()).isEqualTo("claude-sonnet-4-5");
        assertThat(stack.rateLimits().isLimited(SONNET)).isFalse();
    }

    @Test
    void withoutAFallbackTheCallWaitsForTheHintPlusJitterAndNeverEarlier() {
        var stack = stack(List.of());
        var chain = Chains.modelChain(stack);
        provider.then((request, context) -> ScriptedModelClient.response(request.model(), "ok"));

        answered(chain.call(request(), runContext(clock)));

        assertThat(sleeper.sleeps()).singleElement().satisfies(wait -> assertThat(wait)
                .isBetween(Duration.ofSeconds(20), Duration.ofMillis(20_500)));
    }

    @Test
    void withoutAFallbackCallsArrivingDuringTheLimitWaitForItEachWithItsOwnJitter() {
        var waits = new RecordingSleeper(); // time stands still: every call arrives while the limit holds
        var stack = stack(List.of(), waits);
        var chain = Chains.modelChain(stack);
        stack.rateLimits().limit(SONNET, clock.instant().plusSeconds(20));
        sonnetLimited.set(false);

        for (var i = 0; i < 20; i++) {
            answered(chain.call(request(), runContext("run_" + i, clock)));
        }

        assertThat(waits.sleeps()).hasSize(20).allSatisfy(wait -> assertThat(wait)
                .isBetween(Duration.ofSeconds(20), Duration.ofMillis(20_500)));
        assertThat(waits.sleeps().stream().distinct().count()).as("spread, not all at one instant")
                .isGreaterThan(10);
    }

    @Test
    void withoutAFallbackAWaitThatWouldPassTheDeadlineIsRefusedAtOnceWithAClearReason() {
        var stack = stack(List.of());
        var chain = Chains.modelChain(stack);
        stack.rateLimits().limit(SONNET, clock.instant().plusSeconds(90));

        var refused = refused(chain.call(request(), runContext(Deadline.after(Duration.ofSeconds(30), clock))));

        assertThat(refused.refusal().code()).isEqualTo("rate_limited");
        assertThat(refused.refusal().message()).contains("after the run's deadline");
        assertThat(sleeper.sleeps()).isEmpty();
        assertThat(provider.calls()).isZero();
    }

    @Test
    void aHintOfTwoMinutesIsHonouredInFullWhenTheDeadlineAllowsIt() {
        var stack = stack(List.of());
        var chain = Chains.modelChain(stack);
        retryAfter.set("120");
        provider.then((request, context) -> ScriptedModelClient.response(request.model(), "ok"));

        answered(chain.call(request(), runContext(Deadline.after(Duration.ofMinutes(5), clock))));

        assertThat(sleeper.sleeps()).singleElement().satisfies(wait -> assertThat(wait)
                .isGreaterThanOrEqualTo(Duration.ofSeconds(120)));
    }

    @Test
    void aSpendLimitWordedAs429IsNeitherRetriedNorRecordedAsARateLimit() {
        var stack = stack(List.of("claude-haiku-4-5"));
        provider.alwaysFail(dev.mainstay.reliability.testing.Fixtures.apiErrorSaying(429, ApiErrorType.RATE_LIMIT,
                "You have reached your specified API usage limits. You will regain access on 2027-01-01 at 00:00 UTC."));

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Chains.modelChain(stack)
                .call(request(), runContext(clock)));

        assertThat(provider.calls()).as("not retried, not sent to the fallback").isEqualTo(1);
        assertThat(stack.rateLimits().isLimited(SONNET)).isFalse();
    }
}
