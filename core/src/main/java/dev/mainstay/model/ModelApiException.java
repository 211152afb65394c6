package dev.mainstay.model;

import java.util.Objects;

/**
 * The provider answered with an error: an HTTP error status, or an {@code error} event inside a 200 stream
 * ({@link #inStream()}; then {@link #status()} is 200 and {@link #errorType()} tells what happened).
 */
public final class ModelApiException extends ModelException {
    private final int status;
    private final ApiErrorType errorType;
    private final ResponseHeaders headers;
    private final String requestId;
    private final boolean inStream;

    public ModelApiException(
            int status,
            ApiErrorType errorType,
            String message,
            ResponseHeaders headers,
            String requestId,
            boolean inStream,
            boolean contentDelivered) {
        super(describe(status, errorType, message, inStream), contentDelivered, null);
        this.status = status;
        this.errorType = Objects.requireNonNull(errorType, "errorType");
        this.headers = Objects.requireNonNull(headers, "headers");
        this.requestId = requestId == null ? "" : requestId;
        this.inStream = inStream;
    }

    private static String describe(int status, ApiErrorType type, String message, boolean inStream) {
        return (inStream ? "stream error event" : "HTTP " + status) + " " + type.value()
                + (message == null || message.isBlank() ? "" : ": " + message);
    }

    public int status() {
        return status;
    }

    public ApiErrorType errorType() {
        return errorType;
    }

    public ResponseHeaders headers() {
        return headers;
    }

    public String requestId() {
        return requestId;
    }

    public boolean inStream() {
        return inStream;
    }

    @Override
    public String code() {
        return errorType.value();
    }
}
