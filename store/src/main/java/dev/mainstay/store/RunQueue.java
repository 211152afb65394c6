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
 *
 * <p><b>Waking workers.</b> An idle worker waits on its {@link #workSignal()} instead of polling in a tight loop. The
 * store signals after every commit that can make a run claimable — a run accepted, released, finished (a slot and
 * the conversation's next run free up) or cancelled while queued — to every worker of this process at once, and on
 * PostgreSQL to every node, by {@code NOTIFY mainstay_runs} ({@code mainstay_runs_<schema>} outside the
 * {@code public} schema) sent after the commit, outside the transaction (inside it, NOTIFY takes a database-wide
 * lock at commit). A lease that merely expires signals nobody: workers find such a
 * run when their wait times out, so the wait is also the poll interval (a second is a good value).
 */
public interface RunQueue {
    /**
     * Claims the oldest claimable run for {@code worker}, leased until {@code now + lease}.
     *
     * @return empty when no run is claimable now
     */
    Optional<Claim> claim(String worker, Instant now, Duration lease);

    /**
     * Claims up to {@code max} runs for {@code worker}, oldest first — for a worker with several free slots. The
     * store does it in one transaction: one commit (and, on PostgreSQL, one lock of the tenant's row) for the lot
     * instead of one each, the runs of one call being of one tenant. Fewer than {@code max}, or none, when fewer are
     * claimable. (The default, for other queues, claims one at a time.)
     *
     * @throws IllegalArgumentException when {@code max} is not positive
     */
    default java.util.List<Claim> claim(String worker, Instant now, Duration lease, int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be positive, but was " + max);
        }
        var claims = new java.util.ArrayList<Claim>();
        for (int i = 0; i < max; i++) {
            var claim = claim(worker, now, lease);
            if (claim.isEmpty()) {
                break;
            }
            claims.add(claim.get());
        }
        return claims;
    }

    /**
     * Claims the tenant's run {@code runId} while it is paused awaiting a person's approval, for {@code worker} — the
     * node journaling a decision — leased until {@code now + lease}: status running, epoch one higher (any stale
     * holder is fenced out), stop reason and end time cleared. The caller then journals under the claim's fence and
     * either {@link #release}s the run (queued again: a worker resumes it) or {@link #finish}es it as
     * {@code awaiting_approval} again when calls still wait. A crash in between leaves a running run whose lease
     * expires, and the next claim resumes it from its journal — with or without the decision, never twice.
     *
     * <p>Unlike {@link #claim}, it neither counts an attempt nor waits for a slot of the tenant's limit: nothing
     * executes under it, and it is held only while the decision is written.
     *
     * @return empty when the tenant has no such run or it is not awaiting approval (already claimed, resumed, ended)
     * @throws IllegalArgumentException when the lease is not positive
     */
    Optional<Claim> claimPaused(String tenantId, String runId, String worker, Instant now, Duration lease);

    /**
     * Extends the leases {@code worker} holds to {@code now + lease}, in one round trip.
     *
     * @return the leases lost (fenced out, or expired and taken) and the runs whose cancellation was requested
     */
    Renewal renew(String worker, Collection<Fence> held, Instant now, Duration lease);

    /**
     * Ends a run: status from the stop reason, output, error, totals, lease released — only under the current fence.
     *
     * For a run in a conversation whose answer is not blank, its task and answer are appended to the conversation's
     * messages in the same transaction (unless the conversation was deleted). Workers are signalled after the commit:
     * the slot and the conversation's next run are free.
     *
     * @throws dev.mainstay.journal.FencedOutException when the fence is stale: nothing was written
     * @throws IllegalArgumentException for {@link dev.mainstay.run.RunStopReason#LEASE_LOST}, which ends no run
     * @throws IllegalStateException when the store has no such run
     */
    void finish(Fence fence, RunEnd end);

    /**
     * Gives a run back unfinished (graceful shutdown): queued again, claimable at once, its journal kept — or, when
     * its cancellation was requested meanwhile, cancelled. Does nothing under a stale fence.
     */
    void release(Fence fence, Instant now);

    /** Runs waiting to be claimed, and how long the oldest has waited. */
    QueueDepth depth(Instant now);

    /**
     * A new waiter for work, for one worker loop: {@code claim}; when nothing was claimable,
     * {@link WorkSignal#await}; repeat. A signal arriving while the loop was claiming is not lost: the next await
     * returns at once.
     */
    default WorkSignal workSignal() {
        // no notifications: every wait is a full poll interval
        return max -> {
            Thread.sleep(max);
            return false;
        };
    }

    /**
     * Tells every worker (of every node, on PostgreSQL) that a run may have become claimable, for changes the store
     * does not signal itself (e.g. a tenant's limit raised). Returns at once; never fails the caller.
     */
    default void notifyWork() {}

    /** A worker's view of the store's work notifications. Not thread-safe: one per worker loop. */
    interface WorkSignal {
        /**
         * Waits until work may be available — a signal arrived since this waiter last returned (or was made) — or
         * {@code max} of real time passed.
         *
         * @return {@code true} when woken by a signal, {@code false} when the wait timed out
         * @throws InterruptedException when the waiting thread is interrupted (shutting down)
         */
        boolean await(Duration max) throws InterruptedException;
    }

    /** The queue's size and age, for readiness, metrics and the "runs stuck in queued" runbook. */
    record QueueDepth(long queued, Optional<Duration> oldestAge, long running) {}
}
