package dev.mainstay.anthropic;

import dev.mainstay.testing.RecordingObserver;
import static dev.mainstay.anthropic.Fixtures.context;
import static dev.mainstay.anthropic.Fixtures.error;
import static dev.mainstay.anthropic.Fixtures.paddedAfter;
import static dev.mainstay.anthropic.Fixtures.read;
import static dev.mainstay.anthropic.Fixtures.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.mainstay.model.ApiErrorType;
import dev.mainstay.model.ModelApiException;
import dev.mainstay.model.ModelConnectionException;
import java.io.IOException;
import mockwebserver3.MockResponse;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ErrorTranslationTest {
    @RegisterExtension
    final FakeAnthropicServer anthropic = new FakeAnthropicServer();

    @ParameterizedTest(name = "HTTP {0} {1}")
    @CsvSource({
        "400, invalid_request_error, false",
        "401, authentication_error, false",
        "403, permission_error, false",
        "404, not_found_error, false",
        "413, request_too_large, false",
        "429, rate_limit_error, false",
        "500, api_error, false",
        "529, overloaded_error, false",
        "529, overloaded_error, true",
    })
    void mapsEachErrorStatusToAnApiErrorTypedByTheBodyAfterOneRequest(int status, String type, boolean stream) {
        anthropic.server().enqueue(error(status, type, "what went wrong"));

        var e = catchThrowableOfType(ModelApiException.class,
                () -> anthropic.client().call(request(stream), context()));

        assertThat(e.status()).isEqualTo(status);
        assertThat(e.errorType()).isEqualTo(ApiErrorType.of(type));
        assertThat(e.code()).isEqualTo(type);
        assertThat(e.getMessage()).contains("what went wrong");
        assertThat(e.requestId()).isEqualTo("req_011CSHoEeqs5C35K2UUqR7Fy");
        assertThat(e.inStream()).isFalse();
        assertThat(e.contentDelivered()).isFalse();
        assertThat(anthropic.server().getRequestCount()).isEqualTo(1);
    }

    @Test
    void keepsRetryAndRateLimitHeadersAndDropsTheRest() {
        var rateLimited = new MockResponse.Builder(error(429, "rate_limit_error", "Number of request tokens exceeded"))
                .addHeader("retry-after", "17")
                .addHeader("retry-after-ms", "16500")
                .addHeader("x-should-retry", "true")
                .addHeader("anthropic-ratelimit-requests-remaining", "0")
                .addHeader("anthropic-ratelimit-tokens-reset", "2026-01-01T00:00:17Z")
                .addHeader("set-cookie", "session=abc")
                .build();
        anthropic.server().enqueue(rateLimited);

        var e = catchThrowableOfType(ModelApiException.class, () -> anthropic.client().call(request(false), context()));

        assertThat(e.headers().first("retry-after")).hasValue("17");
        assertThat(e.headers().first("retry-after-ms")).hasValue("16500");
        assertThat(e.headers().first("x-should-retry")).hasValue("true");
        assertThat(e.headers().first("anthropic-ratelimit-requests-remaining")).hasValue("0");
        assertThat(e.headers().first("anthropic-ratelimit-tokens-reset")).hasValue("2026-01-01T00:00:17Z");
        assertThat(e.headers().first("request-id")).hasValue("req_011CSHoEeqs5C35K2UUqR7Fy");
        assertThat(e.headers().values()).doesNotContainKeys("set-cookie", "content-type");
        assertThat(anthropic.server().getRequestCount()).isEqualTo(1);
    }

    @Test
    void classifiesByTheBodysErrorTypeNotByTheStatus() {
        anthropic.server().enqueue(error(500, "overloaded_error", "Overloaded"));

        var e = catchThrowableOfType(ModelApiException.class, () -> anthropic.client().call(request(false), context()));

        assertThat(e.status()).isEqualTo(500);
        assertThat(e.errorType()).isEqualTo(ApiErrorType.OVERLOADED);
    }

    @Test
    void aGatewayErrorWithoutJsonFallsBackToTheStatusType() {
        anthropic.server().enqueue(new MockResponse.Builder().code(502).addHeader("content-type", "text/html")
                .body("<html><body>502 Bad Gateway</body></html>").build());

        var e = catchThrowableOfType(ModelApiException.class, () -> anthropic.client().call(request(false), context()));

        assertThat(e.status()).isEqualTo(502);
        assertThat(e.errorType()).isEqualTo(ApiErrorType.API_ERROR);
        assertThat(e.getMessage()).doesNotContain("<html>");
    }

    @Test
    void anOverloadedEventInsideA200StreamIsAnInStreamApiErrorAfterDeliveredContent() {
        var body = read("stream-start-and-first-delta.sse") + """
                event: error
                data: {"type": "error", "error": {"type": "overloaded_error", "message": "Overloaded"}}

                """;
        anthropic.server().enqueue(Fixtures.sse(body));
        var observer = new RecordingObserver();

        var e = catchThrowableOfType(ModelApiException.class,
                () -> anthropic.client().call(request(true), context(observer)));

        assertThat(e.inStream()).isTrue();
        assertThat(e.status()).isEqualTo(200);
        assertThat(e.errorType()).isEqualTo(ApiErrorType.OVERLOADED);
        assertThat(e.contentDelivered()).isTrue();
        assertThat(e.requestId()).isEqualTo("req_stream_01");
        assertThat(observer.textDeltas()).containsExactly("Hello");
    }

    @Test
    void aStreamCutMidBodyIsAConnectionFailureAfterDeliveredContent() {
        anthropic.server().enqueue(Fixtures.sseBuilder(paddedAfter(read("stream-start-and-first-delta.sse")))
                .onResponseBody(SocketEffect.ShutdownConnection.INSTANCE)
                .build());
        var observer = new RecordingObserver();

        var e = catchThrowableOfType(ModelConnectionException.class,
                () -> anthropic.client().call(request(true), context(observer)));

        assertThat(e.contentDelivered()).isTrue();
        assertThat(observer.textDeltas()).containsExactly("Hello");
        assertThat(anthropic.server().getRequestCount()).isEqualTo(1);
    }

    @Test
    void aResponseCutBeforeAnyContentIsAConnectionFailureWithNothingDelivered() {
        anthropic.server().enqueue(Fixtures.json(200, read("message-text-and-tool-use.json")).newBuilder()
                .onResponseBody(SocketEffect.ShutdownConnection.INSTANCE)
                .build());

        var e = catchThrowableOfType(ModelConnectionException.class,
                () -> anthropic.client().call(request(false), context()));

        assertThat(e.contentDelivered()).isFalse();
    }

    @Test
    void aRefusedConnectionIsAConnectionFailure() throws IOException {
        var config = Fixtures.configForClosedServer();

        try (var unreachable = new AnthropicModelClient(config)) {
            var e = catchThrowableOfType(ModelConnectionException.class,
                    () -> unreachable.call(request(false), context()));
            assertThat(e.code()).isEqualTo("connection_error");
            assertThat(e.contentDelivered()).isFalse();
        }
    }
}
