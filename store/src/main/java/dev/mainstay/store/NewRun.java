package dev.mainstay.store;

import dev.mainstay.run.RunLimits;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A run to accept: stored as {@link RunStatus#QUEUED} in the transaction that answers the request.
 *
 * @param cacheResponses whether the run opted in to the response cache ({@code RunRequest.cacheResponses}); kept
 *     with the run so the worker that claims it builds its request the same way
 */
public record NewRun(String id, String tenantId, String userId, Optional<String> conversationId, String input,
        RunLimits limits, Optional<String> traceparent, Instant createdAt, boolean cacheResponses) {
    public NewRun {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(traceparent, "traceparent");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** A run that did not opt in to the response cache. */
    public NewRun(String id, String tenantId, String userId, Optional<String> conversationId, String input,
            RunLimits limits, Optional<String> traceparent, Instant createdAt) {
        this(id, tenantId, userId, conversationId, input, limits, traceparent, createdAt, false);
    }

    /** This run, opted in to the response cache or not. */
    public NewRun withCacheResponses(boolean cache) {
        return new NewRun(id, tenantId, userId, conversationId, input, limits, traceparent, createdAt, cache);
    }
}
