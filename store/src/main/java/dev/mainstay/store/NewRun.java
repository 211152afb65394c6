package dev.mainstay.store;

import dev.mainstay.run.RunLimits;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** A run to accept: stored as {@link RunStatus#QUEUED} in the transaction that answers the request. */
public record NewRun(String id, String tenantId, String userId, Optional<String> conversationId, String input,
        RunLimits limits, Optional<String> traceparent, Instant createdAt) {
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
}
