package dev.mainstay.server.internal.worker;

import dev.mainstay.event.RunEvent;
import dev.mainstay.journal.Fence;
import dev.mainstay.journal.FencedOutException;
import dev.mainstay.journal.Journal;
import dev.mainstay.journal.JournalEntry;
import dev.mainstay.journal.JournalException;
import dev.mainstay.journal.Recorded;
import dev.mainstay.store.Store;
import dev.mainstay.store.StoreException;
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
 *
 * <p>Two savings for runs executing on this node, neither of which changes what is stored:
 * <ul>
 *   <li>an append carries the events the run published before it ({@link EventWriter#storeWith}): entry and events
 *       commit in one transaction, under the same fence;
 *   <li>the journal of a run claimed for the first time ({@link dev.mainstay.store.Claim#resumes()} false) and not
 *       yet written is empty — every append needs a claim, and this is the first — so it is not read.
 * </ul>
 */
final class GuardedJournal implements Journal {
    /** How long a given-up fence is remembered; longer than any execution lingers after it. */
    static final Duration MEMORY = Duration.ofMinutes(10);

    /** Appends {@code entries} and stores {@code events} (possibly none) in one transaction; the last seq. */
    @FunctionalInterface
    interface Carrier {
        long append(Fence fence, List<? extends JournalEntry> entries, List<RunEvent> events);
    }

    private final Journal journal;
    private final Executions executions;
    private final Carrier carrier;
    private final InstantSource clock;
    private final ConcurrentHashMap<Fence, Instant> givenUp = new ConcurrentHashMap<>();

    GuardedJournal(Journal journal, Executions executions, Carrier carrier, InstantSource clock) {
        this.journal = journal;
        this.executions = executions;
        this.carrier = carrier;
        this.clock = clock;
    }

    /** A guard with no executions of its own: every append goes straight to {@code journal}. */
    GuardedJournal(Journal journal, InstantSource clock) {
        this(journal, new Executions(), (fence, entries, events) -> journal.appendAll(fence, entries), clock);
    }

    /** The store's journal, whose appends carry their run's pending events into the same transaction. */
    static GuardedJournal of(Store store, Executions executions, InstantSource clock) {
        Carrier carrier = (fence, entries, events) -> {
            try {
                return store.appendWithEvents(fence, entries, events);
            } catch (StoreException e) {
                // the events' part or the commit failed: to the loop, the journal could not be written
                throw new JournalException(e.getMessage(), e.getCause());
            }
        };
        return new GuardedJournal(store.journal(), executions, carrier, clock);
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
        return appendAll(fence, List.of(entry));
    }

    /** The entries in one transaction, with the events the run published before them. */
    @Override
    public long appendAll(Fence fence, List<? extends JournalEntry> entries) {
        if (givenUp.containsKey(fence)) {
            throw new FencedOutException(fence, fence.epoch() + 1);
        }
        var execution = executions.get(fence);
        if (execution.isEmpty()) {
            return journal.appendAll(fence, entries);
        }
        execution.get().journalWritten();
        return execution.get().events().storeWith(events -> carrier.append(fence, entries, events));
    }

    @Override
    public List<Recorded> read(String runId) {
        var execution = executions.get(runId);
        if (execution.isPresent() && execution.get().hasEmptyJournal()) {
            return List.of();
        }
        return journal.read(runId);
    }
}
