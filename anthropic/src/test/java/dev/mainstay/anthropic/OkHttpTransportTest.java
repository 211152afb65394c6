package dev.mainstay.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.anthropic.backends.AnthropicBackend;
import com.anthropic.core.RequestOptions;
import com.anthropic.core.Timeout;
import com.anthropic.core.http.HttpMethod;
import com.anthropic.core.http.HttpRequest;
import com.anthropic.core.http.HttpRequestBody;
import com.anthropic.errors.AnthropicIoException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The transport on its own, against a local server: what it sends, and that an abort from another thread ends an
 * exchange that a platform thread is blocked in, whether it waits for headers or reads the body. Waits are bounded
 * only so that a broken abort fails the test instead of hanging it; nothing asserts how long anything took.
 */
class OkHttpTransportTest {
    private static final long HANG_GUARD_SECONDS = 10;
    private static final String KEY = "test-key-not-real";

    private final MockWebServer server = new MockWebServer();
    private OkHttpTransport transport;

    @BeforeEach
    void start() throws IOException {
        server.start();
        var backend = AnthropicBackend.builder().apiKey(KEY).baseUrl(server.url("/").toString()).build();
        transport = new OkHttpTransport(backend, Duration.ofSeconds(5), Duration.ofSeconds(60));
    }

    @AfterEach
    void stop() {
        transport.close();
        server.close();
    }

    @Test
    void sendsTheMethodPathQueryHeadersAndBodyOfTheRequest() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).body("{}").build());

        try (var response = transport.execute(post("hello"), RequestOptions.none())) {
            assertThat(response.statusCode()).isEqualTo(200);
        }

        var recorded = server.takeRequest(HANG_GUARD_SECONDS, TimeUnit.SECONDS);
        assertThat(recorded.getMethod()).isEqualTo("POST");
        assertThat(recorded.getUrl().encodedPath()).isEqualTo("/v1/messages");
        assertThat(recorded.getUrl().queryParameterValues("beta")).containsExactly("true", "again");
        assertThat(recorded.getHeaders().values("anthropic-beta")).containsExactly("a", "b");
        assertThat(recorded.getHeaders().get("content-type")).startsWith("application/json");
        assertThat(recorded.getBody().utf8()).isEqualTo("{\"text\":\"hello\"}");
    }

    @Test
    void tellsTheServerHowLongTheClientWillWait() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).body("{}").build());
        var options = RequestOptions.builder()
                .timeout(Timeout.builder().request(Duration.ofSeconds(42)).build())
                .build();

        transport.execute(post("x"), options).close();

        assertThat(server.takeRequest(HANG_GUARD_SECONDS, TimeUnit.SECONDS).getHeaders().get("x-stainless-timeout"))
                .isEqualTo("42");
    }

    @Test
    void returnsTheStatusHeadersAndBodyOfTheResponse() throws Exception {
        server.enqueue(new MockResponse.Builder()
                .code(529)
                .addHeader("request-id", "req_1")
                .body("{\"type\":\"error\"}")
                .build());

        try (var response = transport.execute(post("x"), RequestOptions.none())) {
            assertThat(response.statusCode()).isEqualTo(529);
            assertThat(response.headers().values("request-id")).containsExactly("req_1");
            assertThat(new String(response.body().readAllBytes(), StandardCharsets.UTF_8))
                    .isEqualTo("{\"type\":\"error\"}");
        }
    }

    @Test
    void anAbortEndsAnExchangeAPlatformThreadIsWaitingOnForHeaders() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).body("{}").headersDelay(60, TimeUnit.SECONDS).build());
        var inFlight = inFlight(Duration.ofMinutes(1));

        var call = onPlatformThread(() -> {
            try (var binding = transport.bind(inFlight)) {
                return transport.execute(post("x"), RequestOptions.none());
            }
        });
        assertThat(server.takeRequest(HANG_GUARD_SECONDS, TimeUnit.SECONDS)).as("request reached server").isNotNull();
        inFlight.abort();

        assertThat(failureOf(call)).isInstanceOf(AnthropicIoException.class);
        await().atMost(HANG_GUARD_SECONDS, TimeUnit.SECONDS).until(() -> transport.exchangesRunning() == 0);
    }

    @Test
    void anAbortEndsABodyAPlatformThreadIsReading() throws Exception {
        server.enqueue(new MockResponse.Builder()
                .code(200)
                .body("partial")
                .onResponseBody(SocketEffect.Stall.INSTANCE)
                .build());
        var inFlight = inFlight(Duration.ofMinutes(1));
        var headersArrived = new CompletableFuture<Void>();

        var read = onPlatformThread(() -> {
            try (var binding = transport.bind(inFlight);
                    var response = transport.execute(post("x"), RequestOptions.none())) {
                headersArrived.complete(null);
                return response.body().readAllBytes();
            } catch (IOException e) {
                throw new AnthropicIoException("read failed", e);
            }
        });
        headersArrived.get(HANG_GUARD_SECONDS, TimeUnit.SECONDS);
        inFlight.abort();

        assertThat(failureOf(read)).isInstanceOf(AnthropicIoException.class);
    }

    @Test
    void aResponseSlowerThanTheRequestTimeoutFailsAsATimeout() {
        server.enqueue(new MockResponse.Builder().code(200).body("{}").headersDelay(60, TimeUnit.SECONDS).build());

        assertThatThrownBy(() -> transport.execute(post("x"), timeout(Duration.ofMillis(100))))
                .isInstanceOf(AnthropicIoException.class)
                .cause().isInstanceOf(InterruptedIOException.class).hasMessage("timeout");
        assertThat(transport.deadlinesRegistered()).isZero();
    }

    @Test
    void aBodyThatStallsPastTheRequestTimeoutFailsItsReadAsATimeout() {
        server.enqueue(new MockResponse.Builder()
                .code(200)
                .body("partial")
                .onResponseBody(SocketEffect.Stall.INSTANCE)
                .build());

        try (var response = transport.execute(post("x"), timeout(Duration.ofMillis(200)))) {
            assertThatThrownBy(() -> response.body().readAllBytes())
                    .isInstanceOf(InterruptedIOException.class).hasMessage("timeout");
        }
        assertThat(transport.deadlinesRegistered()).isZero();
    }

    @Test
    void anExchangeGetsOnlyWhatIsLeftOfItsCallsDeadlineWhenItStarts() {
        server.enqueue(new MockResponse.Builder().code(200).body("{}").headersDelay(60, TimeUnit.SECONDS).build());
        // the call began long enough ago that its deadline has passed before the exchange starts (a slow cold start)
        var late = inFlight(Duration.ofMillis(-1));

        try (var binding = transport.bind(late)) {
            assertThatThrownBy(() -> transport.execute(post("x"), timeout(Duration.ofMinutes(5))))
                    .isInstanceOf(AnthropicIoException.class)
                    .cause().isInstanceOf(InterruptedIOException.class).hasMessage("timeout");
        }
        assertThat(server.getRequestCount()).as("nothing was sent").isZero();
        assertThat(transport.deadlinesRegistered()).isZero();
    }

    @Test
    void aBoundCallsDeadlineWinsOverTheRequestOptionsTimeout() {
        server.enqueue(new MockResponse.Builder().code(200).body("{}").headersDelay(60, TimeUnit.SECONDS).build());

        try (var binding = transport.bind(inFlight(Duration.ofMillis(150)))) {
            assertThatThrownBy(() -> transport.execute(post("x"), timeout(Duration.ofMinutes(5))))
                    .isInstanceOf(AnthropicIoException.class)
                    .cause().isInstanceOf(InterruptedIOException.class).hasMessage("timeout");
        }
    }

    private static InFlightCall inFlight(Duration left) {
        return new InFlightCall(System.nanoTime() + left.toNanos());
    }

    @Test
    void aClosedResponseNoLongerWaitsOnItsDeadline() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).body("{}").build());

        try (var response = transport.execute(post("x"), RequestOptions.none())) {
            assertThat(transport.deadlinesRegistered()).isOne();
            response.body().readAllBytes();
        }

        assertThat(transport.deadlinesRegistered()).isZero();
    }

    @Test
    void anExchangeStartedAfterItsCallWasAbortedIsCancelledAtOnce() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).body("{}").headersDelay(60, TimeUnit.SECONDS).build());
        var inFlight = inFlight(Duration.ofMinutes(1));
        inFlight.abort();

        try (var binding = transport.bind(inFlight)) {
            assertThatThrownBy(() -> transport.execute(post("x"), RequestOptions.none()))
                    .isInstanceOf(AnthropicIoException.class);
        }
    }

    @Test
    void aThreadWithNoBindingRunsItsExchangeUnattached() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).body("{}").build());
        var inFlight = inFlight(Duration.ofMinutes(1));
        try (var binding = transport.bind(inFlight)) {
            // bound, then released: the next exchange must not be attached to this call
        }
        inFlight.abort();

        try (var response = transport.execute(post("x"), RequestOptions.none())) {
            assertThat(response.statusCode()).isEqualTo(200);
        }
    }

    private HttpRequest post(String text) {
        return HttpRequest.builder()
                .method(HttpMethod.POST)
                .baseUrl(server.url("/").toString())
                .addPathSegments("v1", "messages")
                .putQueryParam("beta", "true")
                .putQueryParam("beta", "again")
                .putHeader("anthropic-beta", "a")
                .putHeader("anthropic-beta", "b")
                .body(new JsonBody("{\"text\":\"" + text + "\"}"))
                .build();
    }

    private static RequestOptions timeout(Duration timeout) {
        return RequestOptions.builder().timeout(Timeout.builder().request(timeout).build()).build();
    }

    private static <T> CompletableFuture<T> onPlatformThread(Supplier<T> body) {
        var result = new CompletableFuture<T>();
        Thread.ofPlatform().daemon().start(() -> {
            try {
                result.complete(body.get());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        return result;
    }

    private static Throwable failureOf(CompletableFuture<?> call) throws Exception {
        try {
            call.get(HANG_GUARD_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        }
        throw new AssertionError("the exchange succeeded");
    }

    /** A repeatable JSON request body. */
    private record JsonBody(String json) implements HttpRequestBody {
        @Override
        public void writeTo(OutputStream out) {
            try {
                out.write(json.getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new AnthropicIoException("write failed", e);
            }
        }

        @Override
        public String contentType() {
            return "application/json";
        }

        @Override
        public long contentLength() {
            return json.getBytes(StandardCharsets.UTF_8).length;
        }

        @Override
        public boolean repeatable() {
            return true;
        }

        @Override
        public void close() {}
    }
}
