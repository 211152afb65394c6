package dev.mainstay.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.core.JsonValue;
import com.anthropic.core.http.Headers;
import com.anthropic.errors.AnthropicInvalidDataException;
import com.anthropic.errors.AnthropicIoException;
import com.anthropic.errors.SseException;
import dev.mainstay.json.Json;
import dev.mainstay.model.ApiErrorType;
import dev.mainstay.model.ModelApiException;
import dev.mainstay.model.ModelCancelledException;
import dev.mainstay.model.ModelConnectionException;
import dev.mainstay.model.ModelTimeoutException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The translation rules on failures built directly, including ones a local server cannot easily produce. */
class ErrorTranslatorTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final ErrorTranslator translator = new ErrorTranslator("sk-secret");

    @Test
    void anErrorEventOfATypeNewerThanMainstayKeepsItsType() {
        var event = SseException.builder()
                .statusCode(200)
                .headers(Headers.builder().put("request-id", "req_1").put("authorization", "Bearer x").build())
                .body(JsonValue.fromJsonNode(Json.parse(
                        "{\"type\":\"error\",\"error\":{\"type\":\"capacity_shift_error\",\"message\":\"moved\"}}")))
                .build();

        var e = (ModelApiException) translator.translate(event, false, true, TIMEOUT);

        assertThat(e.inStream()).isTrue();
        assertThat(e.errorType()).isEqualTo(ApiErrorType.of("capacity_shift_error"));
        assertThat(e.requestId()).isEqualTo("req_1");
        assertThat(e.headers().values()).containsOnlyKeys("request-id");
        assertThat(e.contentDelivered()).isTrue();
    }

    @Test
    void aSocketTimeoutAnywhereInTheChainIsATimeout() {
        var failure = new AnthropicIoException("Stream failed", new IOException("wrapped",
                new SocketTimeoutException("Read timed out")));

        var e = translator.translate(failure, false, false, TIMEOUT);

        assertThat(e).isInstanceOfSatisfying(ModelTimeoutException.class,
                t -> assertThat(t.timeout()).isEqualTo(TIMEOUT));
    }

    @Test
    void okHttpsCallTimeoutIsATimeout() {
        var failure = new AnthropicIoException("Request failed", new InterruptedIOException("timeout"));

        assertThat(translator.translate(failure, false, false, TIMEOUT)).isInstanceOf(ModelTimeoutException.class);
    }

    @Test
    void anInterruptedExchangeThatWasNotATimeoutIsAConnectionFailure() {
        var failure = new AnthropicIoException("Request failed", new InterruptedIOException("interrupted"));

        assertThat(translator.translate(failure, false, false, TIMEOUT)).isInstanceOf(ModelConnectionException.class);
    }

    @Test
    void cancellationWinsOverWhateverTheAbortLookedLike() {
        var failure = new AnthropicIoException("Stream failed", new IOException("Socket closed"));

        var e = translator.translate(failure, true, true, TIMEOUT);

        assertThat(e).isInstanceOf(ModelCancelledException.class);
        assertThat(e.contentDelivered()).isTrue();
    }

    @Test
    void anUnreadableBodyIsAConnectionFailureWithoutTheBodyInTheMessage() {
        var failure = new AnthropicInvalidDataException("Error reading response: {\"secret-ish\": true}");

        var e = translator.translate(failure, false, false, TIMEOUT);

        assertThat(e).isInstanceOf(ModelConnectionException.class);
        assertThat(e.getMessage()).doesNotContain("secret-ish");
    }

    @Test
    void scrubsTheKeyFromIoFailureMessages() {
        var failure = new AnthropicIoException("Request failed", new IOException("proxy said sk-secret is bad"));

        assertThat(translator.translate(failure, false, false, TIMEOUT).getMessage())
                .doesNotContain("sk-secret")
                .contains("[redacted]");
    }
}
