package dev.mainstay.server.internal.worker;

import dev.mainstay.journal.Fence;
import dev.mainstay.store.Claim;
import dev.mainstay.time.CancellationSource;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;

/**
 * One execution of a run on this node, from its claim to its end: the fence it writes under, the cancellation that
 * stops it, its event writer, and until when its lease is known to hold. Thread-safe.
 */
final class RunExecution {
    private final Claim claim;
    private final EventWriter events;
    private final GuardedJournal journal;
    private final CancellationSource cancellation = new CancellationSource();
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile boolean givenUp;
    private volatile boolean journalWritten;
    private volatile Instant leaseExpiresAt;

    RunExecution(Claim claim, EventWriter events, GuardedJournal journal, Instant leaseExpiresAt) {
        this.claim = claim;
        this.events = events;
        this.journal = journal;
        this.leaseExpiresAt = leaseExpiresAt;
    }

    Claim claim() {
        return claim;
    }

    Fence fence() {
        return claim.fence();
    }

    String runId() {
        return claim.run().id();
    }

    EventWriter events() {
        return events;
    }

    CancellationSource cancellation() {
        return cancellation;
    }

    /** Stops the run as cancelled: the loop closes it and the worker finishes it. */
    void cancel() {
        cancellation.cancel();
    }

    /**
     * This node gives the run up (the lease was lost, or it is handed back): nothing more is journaled or published
     * under its fence, then the execution is cancelled to abort the model call in flight. The run is not ended here.
     */
    void giveUp() {
        givenUp = true;
        journal.giveUp(fence());
        events.stop();
        cancellation.cancel();
    }

    /** This execution appends to the run's journal (or is about to). */
    void journalWritten() {
        journalWritten = true;
    }

    /**
     * Whether the run's journal is certainly empty: claimed for the first time, so no earlier worker wrote it, and
     * not written by this execution yet.
     */
    boolean hasEmptyJournal() {
        return !claim.resumes() && !journalWritten;
    }

    boolean isGivenUp() {
        return givenUp;
    }

    Instant leaseExpiresAt() {
        return leaseExpiresAt;
    }

    void leaseRenewedUntil(Instant until) {
        leaseExpiresAt = until;
    }

    void ended() {
        done.countDown();
    }

    boolean awaitEnd(java.time.Duration max) throws InterruptedException {
        return done.await(max.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }
}
