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
    private final String detailCode;

    public ModelApiException(
            int status,
            ApiErrorType errorType,
            String message,
            ResponseHeaders headers,
            String requestId,
            boolean inStream,
            boolean contentDelivered) {
        this(status, errorType, message, headers, requestId, inStream, contentDelivered, "");
    }

    /**
     * @param detailCode the provider's finer code when its error body has one ({@code error.details.error_code} in
     *     the Messages API, e.g. {@code enforced_spend_limit_reached}); empty when absent
     */
    public ModelApiException(
            int status,
            ApiErrorType errorType,
            String message,
            ResponseHeaders headers,
            String requestId,
            boolean inStream,
            boolean contentDelivered,
            String detailCode) {
        super(describe(status, errorType, message, inStream), contentDelivered, null);
        this.status = status;
        this.errorType = Objects.requireNonNull(errorType, "errorType");
        this.headers = Objects.requireNonNull(headers, "headers");
        this.requestId = requestId == null ? "" : requestId;
        this.inStream = inStream;
        this.detailCode = detailCode == null ? "" : detailCode;
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

    /** The provider's finer code ({@code error.details.error_code}), empty when the body had none. */
    public String detailCode() {
        return detailCode;
    }

    @Override
    public String code() {
        return errorType.value();
    }
}
