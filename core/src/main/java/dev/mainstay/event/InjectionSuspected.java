package dev.mainstay.event;

import java.util.List;

/**
 * The injection detector flagged the untrusted output of a tool call. Telemetry: the output still reaches the model
 * (spotlighted, if the agent spotlights), and side effects are blocked only when the agent's policy says so.
 *
 * @param signals stable names of the patterns found
 */
public record InjectionSuspected(EventMeta meta, int step, String toolUseId, String tool, double score,
        List<String> signals) implements RunEvent {
    public InjectionSuspected {
        signals = List.copyOf(signals);
    }
}
