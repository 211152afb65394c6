package dev.mainstay.store.internal;

import dev.mainstay.cost.Budgets;
import dev.mainstay.journal.Journal;
import dev.mainstay.store.ApiKeys;
import dev.mainstay.store.Conversations;
import dev.mainstay.store.EventLog;
import dev.mainstay.store.Idempotency;
import dev.mainstay.store.Ledger;
import dev.mainstay.store.RateLimits;
import dev.mainstay.store.RunQueue;
import dev.mainstay.store.Runs;
import dev.mainstay.store.Store;
import dev.mainstay.store.StoreConfig;
import dev.mainstay.store.Tenants;
import dev.mainstay.time.IdGenerator;
import dev.mainstay.tools.notes.NoteStore;
import java.time.InstantSource;
import java.util.Objects;

/** The {@link Store} on one database: its parts share the connections and the work notifications. */
public final class DbStore implements Store {
    private final Database db;
    private final WorkNotifications work;
    private final DbLedger ledger;
    private final DbJournal journal;
    private final DbRuns runs;
    private final DbQueue queue;
    private final DbEventLog events;
    private final DbTenants tenants;
    private final DbApiKeys keys;
    private final DbConversations conversations;
    private final DbIdempotency idempotency;
    private final DbRateLimits rateLimits;
    private final DbNoteStore notes;
    private final DbBudgets budgets;

    private DbStore(Database db, InstantSource clock, IdGenerator ids) {
        this.db = db;
        this.work = new WorkNotifications(db);
        this.ledger = new DbLedger(db, ids);
        this.journal = new DbJournal(db, clock, ledger);
        this.runs = new DbRuns(db, work);
        this.queue = new DbQueue(db, work);
        this.events = new DbEventLog(db);
        this.tenants = new DbTenants(db, ids, work);
        this.keys = new DbApiKeys(db, ids);
        this.conversations = new DbConversations(db, ids);
        this.idempotency = new DbIdempotency(db);
        this.rateLimits = new DbRateLimits(db);
        this.notes = new DbNoteStore(db, clock, ids);
        this.budgets = new DbBudgets(db, ids);
    }

    /** Opens the database, applies the migrations and wires the parts; see {@link dev.mainstay.store.Stores}. */
    public static Store open(StoreConfig config, InstantSource clock, IdGenerator ids) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(ids, "ids");
        return new DbStore(DatabaseConnections.open(config), clock, ids);
    }

    @Override
    public Journal journal() {
        return journal;
    }

    @Override
    public Ledger ledger() {
        return ledger;
    }

    @Override
    public java.util.Map<Long, String> journalNodes(String runId) {
        return journal.nodes(runId);
    }

    @Override
    public Runs runs() {
        return runs;
    }

    @Override
    public RunQueue queue() {
        return queue;
    }

    @Override
    public <T> T inOneTransaction(java.util.function.Supplier<T> work) {
        return db.together("write in one transaction", work);
    }

    @Override
    public long appendWithEvents(dev.mainstay.journal.Fence fence,
            java.util.List<? extends dev.mainstay.journal.JournalEntry> entries,
            java.util.List<? extends dev.mainstay.event.RunEvent> events) {
        return journal.append(fence, entries, events);
    }

    @Override
    public EventLog events() {
        return events;
    }

    @Override
    public Tenants tenants() {
        return tenants;
    }

    @Override
    public ApiKeys keys() {
        return keys;
    }

    @Override
    public Conversations conversations() {
        return conversations;
    }

    @Override
    public Idempotency idempotency() {
        return idempotency;
    }

    @Override
    public RateLimits rateLimits() {
        return rateLimits;
    }

    @Override
    public Budgets budgets() {
        return budgets;
    }

    @Override
    public NoteStore notes() {
        return notes;
    }

    @Override
    public Health health() {
        return db.health();
    }

    @Override
    public boolean exclusively(String task, Runnable work) {
        return db.exclusively(task, work);
    }

    @Override
    public String dialect() {
        return db.dialect().displayName();
    }

    @Override
    public void close() {
        try (db) {
            work.close();
        }
    }

    @Override
    public String toString() {
        return "Store[" + db.config().redactedUrl() + "]";
    }
}
