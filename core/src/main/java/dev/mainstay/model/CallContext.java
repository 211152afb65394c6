package dev.mainstay.model;

import dev.mainstay.time.Cancellation;
import dev.mainstay.time.Deadline;
import java.util.Objects;

/**
 * What a model call knows about the run it serves. Immutable; derive with the {@code with…} methods.
 *
 * @param runId the run this call belongs to
 * @param tenantId the tenant the run belongs to, {@code "default"} on a single-tenant runtime
 * @param userId the user the run acts for; budgets and quotas are kept per tenant and user
 * @param step the step number of this call within the run, from 1
 * @param deadline the run's deadline; every layer derives its timeout from it
 * @param cancellation signalled when the run is cancelled; clients abort their in-flight HTTP call
 * @param observer receives streamed content, {@link StreamObserver#NONE} when nobody listens
 * @param endpoint the endpoint chosen for this call ({@link ModelEndpoint#name()}), {@link #NO_ENDPOINT} before the
 *     fallback link chooses one
 */
public record CallContext(
        String runId, String tenantId, String userId, int step, Deadline deadline, Cancellation cancellation,
        StreamObserver observer, String endpoint) {
    public static final String NO_ENDPOINT = "";

    public CallContext {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(deadline, "deadline");
        Objects.requireNonNull(cancellation, "cancellation");
        Objects.requireNonNull(observer, "observer");
        Objects.requireNonNull(endpoint, "endpoint");
    }

    public CallContext(String runId, String tenantId, String userId, int step, Deadline deadline,
            Cancellation cancellation, StreamObserver observer) {
        this(runId, tenantId, userId, step, deadline, cancellation, observer, NO_ENDPOINT);
    }

    public CallContext withObserver(StreamObserver newObserver) {
        return new CallContext(runId, tenantId, userId, step, deadline, cancellation, newObserver, endpoint);
    }

    public CallContext withDeadline(Deadline newDeadline) {
        return new CallContext(runId, tenantId, userId, step, newDeadline, cancellation, observer, endpoint);
    }

    public CallContext withEndpoint(String newEndpoint) {
        return new CallContext(runId, tenantId, userId, step, deadline, cancellation, observer, newEndpoint);
    }
}
