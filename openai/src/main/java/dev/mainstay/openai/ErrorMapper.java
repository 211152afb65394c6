package dev.mainstay.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mainstay.json.Json;
import dev.mainstay.model.ApiErrorType;
import dev.mainstay.model.ModelApiException;
import dev.mainstay.model.ModelCancelledException;
import dev.mainstay.model.ModelConnectionException;
import dev.mainstay.model.ModelException;
import dev.mainstay.model.ModelTimeoutException;
import dev.mainstay.model.ResponseHeaders;
import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The one place that turns a failed exchange into Mainstay's sealed {@link ModelException}.
 *
 * <ul>
 *   <li>the run was cancelled → {@link ModelCancelledException}; the call's own timer fired, or the JDK client
 *       timed out ({@link HttpTimeoutException}) → {@link ModelTimeoutException};
 *   <li>an HTTP error status → {@link ModelApiException} typed by status, since OpenAI-compatible servers do not
 *       share Anthropic's {@code error.type} strings: 400/422 {@code invalid_request_error}, 401
 *       {@code authentication_error}, 402 {@code billing_error}, 403 {@code permission_error}, 404
 *       {@code not_found_error}, 413 {@code request_too_large}, 429 {@code rate_limit_error} ({@code billing_error}
 *       for OpenAI's {@code insufficient_quota}), 529 and an "overloaded" 503 {@code overloaded_error}, other 5xx
 *       {@code api_error}, anything else the body's own type;
 *   <li>an {@code error} object inside a 200 response or stream → {@link ModelApiException} with status 200,
 *       typed from its type, code and message;
 *   <li>any other I/O failure → {@link ModelConnectionException}.
 * </ul>
 * Error bodies may be OpenAI's {@code {"error":{"message","type","code"}}}, a bare {@code {"error":"…"}}, or vLLM's
 * top-level {@code {"message","type","code"}}. Messages come from the server's {@code message} with the API key
 * scrubbed out, cut to {@value #MAX_MESSAGE_CHARS} characters; a body that is not JSON contributes nothing.
 * Thread-safe.
 */
final class ErrorMapper {
    static final int MAX_MESSAGE_CHARS = 500;
    private static final String REDACTED = "[redacted]";

    /** The fields of an error body; each empty when absent. */
    record ErrorBody(String message, String type, String code) {
        boolean mentions(String word) {
            return (type + " " + code + " " + message).toLowerCase(Locale.ROOT).contains(word);
        }
    }

    private final String secret;

    ErrorMapper(String secret) {
        this.secret = secret;
    }

    ModelApiException httpError(int status, Map<String, List<String>> headers, byte[] body, String requestId) {
        var error = errorBody(parseQuietly(body)).orElse(new ErrorBody("", "", ""));
        return new ModelApiException(status, httpType(status, error), message(error), ResponseHeaders.of(headers),
                requestId, false, false);
    }

    /** The error carried by a 200 body or stream chunk, or null when it carries none. */
    ModelApiException embeddedError(
            JsonNode node, Map<String, List<String>> headers, String requestId, boolean inStream, boolean delivered) {
        if (node == null || !node.has("error") || node.get("error").isNull()) {
            return null;
        }
        var error = errorBody(node).orElse(new ErrorBody("", "", ""));
        return new ModelApiException(200, embeddedType(error), message(error), ResponseHeaders.of(headers),
                requestId, inStream, delivered);
    }

    ModelException translate(Throwable failure, InFlightCall.Abort abort, boolean delivered, Duration timeout) {
        if (failure instanceof ModelException already) {
            return abort == InFlightCall.Abort.CANCELLED && !(already instanceof ModelCancelledException)
                    ? new ModelCancelledException(delivered)
                    : already;
        }
        if (abort == InFlightCall.Abort.CANCELLED) {
            return new ModelCancelledException(delivered);
        }
        if (abort == InFlightCall.Abort.TIMED_OUT) {
            return new ModelTimeoutException(timeout, delivered, null);
        }
        for (var t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof HttpTimeoutException timedOut) {
                return new ModelTimeoutException(timeout, delivered, timedOut);
            }
        }
        if (failure instanceof IOException io) {
            return new ModelConnectionException(
                    "the call to the OpenAI-compatible endpoint failed: " + describe(io), delivered, io);
        }
        return null; // not an I/O failure: a bug the caller rethrows as it is
    }

    static ApiErrorType httpType(int status, ErrorBody error) {
        if (status == 429) {
            return error.mentions("insufficient_quota") ? ApiErrorType.BILLING : ApiErrorType.RATE_LIMIT;
        }
        if (status == 529 || (status == 503 && error.mentions("overload"))) {
            return ApiErrorType.OVERLOADED;
        }
        return switch (status) {
            case 400, 422 -> ApiErrorType.INVALID_REQUEST;
            case 401 -> ApiErrorType.AUTHENTICATION;
            case 402 -> ApiErrorType.BILLING;
            case 403 -> ApiErrorType.PERMISSION;
            case 404 -> ApiErrorType.NOT_FOUND;
            case 413 -> ApiErrorType.REQUEST_TOO_LARGE;
            default -> status >= 500 && status <= 599 ? ApiErrorType.API_ERROR : ApiErrorType.of(error.type());
        };
    }

    static ApiErrorType embeddedType(ErrorBody error) {
        if (error.mentions("overload")) {
            return ApiErrorType.OVERLOADED;
        }
        if (error.mentions("insufficient_quota")) {
            return ApiErrorType.BILLING;
        }
        if (error.mentions("rate_limit") || error.code().equals("429")) {
            return ApiErrorType.RATE_LIMIT;
        }
        if (error.type().equals("invalid_request_error")) {
            return ApiErrorType.INVALID_REQUEST;
        }
        return ApiErrorType.API_ERROR;
    }

    private static Optional<ErrorBody> errorBody(JsonNode root) {
        if (root == null || !root.isObject()) {
            return Optional.empty();
        }
        var error = root.get("error");
        if (error != null && error.isObject()) {
            return Optional.of(fields(error));
        }
        if (error != null && error.isTextual()) {
            return Optional.of(new ErrorBody(error.asText(), "", ""));
        }
        return root.has("message") ? Optional.of(fields(root)) : Optional.empty();
    }

    private static ErrorBody fields(JsonNode error) {
        return new ErrorBody(scalar(error.get("message")), scalar(error.get("type")), scalar(error.get("code")));
    }

    private static String scalar(JsonNode node) {
        return node != null && node.isValueNode() && !node.isNull() ? node.asText() : "";
    }

    private static JsonNode parseQuietly(byte[] body) {
        try {
            return body.length == 0 ? null : Json.mapper().readTree(body);
        } catch (IOException notJson) {
            return null; // an HTML page from a proxy, say: the status alone tells what happened
        }
    }

    private String message(ErrorBody error) {
        var text = error.message().strip();
        if (!error.code().isEmpty() && !text.contains(error.code())) {
            text = text + (text.isEmpty() ? "" : " ") + "(code " + error.code() + ")";
        }
        text = scrub(text);
        return text.length() > MAX_MESSAGE_CHARS ? text.substring(0, MAX_MESSAGE_CHARS) + "…" : text;
    }

    private String describe(Throwable t) {
        var message = t.getMessage();
        return t.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : " (" + scrub(message) + ")");
    }

    private String scrub(String text) {
        return secret.isEmpty() ? text : text.replace(secret, REDACTED);
    }
}
