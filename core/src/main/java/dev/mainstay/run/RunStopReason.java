package dev.mainstay.run;

/** Why a run ended. Persisted and shown to users by its stable {@link #wire()} name. */
public enum RunStopReason {
    /** The model ended its turn with an answer. */
    COMPLETED("completed"),
    /** The run used its maximum number of model calls. */
    MAX_STEPS("max_steps"),
    /** The model hit the output-token limit of a call; the answer may be cut short. */
    MAX_TOKENS("max_tokens"),
    /** The run's deadline passed. */
    DEADLINE_EXCEEDED("deadline_exceeded"),
    /** Somebody cancelled the run. */
    CANCELLED("cancelled"),
    /** The model declined to answer. */
    REFUSAL("refusal"),
    /** A model call failed after every policy had its turn; the run's error says why. */
    FAILED("failed"),
    /** The next model call did not fit a spending budget; the journal is intact and the run can be read. */
    BUDGET_EXCEEDED("budget_exceeded"),
    /** A policy forbade what the run was about to do. */
    POLICY_DENIED("policy_denied"),
    /**
     * This worker lost the run's lease (it was paused or cut off and another worker claimed the run): it stopped
     * without writing anything more. Not the run's end: the worker holding the lease carries it on.
     */
    LEASE_LOST("lease_lost"),
    /**
     * A tool call needs a person's approval: the run paused without closing its journal, the pending call and the
     * reason in it ({@link dev.mainstay.approval.Approvals#pending}). Not the run's end: once the decision is
     * journaled ({@link dev.mainstay.approval.Approvals#decide}) the run resumes and acts on it.
     */
    AWAITING_APPROVAL("awaiting_approval"),
    /**
     * The worker could not make the run's next model call now — a refusal its caller said to yield on
     * ({@link dev.mainstay.agent.RunControl#yieldOn}), such as this node's own concurrency limit being full — and
     * stopped without recording the call or closing the journal. Not the run's end: the worker gives the run back to
     * its queue, and a later claim, on any node, makes the call.
     */
    YIELDED("yielded");

    private final String wire;

    RunStopReason(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    /** The reason whose {@link #wire()} name is {@code wire}. @throws IllegalArgumentException for any other name */
    public static RunStopReason fromWire(String wire) {
        for (var reason : values()) {
            if (reason.wire.equals(wire)) {
                return reason;
            }
        }
        throw new IllegalArgumentException("unknown stop reason '" + wire + "'");
    }

    /** Whether the run stopped without ending: another worker holds it, it waits for a person, or it yielded. */
    public boolean isPause() {
        return this == LEASE_LOST || this == AWAITING_APPROVAL || this == YIELDED;
    }

    /** Whether the run produced the answer it was asked for. */
    public boolean isSuccess() {
        return this == COMPLETED;
    }
}
