package dev.mainstay.model;

import java.util.Objects;

/**
 * Why the model stopped generating: an open enum over the provider's wire string. Values the provider adds later
 * are kept as they are ({@link #isKnown()} is false) instead of failing the call.
 */
public record StopReason(String value) {
    public static final StopReason END_TURN = new StopReason("end_turn");
    public static final StopReason TOOL_USE = new StopReason("tool_use");
    public static final StopReason MAX_TOKENS = new StopReason("max_tokens");
    public static final StopReason STOP_SEQUENCE = new StopReason("stop_sequence");
    public static final StopReason PAUSE_TURN = new StopReason("pause_turn");
    public static final StopReason REFUSAL = new StopReason("refusal");

    public StopReason {
        Objects.requireNonNull(value, "value");
    }

    public static StopReason of(String value) {
        return new StopReason(value);
    }

    public boolean isKnown() {
        return switch (value) {
            case "end_turn", "tool_use", "max_tokens", "stop_sequence", "pause_turn", "refusal" -> true;
            default -> false;
        };
    }

    @Override
    public String toString() {
        return value;
    }
}
