package dev.mainstay.server.internal.worker;

import dev.mainstay.journal.Fence;
import dev.mainstay.journal.FencedOutException;
import dev.mainstay.journal.Journal;
import dev.mainstay.journal.JournalEntry;
import dev.mainstay.journal.Recorded;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The store's journal, with this node's own fence in front of it: once the node gives a run up — its lease was lost,
 * or it hands the run back on shutdown — every further append under that fence is refused here, before it reaches
 * the store, exactly as the store refuses a stale epoch. So the loop of a run given up stops with {@code lease_lost}
 * and closes nothing: cancelling its execution to abort the model call in flight cannot end the run as cancelled.
 */
final class GuardedJournal implements Journal {
    /** How long a given-up fence is remembered; longer than any execution lingers after it. */
    static final Duration MEMORY = Duration.ofMinutes(10);

    private final Journal store;
    private final InstantSource clock;
    private final ConcurrentHashMap<Fence, Instant> givenUp = new ConcurrentHashMap<>();

    GuardedJournal(Journal store, InstantSource clock) {
        this.store = store;
        this.clock = clock;
    }

    /** From now on, appends under {@code fence} are refused. */
    void giveUp(Fence fence) {
        var now = clock.instant();
        givenUp.put(fence, now);
        givenUp.values().removeIf(at -> at.plus(MEMORY).isBefore(now));
    }

    boolean isGivenUp(Fence fence) {
        return givenUp.containsKey(fence);
    }

    @Override
    public long append(Fence fence, JournalEntry entry) {
        if (givenUp.containsKey(fence)) {
            throw new FencedOutException(fence, fence.epoch() + 1);
        }
        return store.append(fence, entry);
    }

    @Override
    public List<Recorded> read(String runId) {
        return store.read(runId);
    }
}
