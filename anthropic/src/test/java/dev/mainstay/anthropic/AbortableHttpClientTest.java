package dev.mainstay.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.anthropic.core.RequestOptions;
import com.anthropic.core.http.Headers;
import com.anthropic.core.http.HttpClient;
import com.anthropic.core.http.HttpMethod;
import com.anthropic.core.http.HttpRequest;
import com.anthropic.core.http.HttpResponse;
import com.anthropic.errors.AnthropicIoException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The transport's abort paths against a scripted delegate. A blocked exchange is modelled the way a virtual thread
 * blocked in socket I/O behaves: it is released by an interrupt, fails, and leaves the interrupt flag set.
 */
class AbortableHttpClientTest {
    private static final long HANG_GUARD_SECONDS = 10;
    private static final HttpRequest REQUEST =
            HttpRequest.builder().method(HttpMethod.POST).baseUrl("http://localhost").build();

    private final AtomicReference<Thread> exchangeThread = new AtomicReference<>();

    @Test
    void aVirtualThreadCallerRunsTheExchangeItselfAndIsReleasedByACancelWithItsInterruptFlagClear()
            throws Exception {
        var blocked = new CountDownLatch(1);
        var transport = new AbortableHttpClient(delegate(() -> {
            blocked.countDown();
            while (!Thread.currentThread().isInterrupted()) {
                LockSupport.park(this);
            }
            throw new AnthropicIoException("Request failed", new InterruptedIOException("closed by interrupt"));
        }));
        var call = new InFlightCall();

        var outcome = onVirtualThread(() -> {
            try (var binding = transport.bind(call)) {
                return catchThrowableOfType(AnthropicIoException.class, () -> transport.execute(REQUEST, options()));
            }
        });
        assertThat(blocked.await(HANG_GUARD_SECONDS, TimeUnit.SECONDS)).as("exchange started").isTrue();
        call.abort();

        var result = outcome.get(HANG_GUARD_SECONDS, TimeUnit.SECONDS);
        assertThat(result.value()).hasCauseInstanceOf(InterruptedIOException.class).hasRootCauseMessage("aborted");
        assertThat(result.interruptedAfter()).as("caller's interrupt flag").isFalse();
        assertThat(exchangeThread.get()).isSameAs(result.caller());
        assertThat(transport.exchangesRunning()).isZero();
    }

    @Test
    void aCancelThatLosesTheRaceToTheExchangeNeverInterruptsTheCaller() throws Exception {
        var call = new InFlightCall();
        var transport = new AbortableHttpClient(delegate(AbortableHttpClientTest::response));

        var result = onVirtualThread(() -> {
            try (var binding = transport.bind(call)) {
                var response = transport.execute(REQUEST, options());
                call.abort(); // the cancel arrives just after the headers did
                return response;
            }
        }).get(HANG_GUARD_SECONDS, TimeUnit.SECONDS);

        assertThat(result.value().statusCode()).isEqualTo(200);
        assertThat(result.interruptedAfter()).as("caller's interrupt flag").isFalse();
    }

    @Test
    void aCancelThatWinsWhileTheExchangeCompletesLeavesNoStrayInterrupt() throws Exception {
        var call = new InFlightCall();
        var transport = new AbortableHttpClient(delegate(() -> {
            call.abort(); // lands while the exchange is running, but the exchange completes regardless
            return response();
        }));

        var result = onVirtualThread(() -> {
            try (var binding = transport.bind(call)) {
                return transport.execute(REQUEST, options());
            }
        }).get(HANG_GUARD_SECONDS, TimeUnit.SECONDS);

        assertThat(call.isAborted()).isTrue();
        assertThat(result.interruptedAfter()).as("caller's interrupt flag").isFalse();
    }

    @Test
    void anInterruptFromElsewhereIsLeftSet() throws Exception {
        var transport = new AbortableHttpClient(delegate(() -> {
            Thread.currentThread().interrupt();
            throw new AnthropicIoException("Request failed", new InterruptedIOException("closed by interrupt"));
        }));

        var result = onVirtualThread(() -> {
            try (var binding = transport.bind(new InFlightCall())) {
                return catchThrowableOfType(AnthropicIoException.class, () -> transport.execute(REQUEST, options()));
            }
        }).get(HANG_GUARD_SECONDS, TimeUnit.SECONDS);

        assertThat(result.value()).hasRootCauseMessage("closed by interrupt");
        assertThat(result.interruptedAfter()).isTrue();
    }

    @Test
    void aPlatformThreadCallerWaitsWhileTheExchangeRunsOnItsOwnThread() {
        var transport = new AbortableHttpClient(delegate(AbortableHttpClientTest::response));

        try (var binding = transport.bind(new InFlightCall())) {
            assertThat(transport.execute(REQUEST, options()).statusCode()).isEqualTo(200);
        }

        assertThat(exchangeThread.get()).isNotSameAs(Thread.currentThread());
        assertThat(exchangeThread.get().isVirtual()).isTrue();
    }

    private record Outcome<T>(T value, Thread caller, boolean interruptedAfter) {}

    private static <T> CompletableFuture<Outcome<T>> onVirtualThread(Supplier<T> body) {
        var outcome = new CompletableFuture<Outcome<T>>();
        Thread.ofVirtual().start(() -> {
            try {
                var value = body.get();
                outcome.complete(new Outcome<>(value, Thread.currentThread(), Thread.currentThread().isInterrupted()));
            } catch (Throwable t) {
                outcome.completeExceptionally(t);
            }
        });
        return outcome;
    }

    private static RequestOptions options() {
        return RequestOptions.none();
    }

    private HttpClient delegate(Supplier<HttpResponse> exchange) {
        return new HttpClient() {
            @Override
            public HttpResponse execute(HttpRequest request, RequestOptions requestOptions) {
                exchangeThread.set(Thread.currentThread());
                return exchange.get();
            }

            @Override
            public CompletableFuture<HttpResponse> executeAsync(HttpRequest request, RequestOptions requestOptions) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void close() {}
        };
    }

    private static HttpResponse response() {
        return new HttpResponse() {
            @Override
            public int statusCode() {
                return 200;
            }

            @Override
            public Headers headers() {
                return Headers.builder().build();
            }

            @Override
            public InputStream body() {
                return InputStream.nullInputStream();
            }

            @Override
            public void close() {}
        };
    }
}
