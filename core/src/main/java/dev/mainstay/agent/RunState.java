package dev.mainstay.agent;

import dev.mainstay.cost.Cost;
import dev.mainstay.journal.Fence;
import dev.mainstay.journal.Journal;
import dev.mainstay.journal.JournalEntry;
import dev.mainstay.journal.RunClosed;
import dev.mainstay.journal.RunOpened;
import dev.mainstay.model.Message;
import dev.mainstay.model.Usage;
import dev.mainstay.run.RunRequest;
import dev.mainstay.time.Cancellation;
import dev.mainstay.time.Deadline;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;

/**
 * The state of one run while it executes: what {@link RunFold} has made of the journal so far. Every change goes
 * through {@link #record}, which appends an entry and folds it in one step, so the state is always exactly the fold
 * of the journal — for a live run and for a resumed one alike. The run's thread owns it; tool threads only
 * {@link #record} their outcomes, which is synchronized.
 */
final class RunState {
    final AgentSpec agent;
    final Cancellation cancellation;
    final java.util.function.Predicate<dev.mainstay.model.Refusal> yieldOn;
    final Instant startedAt;
    final RunEmitter events;
    private final Journal journal;
    private final Fence fence;
    private final InstantSource clock;

    // set by the fold
    RunRequest request;
    volatile Deadline deadline;
    final List<Message> messages = new ArrayList<>();
    final List<JournalEntry> entries = new ArrayList<>();
    int modelCalls;
    int streamRestarts;
    Usage usage = Usage.ZERO;
    Cost cost = Cost.ZERO;
    String lastText = "";
    PendingTools pending;
    Next decision;
    RunClosed closed;
    final RunSecurity security = new RunSecurity();

    RunState(AgentSpec agent, RunRequest request, RunControl control, Journal journal, InstantSource clock,
            RunEmitter events, Instant startedAt) {
        this.agent = agent;
        this.request = request;
        this.cancellation = control.cancellation();
        this.yieldOn = control.yieldOn();
        this.fence = control.fence();
        this.journal = journal;
        this.clock = clock;
        this.events = events;
        this.startedAt = startedAt;
    }

    String runId() {
        return request.runId();
    }

    /**
     * Appends {@code entry} to the journal under this run's fence and folds it into the state.
     *
     * @throws dev.mainstay.journal.FencedOutException when the lease was lost: nothing was written or folded
     */
    synchronized void record(JournalEntry entry) {
        journal.append(fence, entry);
        RunFold.apply(this, entry);
    }

    /** Appends {@code entries} in one go (one transaction where the journal can), then folds them in order. */
    synchronized void recordAll(List<? extends JournalEntry> entries) {
        journal.appendAll(fence, entries);
        entries.forEach(entry -> RunFold.apply(this, entry));
    }

    /** Folds an entry read back from the journal (a resumed run). */
    synchronized void restore(JournalEntry entry) {
        RunFold.apply(this, entry);
    }

    void open(RunOpened opened) {
        this.request = opened.request();
        this.deadline = new Deadline(opened.deadline(), clock);
    }

    /** Moves the run's deadline later by {@code extra} (time a person took to decide on an approval). */
    void extendDeadline(java.time.Duration extra) {
        this.deadline = new Deadline(deadline.at().plus(extra), clock);
    }

    synchronized List<JournalEntry> entries() {
        return List.copyOf(entries);
    }
}
