package dev.mainstay.openai;

import dev.mainstay.testing.RecordingObserver;
import static dev.mainstay.openai.Fixtures.context;
import static dev.mainstay.openai.Fixtures.json;
import static dev.mainstay.openai.Fixtures.paddedAfter;
import static dev.mainstay.openai.Fixtures.read;
import static dev.mainstay.openai.Fixtures.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.mainstay.model.ModelCancelledException;
import dev.mainstay.model.ModelResponse;
import dev.mainstay.model.ModelTimeoutException;
import dev.mainstay.model.StreamObserver;
import dev.mainstay.testing.FakeClock;
import dev.mainstay.time.Cancellation;
import dev.mainstay.time.CancellationSource;
import dev.mainstay.time.Deadline;
import java.time.Duration;
import java.time.InstantSource;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Deadlines and cancellation end a call. The HTTP client runs on real time, so deadlines here are short real
 * durations against servers that stall far longer; nothing asserts how long anything took. Waits are bounded only
 * so that a broken abort fails the test instead of hanging it.
 */
class TimeoutAndCancellationTest {
    private static final Duration SHORT_DEADLINE = Duration.ofMillis(300);
    private static final long HANG_GUARD_SECONDS = 10;

    @RegisterExtension
    final FakeOpenAiServer openai = new FakeOpenAiServer();

    @Test
    void aResponseSlowerThanTheDeadlineTimesOut() {
        openai.server().enqueue(json(200, read("chat-completion-text.json")).newBuilder()
                .headersDelay(30, TimeUnit.SECONDS)
                .build());
        var deadline = Deadline.after(SHORT_DEADLINE, InstantSource.system());

        var e = catchThrowableOfType(ModelTimeoutException.class,
                () -> openai.client().call(request(false), context(deadline, Cancellation.NEVER, StreamObserver.NONE)));

        assertThat(e.code()).isEqualTo("timeout");
        assertThat(e.timeout()).isLessThanOrEqualTo(SHORT_DEADLINE);
        assertThat(e.contentDelivered()).isFalse();
    }

    @Test
    void aStreamThatStallsAfterContentTimesOutWithContentDelivered() {
        openai.server().enqueue(Fixtures.sseBuilder(paddedAfter(read("stream-first-delta.sse")))
                .onResponseBody(SocketEffect.Stall.INSTANCE)
                .build());
        var observer = new RecordingObserver();
        var deadline = Deadline.after(SHORT_DEADLINE, InstantSource.system());

        var e = catchThrowableOfType(ModelTimeoutException.class,
                () -> openai.client().call(request(true), context(deadline, Cancellation.NEVER, observer)));

        assertThat(e.contentDelivered()).isTrue();
        assertThat(observer.textDeltas()).containsExactly("Hello");
    }

    @Test
    void theConfiguredTimeoutCapsACallWhenTheDeadlineIsFarAway() {
        openai.server().enqueue(json(200, read("chat-completion-text.json")).newBuilder()
                .headersDelay(30, TimeUnit.SECONDS)
                .build());
        openai.reconfigure(config -> config.withDefaultTimeout(Duration.ofMillis(200)));

        var e = catchThrowableOfType(ModelTimeoutException.class,
                () -> openai.client().call(request(false), context()));

        assertThat(e.timeout()).isEqualTo(Duration.ofMillis(200));
    }

    @Test
    void anExpiredDeadlineFailsWithoutSendingAnything() {
        var clock = new FakeClock();
        var deadline = Deadline.after(Duration.ofSeconds(5), clock);
        clock.advance(Duration.ofSeconds(6));

        var e = catchThrowableOfType(ModelTimeoutException.class,
                () -> openai.client().call(request(false), context(deadline, Cancellation.NEVER, StreamObserver.NONE)));

        assertThat(e.timeout()).isZero();
        assertThat(openai.server().getRequestCount()).isZero();
    }

    @Test
    void anAlreadyCancelledRunSendsNothing() {
        var cancellation = new CancellationSource();
        cancellation.cancel();

        var e = catchThrowableOfType(ModelCancelledException.class,
                () -> openai.client().call(request(false), context(farDeadline(), cancellation, StreamObserver.NONE)));

        assertThat(e.contentDelivered()).isFalse();
        assertThat(openai.server().getRequestCount()).isZero();
    }

    @Test
    void cancellingAbortsACallWaitingForItsResponse() throws Exception {
        openai.server().enqueue(json(200, read("chat-completion-text.json")).newBuilder()
                .headersDelay(60, TimeUnit.SECONDS)
                .build());
        var cancellation = new CancellationSource();

        var call = callInBackground(false, cancellation, StreamObserver.NONE);
        assertThat(openai.server().takeRequest(HANG_GUARD_SECONDS, TimeUnit.SECONDS)).as("request reached server").isNotNull();
        cancellation.cancel();

        var e = failureOf(call);
        assertThat(e).isInstanceOf(ModelCancelledException.class);
        assertThat(((ModelCancelledException) e).contentDelivered()).isFalse();
    }

    @Test
    void cancellingAbortsAStreamMidBodyAndReportsDeliveredContent() throws Exception {
        openai.server().enqueue(Fixtures.sseBuilder(paddedAfter(read("stream-first-delta.sse")))
                .onResponseBody(SocketEffect.Stall.INSTANCE)
                .build());
        var cancellation = new CancellationSource();
        var observer = new RecordingObserver();

        var call = callInBackground(true, cancellation, observer);
        assertThat(observer.firstDelta().await(HANG_GUARD_SECONDS, TimeUnit.SECONDS)).as("first delta").isTrue();
        cancellation.cancel();

        var e = failureOf(call);
        assertThat(e).isInstanceOf(ModelCancelledException.class);
        assertThat(((ModelCancelledException) e).contentDelivered()).isTrue();
    }

    @Test
    void theClientStillWorksAfterAnAbortedCall() throws Exception {
        openai.server().enqueue(json(200, read("chat-completion-text.json")).newBuilder()
                .headersDelay(60, TimeUnit.SECONDS)
                .build());
        openai.server().enqueue(json(200, read("chat-completion-text.json")));
        var cancellation = new CancellationSource();
        var aborted = callInBackground(false, cancellation, StreamObserver.NONE);
        assertThat(openai.server().takeRequest(HANG_GUARD_SECONDS, TimeUnit.SECONDS)).isNotNull();
        cancellation.cancel();
        assertThat(failureOf(aborted)).isInstanceOf(ModelCancelledException.class);

        var response = openai.client().call(request(false), context());

        assertThat(response.id()).isEqualTo("chatcmpl-BcO1gPfCFAf86O5CyQ9CTeEyoc8KG");
    }

    private CompletableFuture<ModelResponse> callInBackground(
            boolean stream, Cancellation cancellation, StreamObserver observer) {
        var executor = Executors.newVirtualThreadPerTaskExecutor();
        var future = CompletableFuture.supplyAsync(
                () -> openai.client().call(request(stream), context(farDeadline(), cancellation, observer)), executor);
        future.whenComplete((r, e) -> executor.shutdown());
        return future;
    }

    private static Throwable failureOf(CompletableFuture<ModelResponse> call) throws Exception {
        try {
            call.get(HANG_GUARD_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        }
        throw new AssertionError("the call succeeded");
    }

    private static Deadline farDeadline() {
        return Deadline.after(Duration.ofSeconds(60), InstantSource.system());
    }
}
