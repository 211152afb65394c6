package dev.mainstay.model;

import java.time.Duration;

/** The call did not complete within its timeout (its own, or what was left of the run's deadline). */
public final class ModelTimeoutException extends ModelException {
    private final Duration timeout;

    public ModelTimeoutException(Duration timeout, boolean contentDelivered, Throwable cause) {
        super("model call timed out after " + timeout.toMillis() + " ms", contentDelivered, cause);
        this.timeout = timeout;
    }

    public Duration timeout() {
        return timeout;
    }

    @Override
    public String code() {
        return "timeout";
    }
}
