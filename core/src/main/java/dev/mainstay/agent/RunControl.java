package dev.mainstay.agent;

import dev.mainstay.journal.Fence;
import dev.mainstay.model.Refusal;
import dev.mainstay.time.Cancellation;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * What the caller of {@link AgentLoop#run} holds over one execution of a run: the lease {@link Fence} it writes the
 * journal under, the {@link Cancellation} that stops it, and where the run's event sequence continues.
 *
 * @param firstEventSeq the sequence number of this execution's first event: 1 for a new run, one past the last
 *     event the store holds for a resumed one
 * @param yieldOn the refusals of a model call after which the run {@link dev.mainstay.run.RunStopReason#YIELDED
 *     yields} instead of failing: the call is not recorded, the journal stays open, and the caller puts the run back
 *     on its queue to be resumed. Only a caller with a queue says yes to any ({@link #NEVER_YIELD} otherwise); a
 *     refusal after billed attempts, or once the run is cancelled or out of time, never yields.
 */
public record RunControl(Fence fence, Cancellation cancellation, long firstEventSeq, Predicate<Refusal> yieldOn) {
    /** No refusal yields: every one ends the run as its scope says. */
    public static final Predicate<Refusal> NEVER_YIELD = refusal -> false;

    public RunControl {
        Objects.requireNonNull(fence, "fence");
        Objects.requireNonNull(cancellation, "cancellation");
        Objects.requireNonNull(yieldOn, "yieldOn");
        if (firstEventSeq < 1) {
            throw new IllegalArgumentException("event sequence numbers start at 1, but was " + firstEventSeq);
        }
    }

    /** A control under which no refusal yields. */
    public RunControl(Fence fence, Cancellation cancellation, long firstEventSeq) {
        this(fence, cancellation, firstEventSeq, NEVER_YIELD);
    }

    /** The run's only worker, epoch 1, events from 1. */
    public static RunControl of(String runId, Cancellation cancellation) {
        return new RunControl(Fence.first(runId), cancellation, 1);
    }
}
