package dev.mainstay.store;

import dev.mainstay.cost.Budgets;
import dev.mainstay.journal.Journal;
import dev.mainstay.tools.notes.NoteStore;

/**
 * Mainstay's durable state on one database — SQLite embedded for one machine, PostgreSQL for several nodes — behind
 * one schema (Flyway migrations; the dialect differences in one place). Every part is fenced, tenant-scoped and
 * thread-safe; nodes coordinate only through it. Closing it closes the connection pool.
 *
 * <p>Every method may throw {@link StoreException} when the database fails (the journal throws
 * {@link dev.mainstay.journal.JournalException}, the notes {@link dev.mainstay.tools.notes.NoteStoreException});
 * expected outcomes are values or the exceptions each method documents. Stored times are the callers' instants (or
 * the store's injected clock), never the database's, so every node must keep its clock in sync (NTP): a lease is
 * compared with the claiming node's clock.
 */
public interface Store extends AutoCloseable {
    /**
     * The runs' journals, fenced by each run's lease epoch: an append is accepted only under the epoch of the run's
     * current claim while the run is running. Under any other fence — a newer claim, the run finished, given back,
     * or never claimed — it throws {@link dev.mainstay.journal.FencedOutException} with the run's current epoch; for
     * a run the store has no row for it throws {@link IllegalStateException} (a journal is written only under a
     * claim: a CLI run goes through {@link Runs#accept} and {@link RunQueue#claim} too).
     */
    Journal journal();

    /**
     * The cost ledger: one entry per billed attempt of every model step the journal accepted, written in the
     * append's transaction (so a fenced-out append writes no cost, and a step appended twice is charged once).
     */
    Ledger ledger();

    /**
     * Which node wrote each entry of a run's journal, by the entry's sequence number: the name of the worker that
     * held the run's lease when the entry was appended (a worker's name, or an API node's for the approval decisions
     * it journals under its own claim). Kept beside the journal, not in it, so the journal codec knows nothing of
     * nodes. Entries written before the store recorded nodes have no entry here; an unknown run has none at all.
     */
    java.util.Map<Long, String> journalNodes(String runId);

    Runs runs();

    RunQueue queue();

    EventLog events();

    Tenants tenants();

    ApiKeys keys();

    Conversations conversations();

    Idempotency idempotency();

    RateLimits rateLimits();

    /**
     * The spending budgets of tenants and users, reserved before every model call in one transaction of this
     * database, so they hold across every node ({@link Budgets}).
     */
    Budgets budgets();

    /** The users' notes (the reference agent's notes tools), in the same database. */
    NoteStore notes();

    /**
     * Runs {@code work} in one database transaction: every write the store's parts make on the calling thread inside
     * it (a journal append, events, a finish) joins it, and they commit together — or, when {@code work} throws, none
     * of them does. Each part keeps its own checks (fences), and what a part signals after its commit is signalled
     * after this one. Use it to save commits on a hot path: a journal entry with the events published before it, a
     * finish with the run's last events. {@code work} must do nothing but store calls — it holds a connection, on
     * SQLite the write lock, and may be run again on a PostgreSQL serialization failure or deadlock. Reads
     * ({@code find}, {@code after}) inside it do not see its writes.
     */
    <T> T inOneTransaction(java.util.function.Supplier<T> work);

    /**
     * Appends {@code entries} (one or more) to their run's journal and stores {@code events} (possibly none: the
     * events the run published since its last append) in one transaction: what
     * {@code inOneTransaction(() -> { long seq = journal().appendAll(fence, entries);
     * events().appendAll(fence, events); return seq; })} does, in fewer statements (the first entry's fence check
     * is also the events'). Fencing, numbering and refusals are those of {@link Journal#append}; the events are
     * stored as {@link EventLog#appendAll} stores them. Nothing is stored when any part is refused or fails.
     *
     * @return the last entry's sequence number in its run's journal
     */
    default long appendWithEvents(dev.mainstay.journal.Fence fence,
            java.util.List<? extends dev.mainstay.journal.JournalEntry> entries,
            java.util.List<? extends dev.mainstay.event.RunEvent> events) {
        return inOneTransaction(() -> {
            long seq = journal().appendAll(fence, entries);
            if (!events.isEmpty()) {
                events().appendAll(fence, events);
            }
            return seq;
        });
    }

    /** Whether the database answers and its migrations are applied; the detail says why not. */
    Health health();

    /**
     * Runs {@code work} unless another node (or thread) is running the task of the same name right now: housekeeping
     * that one node at a time is enough for. On PostgreSQL a session advisory lock, held on one pooled connection
     * while the work runs on others; on SQLite a lock of this process. Never waits for the other one to finish.
     *
     * @return whether the work ran
     */
    boolean exclusively(String task, Runnable work);

    /** The dialect in use, e.g. {@code sqlite}, {@code postgresql}. */
    String dialect();

    @Override
    void close();

    record Health(boolean reachable, boolean migrated, String detail) {
        public boolean ok() {
            return reachable && migrated;
        }
    }
}
