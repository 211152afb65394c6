package dev.mainstay.store;

import dev.mainstay.journal.Fence;
import java.util.Objects;

/**
 * A run a worker claimed: the run, the fence its journal appends carry (the new epoch), and the sequence number its
 * next event takes (one past the last one stored: a resumed run continues its event stream without a gap).
 */
public record Claim(RunRecord run, Fence fence, long nextEventSeq) {
    public Claim {
        Objects.requireNonNull(run, "run");
        Objects.requireNonNull(fence, "fence");
    }

    /** Whether an earlier worker held this run before (this claim resumes it). */
    public boolean resumes() {
        return fence.epoch() > 1;
    }
}
