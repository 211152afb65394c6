package dev.mainstay.store;

import dev.mainstay.cost.Cost;
import dev.mainstay.journal.StepError;
import dev.mainstay.model.Usage;
import dev.mainstay.run.RunLimits;
import dev.mainstay.run.RunStopReason;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A run as the store keeps it: what was asked, by whom, where it is, and — once it ended — how. The steps are in the
 * run's journal; this is the row the API lists and the queue leases.
 *
 * @param leaseEpoch the epoch of the latest claim, 0 before the first; a worker's journal appends carry it
 * @param leaseOwner the worker holding the run now, empty when none
 * @param traceparent the W3C trace context the run was submitted with, empty when none
 * @param cacheResponses whether the run opted in to the response cache: the worker sets
 *     {@code RunRequest.cacheResponses} from it
 */
public record RunRecord(
        String id, String tenantId, String userId, Optional<String> conversationId, String input, RunLimits limits,
        RunStatus status, Optional<RunStopReason> stopReason, Optional<String> output, Optional<StepError> error,
        Usage usage, Cost cost, Instant createdAt, Optional<Instant> startedAt, Optional<Instant> finishedAt,
        long leaseEpoch, Optional<String> leaseOwner, Optional<Instant> leaseExpiresAt, boolean cancelRequested,
        int attempts, Optional<String> traceparent, boolean cacheResponses) {
    public RunRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(stopReason, "stopReason");
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(usage, "usage");
        Objects.requireNonNull(cost, "cost");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(finishedAt, "finishedAt");
        Objects.requireNonNull(leaseOwner, "leaseOwner");
        Objects.requireNonNull(leaseExpiresAt, "leaseExpiresAt");
        Objects.requireNonNull(traceparent, "traceparent");
    }

    /** A run that did not opt in to the response cache. */
    public RunRecord(
            String id, String tenantId, String userId, Optional<String> conversationId, String input, RunLimits limits,
            RunStatus status, Optional<RunStopReason> stopReason, Optional<String> output, Optional<StepError> error,
            Usage usage, Cost cost, Instant createdAt, Optional<Instant> startedAt, Optional<Instant> finishedAt,
            long leaseEpoch, Optional<String> leaseOwner, Optional<Instant> leaseExpiresAt, boolean cancelRequested,
            int attempts, Optional<String> traceparent) {
        this(id, tenantId, userId, conversationId, input, limits, status, stopReason, output, error, usage, cost,
                createdAt, startedAt, finishedAt, leaseEpoch, leaseOwner, leaseExpiresAt, cancelRequested, attempts,
                traceparent, false);
    }
}
