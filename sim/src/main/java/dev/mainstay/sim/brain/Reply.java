package dev.mainstay.sim.brain;

import dev.mainstay.model.ContentBlock;
import dev.mainstay.model.StopReason;
import java.util.List;

/** What the simulated model says: content blocks in order and the stop reason ({@code tool_use} or {@code end_turn}). */
public record Reply(List<ContentBlock> content, StopReason stopReason) {
    public Reply {
        content = List.copyOf(content);
    }
}
