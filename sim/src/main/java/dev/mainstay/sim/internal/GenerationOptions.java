package dev.mainstay.sim.internal;

import java.util.List;
import java.util.Objects;

/**
 * What a request asks of the reply beyond its conversation: which tools it may or must call, where it stops, and
 * whether it thinks first.
 *
 * @param toolChoice {@link ToolChoice#DEFAULT} when the request has none
 * @param stopSequences in the request's order; none when it has none
 * @param thinking {@link Thinking#DISABLED} when the request has none
 */
public record GenerationOptions(ToolChoice toolChoice, List<String> stopSequences, Thinking thinking) {
    /** The defaults of a request that sets none of these fields. */
    public static final GenerationOptions DEFAULT =
            new GenerationOptions(ToolChoice.DEFAULT, List.of(), Thinking.DISABLED);

    public GenerationOptions {
        Objects.requireNonNull(toolChoice, "toolChoice");
        Objects.requireNonNull(thinking, "thinking");
        stopSequences = List.copyOf(stopSequences);
    }
}
