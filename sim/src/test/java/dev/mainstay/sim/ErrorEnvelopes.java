package dev.mainstay.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mainstay.json.Json;
import java.net.http.HttpResponse;

/** Assertions on the Messages API error envelope. */
final class ErrorEnvelopes {
    private ErrorEnvelopes() {}

    /** Asserts status, {@code error.type} and that {@code error.message} is exactly {@code message}; returns error. */
    static JsonNode assertError(HttpResponse<String> response, int status, String type, String message) {
        var error = assertErrorType(response, status, type);
        assertThat(error.get("message").asText()).isEqualTo(message);
        return error;
    }

    /** Asserts status and {@code error.type} and the request id; returns {@code error}. */
    static JsonNode assertErrorType(HttpResponse<String> response, int status, String type) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        var body = Json.parse(response.body());
        assertThat(body.get("type").asText()).isEqualTo("error");
        assertThat(body.get("request_id").asText())
                .isEqualTo(response.headers().firstValue("request-id").orElseThrow());
        assertThat(body.get("error").get("type").asText()).isEqualTo(type);
        return body.get("error");
    }
}
