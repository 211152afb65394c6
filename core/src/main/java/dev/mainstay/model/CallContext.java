package dev.mainstay.model;

import dev.mainstay.time.Cancellation;
import dev.mainstay.time.Deadline;
import java.util.Objects;

/**
 * What a model call knows about the run it serves. Immutable.
 *
 * @param runId the run this call belongs to
 * @param tenantId the tenant the run belongs to, {@code "default"} on a single-tenant runtime
 * @param step the step number of this call within the run, from 1
 * @param deadline the run's deadline; every layer derives its timeout from it
 * @param cancellation signalled when the run is cancelled; clients abort their in-flight HTTP call
 * @param observer receives streamed content, {@link StreamObserver#NONE} when nobody listens
 */
public record CallContext(
        String runId, String tenantId, int step, Deadline deadline, Cancellation cancellation, StreamObserver observer) {

    public CallContext {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(deadline, "deadline");
        Objects.requireNonNull(cancellation, "cancellation");
        Objects.requireNonNull(observer, "observer");
    }

    public CallContext withObserver(StreamObserver newObserver) {
        return new CallContext(runId, tenantId, step, deadline, cancellation, newObserver);
    }

    public CallContext withDeadline(Deadline newDeadline) {
        return new CallContext(runId, tenantId, step, newDeadline, cancellation, observer);
    }
}
