package dev.mainstay.journal;

import java.util.Objects;

/**
 * The right to write a run's journal: the run and the lease epoch its worker holds. A claim of the run by another
 * worker raises the epoch; from then on the journal refuses every append under an older fence
 * ({@link FencedOutException}), so a worker that lost its lease — paused, partitioned, slow — can write nothing.
 *
 * @param epoch the lease epoch, from 1; increases on every claim
 */
public record Fence(String runId, long epoch) {
    public Fence {
        Objects.requireNonNull(runId, "runId");
        if (epoch < 1) {
            throw new IllegalArgumentException("a lease epoch starts at 1, but was " + epoch);
        }
    }

    /** The fence of a run's first and only worker (the CLI, tests). */
    public static Fence first(String runId) {
        return new Fence(runId, 1);
    }
}
