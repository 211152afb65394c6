package dev.mainstay.store;

import dev.mainstay.run.RunStopReason;
import java.util.Locale;

/** Where a run is in its life, as the API shows it. The finished ones are terminal. */
public enum RunStatus {
    QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED, STOPPED,
    /** Paused until a person decides on a tool call; queued again once the decision is journaled. Not finished. */
    AWAITING_APPROVAL;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static RunStatus fromWire(String wire) {
        return valueOf(wire.toUpperCase(Locale.ROOT));
    }

    public boolean isFinished() {
        return this != QUEUED && this != RUNNING && this != AWAITING_APPROVAL;
    }

    /**
     * The status a run ends in for {@code reason}: completed → succeeded, failed → failed, cancelled → cancelled,
     * any limit or refusal → stopped; awaiting_approval parks the run (not finished) until a decision re-queues it.
     * {@link RunStopReason#LEASE_LOST} and {@link RunStopReason#YIELDED} do not end a run.
     *
     * @throws IllegalArgumentException for {@code lease_lost} and {@code yielded}
     */
    public static RunStatus endedBy(RunStopReason reason) {
        return switch (reason) {
            case COMPLETED -> SUCCEEDED;
            case FAILED -> FAILED;
            case CANCELLED -> CANCELLED;
            case MAX_STEPS, MAX_TOKENS, DEADLINE_EXCEEDED, REFUSAL, BUDGET_EXCEEDED, POLICY_DENIED -> STOPPED;
            case AWAITING_APPROVAL -> AWAITING_APPROVAL;
            case LEASE_LOST, YIELDED -> throw new IllegalArgumentException(reason.wire() + " does not end a run");
        };
    }
}
