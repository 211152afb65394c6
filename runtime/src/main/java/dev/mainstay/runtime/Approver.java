package dev.mainstay.runtime;

import dev.mainstay.approval.ApprovalDecision;
import dev.mainstay.approval.PendingApproval;

/**
 * Asks a person about a tool call awaiting approval, synchronously: the CLI's terminal prompt. The service does not
 * use one — it answers {@code POST /v1/runs/{id}/approvals} through {@link dev.mainstay.approval.Approvals} and queues
 * the run again. Called on the run's caller's thread, one pending call at a time.
 */
@FunctionalInterface
public interface Approver {
    ApprovalDecision decide(PendingApproval pending);

    /** Denies everything, as {@code by}: for hosts where nobody can be asked (a non-interactive CLI). */
    static Approver denyAll(String by) {
        return pending -> ApprovalDecision.deny(pending.toolUseId(), by, "nobody was there to approve it");
    }
}
