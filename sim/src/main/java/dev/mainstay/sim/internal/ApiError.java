package dev.mainstay.sim.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mainstay.model.ApiErrorType;
import dev.mainstay.sim.Outcome;
import java.util.Objects;
import java.util.Optional;

/**
 * A request the simulator refuses the way the real API would: an HTTP status, an {@code error.type}, a message and
 * optionally {@code error.details} for the error envelope. Thrown while reading a request, caught by the handler and
 * written as the envelope. The message never contains a credential or the request body.
 */
public final class ApiError extends RuntimeException {
    private final int status;
    private final ApiErrorType type;
    private final Outcome outcome;
    private final ObjectNode details;

    public ApiError(int status, ApiErrorType type, Outcome outcome, String message) {
        this(status, type, outcome, message, null);
    }

    /** @param details the envelope's {@code error.details} ({@code error_code} and more), or {@code null} for none */
    public ApiError(int status, ApiErrorType type, Outcome outcome, String message, ObjectNode details) {
        super(message, null, false, false);
        this.status = status;
        this.type = Objects.requireNonNull(type, "type");
        this.outcome = Objects.requireNonNull(outcome, "outcome");
        this.details = details == null ? null : details.deepCopy();
    }

    public static ApiError invalidRequest(String message) {
        return new ApiError(400, ApiErrorType.INVALID_REQUEST, Outcome.INVALID_REQUEST, message);
    }

    public int status() {
        return status;
    }

    public ApiErrorType type() {
        return type;
    }

    public Outcome outcome() {
        return outcome;
    }

    /** A copy of {@code error.details}, when the error has any. */
    public Optional<ObjectNode> details() {
        return Optional.ofNullable(details).map(ObjectNode::deepCopy);
    }
}
