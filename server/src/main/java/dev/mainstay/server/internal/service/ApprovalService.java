package dev.mainstay.server.internal.service;

import dev.mainstay.approval.ApprovalDecision;
import dev.mainstay.server.RunApprovals;
import dev.mainstay.store.Principal;
import java.util.Objects;
import java.util.Optional;

/**
 * Approvals as the API offers them: a run's pending calls and decisions, and a decision by the caller — for a run
 * the caller may see ({@link RunService#find}: its tenant, and its own runs unless it is an admin); any other run
 * does not exist for it. The decider journaled is the API key's user, as {@code user:<id>}. Thread-safe.
 */
public final class ApprovalService {
    /** How the decider of an API decision is named in the journal. */
    public static final String BY_PREFIX = "user:";

    private final RunService runs;
    private final RunApprovals approvals;
    private final RunSignals signals;

    public ApprovalService(RunService runs, RunApprovals approvals, RunSignals signals) {
        this.runs = Objects.requireNonNull(runs, "runs");
        this.approvals = Objects.requireNonNull(approvals, "approvals");
        this.signals = Objects.requireNonNull(signals, "signals");
    }

    /** @return empty when the caller has no such run */
    public Optional<RunApprovals.View> view(Principal caller, String runId) {
        return runs.find(caller, runId).map(approvals::view);
    }

    /**
     * The caller's decision on one call of the run.
     *
     * @param reason why, in the caller's words; empty for none
     * @return empty when the caller has no such run
     */
    public Optional<RunApprovals.Outcome> decide(Principal caller, String runId, String toolUseId, boolean approve,
            String reason) {
        var run = runs.find(caller, runId);
        if (run.isEmpty()) {
            return Optional.empty();
        }
        var outcome = approvals.decide(run.get(),
                new ApprovalDecision(toolUseId, approve, BY_PREFIX + caller.userId(), reason));
        if (outcome instanceof RunApprovals.Outcome.Recorded) {
            signals.executionEnded(runId); // the run's status changed: wake whoever waits on it here
        }
        return Optional.of(outcome);
    }
}
