package dev.mainstay.agent;

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
    FAILED("failed");

    private final String wire;

    RunStopReason(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    /** Whether the run produced the answer it was asked for. */
    public boolean isSuccess() {
        return this == COMPLETED;
    }
}
