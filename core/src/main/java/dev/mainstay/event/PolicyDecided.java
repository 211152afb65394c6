package dev.mainstay.event;

import dev.mainstay.policy.Verdict;
import java.util.Objects;

/**
 * The policy decided on a tool call, and the verdict was journaled: every verdict on a side-effecting call, and
 * every denial or approval request on any call. A {@link Verdict.NeedsApproval} means the run will pause as
 * {@code awaiting_approval} once its other calls are done. The reason names tools and arguments, never values.
 */
public record PolicyDecided(EventMeta meta, int step, String toolUseId, String tool, Verdict verdict)
        implements RunEvent {
    public PolicyDecided {
        Objects.requireNonNull(verdict, "verdict");
    }
}
