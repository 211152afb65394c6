package dev.mainstay.store;

import dev.mainstay.journal.Fence;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;

/**
 * The durable queue of runs, with leases and fencing. A worker claims a run with a lease carrying an epoch one
 * higher than any before (PostgreSQL: {@code FOR UPDATE SKIP LOCKED}; SQLite: one writer at a time), renews it while
 * it works, and ends it or gives it back. A run whose lease expired (its worker died, paused or was cut off) is
 * claimable again; the new epoch fences the old worker out of the journal, the events and the run row.
 *
 * <p>A claim respects the tenant's concurrent-run limit — the run's slot is taken in the claim's transaction and
 * given back with its lease, so a dead worker leaks no slot — and a conversation's order: a run of a conversation is
 * not claimed while an earlier run of it is unfinished. Thread-safe.
 */
public interface RunQueue {
    /**
     * Claims the oldest claimable run for {@code worker}, leased until {@code now + lease}.
     *
     * @return empty when no run is claimable now
     */
    Optional<Claim> claim(String worker, Instant now, Duration lease);

    /**
     * Extends the leases {@code worker} holds to {@code now + lease}, in one round trip.
     *
     * @return the leases lost (fenced out, or expired and taken) and the runs whose cancellation was requested
     */
    Renewal renew(String worker, Collection<Fence> held, Instant now, Duration lease);

    /**
     * Ends a run: status from the stop reason, output, error, totals, lease released — only under the current fence.
     *
     * @throws dev.mainstay.journal.FencedOutException when the fence is stale: nothing was written
     */
    void finish(Fence fence, RunEnd end);

    /**
     * Gives a run back unfinished (graceful shutdown): queued again, claimable at once, its journal kept.
     * Does nothing under a stale fence.
     */
    void release(Fence fence, Instant now);

    /** Runs waiting to be claimed, and how long the oldest has waited. */
    QueueDepth depth(Instant now);

    /** The queue's size and age, for readiness, metrics and the "runs stuck in queued" runbook. */
    record QueueDepth(long queued, Optional<Duration> oldestAge, long running) {}
}
