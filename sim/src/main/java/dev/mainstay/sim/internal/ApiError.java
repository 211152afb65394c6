package dev.mainstay.sim.internal;

import dev.mainstay.model.ApiErrorType;
import dev.mainstay.sim.Outcome;
import java.util.Objects;

/**
 * A request the simulator refuses the way the real API would: an HTTP status, an {@code error.type} and a message
 * for the error envelope. Thrown while reading a request, caught by the handler and written as the envelope. The
 * message never contains a credential or the request body.
 */
public final class ApiError extends RuntimeException {
    private final int status;
    private final ApiErrorType type;
    private final Outcome outcome;

    public ApiError(int status, ApiErrorType type, Outcome outcome, String message) {
        super(message, null, false, false);
        this.status = status;
        this.type = Objects.requireNonNull(type, "type");
        this.outcome = Objects.requireNonNull(outcome, "outcome");
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
}
