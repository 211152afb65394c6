package dev.mainstay.anthropic;

import com.anthropic.core.http.Headers;
import com.anthropic.errors.AnthropicInvalidDataException;
import com.anthropic.errors.AnthropicServiceException;
import com.anthropic.errors.SseException;
import dev.mainstay.model.ApiErrorType;
import dev.mainstay.model.ModelApiException;
import dev.mainstay.model.ModelCancelledException;
import dev.mainstay.model.ModelConnectionException;
import dev.mainstay.model.ModelException;
import dev.mainstay.model.ModelTimeoutException;
import dev.mainstay.model.ResponseHeaders;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;

/**
 * The one place that turns a failure of the SDK into Mainstay's sealed {@link ModelException}.
 *
 * <ul>
 *   <li>the run was cancelled → {@link ModelCancelledException}, whatever the failure looked like;
 *   <li>an HTTP error status, or an {@code error} event inside a 200 stream → {@link ModelApiException}, typed by
 *       the {@code error.type} string of the body (not by the SDK's exception class), with the kept headers and the
 *       body's {@code error.details.error_code} when it has one;
 *   <li>a timeout anywhere in the cause chain → {@link ModelTimeoutException};
 *   <li>any other I/O failure, a cut stream or an unreadable body → {@link ModelConnectionException}.
 * </ul>
 *
 * <p>Messages are built here from the API's own {@code error.message} or from the I/O failure's class and message,
 * with the API key scrubbed out; SDK exceptions (whose messages quote whole response bodies) are never attached as
 * causes of an API error. Thread-safe.
 */
final class ErrorTranslator {
    private static final String REDACTED = "[redacted]";

    private final String secret;

    ErrorTranslator(String secret) {
        this.secret = secret;
    }

    /**
     * @param failure what the SDK threw
     * @param cancelled whether the run's cancellation aborted the call
     * @param contentDelivered whether streamed content had reached the observer
     * @param timeout the timeout the call ran with
     */
    ModelException translate(RuntimeException failure, boolean cancelled, boolean contentDelivered, Duration timeout) {
        if (failure instanceof ModelException already) {
            return cancelled && !(already instanceof ModelCancelledException)
                    ? new ModelCancelledException(contentDelivered)
                    : already;
        }
        if (cancelled) {
            return new ModelCancelledException(contentDelivered);
        }
        if (failure instanceof AnthropicServiceException service) {
            return apiError(service, contentDelivered);
        }
        var timeoutCause = timeoutCause(failure);
        if (timeoutCause != null) {
            return new ModelTimeoutException(timeout, contentDelivered, timeoutCause);
        }
        if (failure instanceof AnthropicInvalidDataException) {
            return new ModelConnectionException(
                    "the Anthropic API sent a response that could not be read", contentDelivered, null);
        }
        var io = rootCause(failure);
        return new ModelConnectionException(
                "the call to the Anthropic API failed: " + describe(io), contentDelivered, io);
    }

    private ModelApiException apiError(AnthropicServiceException e, boolean contentDelivered) {
        boolean inStream = e instanceof SseException;
        int status = e.statusCode();
        var type = errorType(e).map(ApiErrorType::of).orElseGet(() -> fallbackType(status, inStream));
        var message = scrub(safely(() -> e.apiMessage()).orElse(""));
        var headers = keptHeaders(e.headers());
        var requestId = safely(e::requestId).orElse("");
        var detailCode = safely(e::errorCode).orElse("");
        return new ModelApiException(status, type, message, headers, requestId, inStream, contentDelivered,
                detailCode);
    }

    private static Optional<String> errorType(AnthropicServiceException e) {
        return safely(e::type).flatMap(t -> t._value().asString()).filter(s -> !s.isBlank());
    }

    /** The type a body without {@code error.type} most likely meant, e.g. a gateway's plain-text 502. */
    static ApiErrorType fallbackType(int status, boolean inStream) {
        if (inStream) {
            return ApiErrorType.API_ERROR;
        }
        return switch (status) {
            case 400 -> ApiErrorType.INVALID_REQUEST;
            case 401 -> ApiErrorType.AUTHENTICATION;
            case 402 -> ApiErrorType.BILLING;
            case 403 -> ApiErrorType.PERMISSION;
            case 404 -> ApiErrorType.NOT_FOUND;
            case 413 -> ApiErrorType.REQUEST_TOO_LARGE;
            case 429 -> ApiErrorType.RATE_LIMIT;
            case 529 -> ApiErrorType.OVERLOADED;
            default -> status >= 500 && status <= 599 ? ApiErrorType.API_ERROR : ApiErrorType.UNKNOWN;
        };
    }

    private static ResponseHeaders keptHeaders(Headers headers) {
        var values = new LinkedHashMap<String, List<String>>();
        for (var name : headers.names()) {
            values.put(name, headers.values(name));
        }
        return ResponseHeaders.of(values); // drops every header not in ResponseHeaders.KEPT
    }

    private static InterruptedIOException timeoutCause(Throwable failure) {
        for (var t = failure; t != null; t = t.getCause()) {
            if (t instanceof SocketTimeoutException timeout) {
                return timeout;
            }
            if (t instanceof InterruptedIOException interrupted && "timeout".equals(interrupted.getMessage())) {
                return interrupted;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }

    private static Throwable rootCause(Throwable failure) {
        var t = failure;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    private String describe(Throwable t) {
        var message = t.getMessage();
        return t.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : " (" + scrub(message) + ")");
    }

    private String scrub(String text) {
        return secret == null || secret.isEmpty() ? text : text.replace(secret, REDACTED);
    }

    private static <T> Optional<T> safely(java.util.function.Supplier<Optional<T>> read) {
        try {
            return read.get();
        } catch (RuntimeException malformedBody) {
            return Optional.empty();
        }
    }
}
