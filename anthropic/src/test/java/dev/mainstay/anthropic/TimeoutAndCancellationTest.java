package dev.mainstay.anthropic;

import dev.mainstay.testing.RecordingObserver;
import static dev.mainstay.anthropic.Fixtures.context;
import static dev.mainstay.anthropic.Fixtures.paddedAfter;
import static dev.mainstay.anthropic.Fixtures.read;
import static dev.mainstay.anthropic.Fixtures.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

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
import java.util.function.Supplier;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Functional checks that deadlines and cancellation end a call. The SDK runs on real time, so deadlines here are
 * short real durations against servers that stall for far longer; nothing asserts how long anything took. Waits
 * are bounded only so that a broken abort fails the test instead of hanging it.
 */
class TimeoutAndCancellationTest {
    private static final Duration SHORT_DEADLINE = Duration.ofMillis(300);
    private static final long HANG_GUARD_SECONDS = 10;

    @RegisterExtension
    final FakeAnthropicServer anthropic = new FakeAnthropicServer();

    @Test
    void aResponseSlowerThanTheDeadlineTimesOut() {
        anthropic.server().enqueue(Fixtures.json(200, read("message-text-and-tool-use.json")).newBuilder()
                .headersDelay(30, TimeUnit.SECONDS)
                .build());
        var deadline = Deadline.after(SHORT_DEADLINE, InstantSource.system());

        var e = catchThrowableOfType(ModelTimeoutException.class,
                () -> anthropic.client().call(
                        request(false), context(deadline, Cancellation.NEVER, StreamObserver.NONE)));

        assertThat(e.code()).isEqualTo("timeout");
        assertThat(e.timeout()).isLessThanOrEqualTo(SHORT_DEADLINE);
        assertThat(e.contentDelivered()).isFalse();
    }

    @Test
    void aStreamThatStallsAfterContentTimesOutWithContentDelivered() {
        anthropic.server().enqueue(Fixtures.sseBuilder(paddedAfter(read("stream-start-and-first-delta.sse")))
                .onResponseBody(SocketEffect.Stall.INSTANCE)
                .build());
        var observer = new RecordingObserver();
        var deadline = Deadline.after(SHORT_DEADLINE, InstantSource.system());

        var e = catchThrowableOfType(ModelTimeoutException.class,
                () -> anthropic.client().call(request(true), context(deadline, Cancellation.NEVER, observer)));

        assertThat(e.contentDelivered()).isTrue();
        assertThat(observer.textDeltas()).containsExactly("Hello");
    }

    @Test
    void anExpiredDeadlineFailsWithoutSendingAnything() {
        var clock = new FakeClock();
        var deadline = Deadline.after(Duration.ofSeconds(5), clock);
        clock.advance(Duration.ofSeconds(6));

        var e = catchThrowableOfType(ModelTimeoutException.class,
                () -> anthropic.client().call(
                        request(false), context(deadline, Cancellation.NEVER, StreamObserver.NONE)));

        assertThat(e.timeout()).isZero();
        assertThat(anthropic.server().getRequestCount()).isZero();
    }

    @Test
    void theDeadlineCapsTheTimeoutTheCallRunsWith() {
        anthropic.server().enqueue(Fixtures.json(200, read("message-text-and-tool-use.json")).newBuilder()
                .headersDelay(30, TimeUnit.SECONDS)
                .build());
        anthropic.reconfigure(config -> config.withDefaultTimeout(Duration.ofMillis(200)));

        var e = catchThrowableOfType(ModelTimeoutException.class,
                () -> anthropic.client().call(request(false), context()));

        assertThat(e.timeout()).isEqualTo(Duration.ofMillis(200));
    }

    @Test
    void anAlreadyCancelledRunSendsNothing() {
        var cancellation = new CancellationSource();
        cancellation.cancel();

        var e = catchThrowableOfType(ModelCancelledException.class,
                () -> anthropic.client().call(
                        request(false), context(farDeadline(), cancellation, StreamObserver.NONE)));

        assertThat(e.contentDelivered()).isFalse();
        assertThat(anthropic.server().getRequestCount()).isZero();
    }

    @Test
    void cancellingAbortsACallWaitingForItsResponse() throws Exception {
        anthropic.server().enqueue(Fixtures.json(200, read("message-text-and-tool-use.json")).newBuilder()
                .headersDelay(60, TimeUnit.SECONDS)
                .build());
        var cancellation = new CancellationSource();

        var call = callInBackground(false, cancellation, StreamObserver.NONE);
        assertThat(anthropic.server().takeRequest(HANG_GUARD_SECONDS, TimeUnit.SECONDS))
                .as("request reached server").isNotNull();
        cancellation.cancel();

        var e = failureOf(call);
        assertThat(e).isInstanceOf(ModelCancelledException.class);
        assertThat(((ModelCancelledException) e).contentDelivered()).isFalse();
        // the HTTP exchange itself ended: the server's 60 s delay did not hold it
        await().atMost(HANG_GUARD_SECONDS, TimeUnit.SECONDS).until(() -> anthropic.client().exchangesRunning() == 0);
    }

    @Test
    void cancellingAbortsAStreamMidBodyAndReportsDeliveredContent() throws Exception {
        anthropic.server().enqueue(Fixtures.sseBuilder(paddedAfter(read("stream-start-and-first-delta.sse")))
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
        anthropic.server().enqueue(Fixtures.json(200, read("message-text-and-tool-use.json")).newBuilder()
                .headersDelay(60, TimeUnit.SECONDS)
                .build());
        anthropic.server().enqueue(Fixtures.json(200, read("message-text-and-tool-use.json")));
        var cancellation = new CancellationSource();
        var aborted = callInBackground(false, cancellation, StreamObserver.NONE);
        assertThat(anthropic.server().takeRequest(HANG_GUARD_SECONDS, TimeUnit.SECONDS)).isNotNull();
        cancellation.cancel();
        assertThat(failureOf(aborted)).isInstanceOf(ModelCancelledException.class);

        var response = anthropic.client().call(request(false), context());

        assertThat(response.id()).isEqualTo("msg_01XFDUDYJgAACzvnptvVoYEL");
    }

    @Test
    void aVirtualThreadCallerCancelledMidCallIsReleasedWithItsInterruptFlagClear() throws Exception {
        anthropic.server().enqueue(Fixtures.json(200, read("message-text-and-tool-use.json")).newBuilder()
                .headersDelay(60, TimeUnit.SECONDS)
                .build());
        var cancellation = new CancellationSource();

        var call = onVirtualThread(() -> catchThrowableOfType(ModelCancelledException.class,
                () -> anthropic.client().call(request(false), context(farDeadline(), cancellation, StreamObserver.NONE))));
        assertThat(anthropic.server().takeRequest(HANG_GUARD_SECONDS, TimeUnit.SECONDS)).isNotNull();
        cancellation.cancel();

        var outcome = call.get(HANG_GUARD_SECONDS, TimeUnit.SECONDS);
        assertThat(outcome.value()).as("ModelCancelledException").isNotNull();
        assertThat(outcome.value().contentDelivered()).isFalse();
        assertThat(outcome.interruptedAfter()).as("caller's interrupt flag").isFalse();
        await().atMost(HANG_GUARD_SECONDS, TimeUnit.SECONDS).until(() -> anthropic.client().exchangesRunning() == 0);
    }

    @Test
    void aLateCancelAfterACallOnAVirtualThreadLeavesItsInterruptFlagClear() throws Exception {
        anthropic.server().enqueue(Fixtures.json(200, read("message-text-and-tool-use.json")));
        var cancellation = new CancellationSource();

        var outcome = onVirtualThread(() -> {
            var response = anthropic.client().call(
                    request(false), context(farDeadline(), cancellation, StreamObserver.NONE));
            cancellation.cancel();
            return response;
        }).get(HANG_GUARD_SECONDS, TimeUnit.SECONDS);

        assertThat(outcome.value().id()).isEqualTo("msg_01XFDUDYJgAACzvnptvVoYEL");
        assertThat(outcome.interruptedAfter()).as("caller's interrupt flag").isFalse();
    }

    @Test
    void aVirtualThreadCallerTimesOutAtTheDeadline() throws Exception {
        anthropic.server().enqueue(Fixtures.json(200, read("message-text-and-tool-use.json")).newBuilder()
                .headersDelay(30, TimeUnit.SECONDS)
                .build());
        var deadline = Deadline.after(SHORT_DEADLINE, InstantSource.system());

        var outcome = onVirtualThread(() -> catchThrowableOfType(ModelTimeoutException.class,
                () -> anthropic.client().call(request(false), context(deadline, Cancellation.NEVER, StreamObserver.NONE))))
                .get(HANG_GUARD_SECONDS, TimeUnit.SECONDS);

        assertThat(outcome.value()).as("ModelTimeoutException").isNotNull();
        assertThat(outcome.value().timeout()).isLessThanOrEqualTo(SHORT_DEADLINE);
        assertThat(outcome.interruptedAfter()).isFalse();
    }

    /** What a call on a virtual thread produced, and whether that thread was left interrupted. */
    private record Outcome<T>(T value, boolean interruptedAfter) {}

    private static <T> CompletableFuture<Outcome<T>> onVirtualThread(Supplier<T> body) {
        var outcome = new CompletableFuture<Outcome<T>>();
        Thread.ofVirtual().start(() -> {
            try {
                var value = body.get();
                outcome.complete(new Outcome<>(value, Thread.currentThread().isInterrupted()));
            } catch (Throwable t) {
                outcome.completeExceptionally(t);
            }
        });
        return outcome;
    }

    private CompletableFuture<ModelResponse> callInBackground(
            boolean stream, Cancellation cancellation, StreamObserver observer) {
        var executor = Executors.newVirtualThreadPerTaskExecutor();
        var future = CompletableFuture.supplyAsync(
                () -> anthropic.client().call(request(stream), context(farDeadline(), cancellation, observer)),
                executor);
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
