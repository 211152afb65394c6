package dev.mainstay.sim.internal;

import dev.mainstay.model.ContentBlock;
import dev.mainstay.model.StopReason;
import dev.mainstay.model.Usage;
import java.util.List;
import java.util.Objects;

/**
 * One finished simulated answer, ready to be written as JSON or as an SSE stream.
 *
 * @param stopSequence the stop sequence the text stopped at; {@code null} unless {@code stopReason} is
 *     {@code stop_sequence}
 */
public record Completion(
        String id, String model, List<ContentBlock> content, StopReason stopReason, String stopSequence,
        Usage usage) {
    public Completion {
        content = List.copyOf(content);
        Objects.requireNonNull(stopReason, "stopReason");
    }
}
