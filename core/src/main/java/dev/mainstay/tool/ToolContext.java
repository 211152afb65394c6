package dev.mainstay.tool;

import dev.mainstay.policy.PolicyContext;
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
 * @param policy what the POLICY link knows of the run (its labelled context, plan, approvals) and where it reports
 *     its verdict; {@link PolicyContext#NONE} outside a run
 */
public record ToolContext(
        String runId, String tenantId, String userId, int step, Deadline deadline, Cancellation cancellation,
        String idempotencyKey, PolicyContext policy) {
    public ToolContext {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(deadline, "deadline");
        Objects.requireNonNull(cancellation, "cancellation");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(policy, "policy");
    }

    /** A context with no policy information. */
    public ToolContext(String runId, String tenantId, String userId, int step, Deadline deadline,
            Cancellation cancellation, String idempotencyKey) {
        this(runId, tenantId, userId, step, deadline, cancellation, idempotencyKey, PolicyContext.NONE);
    }

    public ToolContext withDeadline(Deadline newDeadline) {
        return new ToolContext(runId, tenantId, userId, step, newDeadline, cancellation, idempotencyKey, policy);
    }

    public ToolContext withPolicy(PolicyContext newPolicy) {
        return new ToolContext(runId, tenantId, userId, step, deadline, cancellation, idempotencyKey, newPolicy);
    }
}
