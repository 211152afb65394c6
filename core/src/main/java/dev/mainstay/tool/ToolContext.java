package dev.mainstay.tool;

import dev.mainstay.time.Cancellation;
import dev.mainstay.time.Deadline;
import java.util.Objects;

/**
 * Who a tool call runs for and how long it may take. Tools scope user data by {@link #userId()} and
 * {@link #tenantId()}, never by anything the model wrote.
 *
 * @param deadline when this call must be done: the earlier of the tool's timeout and the run's deadline
 * @param idempotencyKey unique per tool call and stable across a resumed run (the model's tool_use id): a
 *     side-effecting tool stores it with its effect, so {@link Tool#reconcile} can tell later whether the effect
 *     happened, and a second execution with the same key can be recognised
 */
public record ToolContext(
        String runId, String tenantId, String userId, int step, Deadline deadline, Cancellation cancellation,
        String idempotencyKey) {
    public ToolContext {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(deadline, "deadline");
        Objects.requireNonNull(cancellation, "cancellation");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
    }

    public ToolContext withDeadline(Deadline newDeadline) {
        return new ToolContext(runId, tenantId, userId, step, newDeadline, cancellation, idempotencyKey);
    }
}
