package dev.mainstay.agent;

import dev.mainstay.journal.Fence;
import dev.mainstay.time.Cancellation;
import java.util.Objects;

/**
 * What the caller of {@link AgentLoop#run} holds over one execution of a run: the lease {@link Fence} it writes the
 * journal under, the {@link Cancellation} that stops it, and where the run's event sequence continues.
 *
 * @param firstEventSeq the sequence number of this execution's first event: 1 for a new run, one past the last
 *     event the store holds for a resumed one
 */
public record RunControl(Fence fence, Cancellation cancellation, long firstEventSeq) {
    public RunControl {
        Objects.requireNonNull(fence, "fence");
        Objects.requireNonNull(cancellation, "cancellation");
        if (firstEventSeq < 1) {
            throw new IllegalArgumentException("event sequence numbers start at 1, but was " + firstEventSeq);
        }
    }

    /** The run's only worker, epoch 1, events from 1. */
    public static RunControl of(String runId, Cancellation cancellation) {
        return new RunControl(Fence.first(runId), cancellation, 1);
    }
}
