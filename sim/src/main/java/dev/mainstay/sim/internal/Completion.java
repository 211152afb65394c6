package dev.mainstay.sim.internal;

import dev.mainstay.model.ContentBlock;
import dev.mainstay.model.StopReason;
import dev.mainstay.model.Usage;
import java.util.List;

/** One finished simulated answer, ready to be written as JSON or as an SSE stream. */
public record Completion(String id, String model, List<ContentBlock> content, StopReason stopReason, Usage usage) {
    public Completion {
        content = List.copyOf(content);
    }
}
