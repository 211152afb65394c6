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
 * @param responseCacheable whether the run opted in to the response cache
 *     ({@link dev.mainstay.run.RunRequest#cacheResponses()}): only then may the CACHE link answer this call from, or store its answer in, the response cache
 */
public record CallContext(
        String runId, String tenantId, String userId, int step, Deadline deadline, Cancellation cancellation,
        StreamObserver observer, String endpoint, boolean responseCacheable) {
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

    /** A context for a run that did not opt in to the response cache. */
    public CallContext(String runId, String tenantId, String userId, int step, Deadline deadline,
            Cancellation cancellation, StreamObserver observer, String endpoint) {
        this(runId, tenantId, userId, step, deadline, cancellation, observer, endpoint, false);
    }

    public CallContext(String runId, String tenantId, String userId, int step, Deadline deadline,
            Cancellation cancellation, StreamObserver observer) {
        this(runId, tenantId, userId, step, deadline, cancellation, observer, NO_ENDPOINT, false);
    }

    public CallContext withObserver(StreamObserver newObserver) {
        return new CallContext(runId, tenantId, userId, step, deadline, cancellation, newObserver,
                endpoint, responseCacheable);
    }

    public CallContext withDeadline(Deadline newDeadline) {
        return new CallContext(runId, tenantId, userId, step, newDeadline, cancellation, observer,
                endpoint, responseCacheable);
    }

    public CallContext withResponseCacheable(boolean cacheable) {
        return new CallContext(runId, tenantId, userId, step, deadline, cancellation, observer, endpoint, cacheable);
    }

    public CallContext withEndpoint(String newEndpoint) {
        return new CallContext(runId, tenantId, userId, step, deadline, cancellation, observer,
                newEndpoint, responseCacheable);
    }
}
