package dev.mainstay.store.internal;

import dev.mainstay.journal.Fence;
import dev.mainstay.journal.FencedOutException;
import dev.mainstay.journal.Journal;
import dev.mainstay.journal.JournalCodec;
import dev.mainstay.journal.JournalEntry;
import dev.mainstay.journal.JournalException;
import dev.mainstay.journal.ModelStep;
import dev.mainstay.journal.Recorded;
import dev.mainstay.journal.RunClosed;
import dev.mainstay.journal.RunOpened;
import dev.mainstay.journal.ToolIntent;
import dev.mainstay.journal.ApprovalDecided;
import dev.mainstay.journal.PlanFixed;
import dev.mainstay.journal.PolicyDecision;
import dev.mainstay.journal.ToolStep;
import dev.mainstay.event.EventCodec;
import dev.mainstay.event.RunEvent;
import dev.mainstay.json.Json;
import dev.mainstay.store.StoreException;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.JdbiException;

/**
 * The journal in the {@code journal} table, one row per entry (JSON by {@link JournalCodec}).
 *
 * <p>An append is one transaction: {@code UPDATE runs SET journal_seq = journal_seq + 1 WHERE id = ? AND
 * lease_epoch = ? AND status = 'running' RETURNING journal_seq}, then the insert — on PostgreSQL both in one
 * statement (the insert selects from the update's {@code RETURNING}), one round trip instead of two. The update is the fence check and
 * the sequence number in one statement, and its row lock (PostgreSQL; SQLite has one writer) serialises the run's
 * appends, so numbers have no gaps: a refused or failed append rolls the increment back. No row updated means the
 * fence is stale — another worker claimed the run, or it was finished or given back — and nothing is written
 * ({@link FencedOutException} with the run's current epoch). A run with no row at all is a bug in the caller — a
 * journal is only written under a claim of its run — and fails with {@link IllegalStateException}. A second
 * {@code tool_call} for one tool_use id breaks the unique index {@code journal_one_tool_outcome}: refused with
 * {@link IllegalStateException}, nothing written.
 *
 * <p>The same transaction writes what other tables derive from an entry, so they can never disagree with the
 * journal: a model step's billed attempts go to the cost ledger ({@link DbLedger#record}), and a run's opening sets the
 * run row's {@code agent}, which the ledger attributes by, then charges its compaction summary's billed attempts
 * (step 0) — after the agent is set, so they are attributed to it too.
 *
 * <p>Each row also records the {@code node} that wrote it — the run's {@code lease_owner}, returned by the same
 * fencing update — so the timeline can name the worker of every step without the journal codec knowing nodes.
 */
final class DbJournal implements Journal {
    private final Database db;
    private final InstantSource clock;
    private final DbLedger ledger;

    DbJournal(Database db, InstantSource clock, DbLedger ledger) {
        this.db = db;
        this.clock = clock;
        this.ledger = ledger;
    }

    @Override
    public long append(Fence fence, JournalEntry entry) {
        return append(fence, List.of(entry), List.of());
    }

    /** The entries in one transaction: all or none. */
    @Override
    public long appendAll(Fence fence, List<? extends JournalEntry> entries) {
        return append(fence, entries, List.of());
    }

    /**
     * Appends {@code entries} (one or more) and stores {@code events} (possibly none) in one transaction: each entry
     * as {@link #append(Fence, JournalEntry, List)} appends it, the events with the first.
     */
    long append(Fence fence, List<? extends JournalEntry> entries, List<? extends RunEvent> events) {
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("no entries to append to run " + fence.runId());
        }
        if (entries.size() == 1) {
            return append(fence, entries.getFirst(), events);
        }
        try {
            return db.together("append to the journal of run " + fence.runId(), () -> {
                long last = append(fence, entries.getFirst(), events);
                for (var entry : entries.subList(1, entries.size())) {
                    last = append(fence, entry, List.of());
                }
                return last;
            });
        } catch (StoreException e) {
            throw new JournalException(e.getMessage(), e.getCause());
        }
    }

    /**
     * Appends {@code entry} and stores {@code events} (possibly none) in one transaction, under the one fence check of
     * the append ({@link dev.mainstay.store.Store#appendWithEvents}): the fencing update also raises the run's
     * {@code event_seq}, which is the events' own fence check ({@link DbEventLog}), and, for a run's opening, sets
     * its {@code agent}. On PostgreSQL all of it is one statement.
     */
    long append(Fence fence, JournalEntry entry, List<? extends RunEvent> events) {
        long lastEvent = DbEventLog.highestSeq(fence, events);
        var row = new Row(type(entry), toolUseId(entry), JournalCodec.encode(entry), Values.nanos(clock.instant()),
                entry instanceof RunOpened opened ? Optional.of(opened.agent()) : Optional.empty());
        try {
            return db.write("append to the journal of run " + fence.runId(), h -> {
                long seq;
                try {
                    var appended = db.dialect().modifiesInWith()
                            ? appendInOneStatement(h, fence, row, events, lastEvent)
                            : appendInTwoStatements(h, fence, row, events, lastEvent);
                    if (appended.isEmpty()) {
                        throw refusal(h, fence);
                    }
                    seq = appended.get();
                } catch (JdbiException e) {
                    if (Database.sqlCause(e).filter(db.dialect()::isUniqueViolation).isPresent()) {
                        if (entry instanceof ToolStep tool) {
                            throw new IllegalStateException("tool_use " + tool.toolUseId()
                                    + " is already journaled in run " + fence.runId());
                        }
                        if (entry instanceof ApprovalDecided approval) {
                            throw new IllegalStateException("the call " + approval.toolUseId()
                                    + " of run " + fence.runId() + " is already decided");
                        }
                    }
                    throw e;
                }
                switch (entry) {
                    case ModelStep step -> ledger.record(h, fence, step, row.at());
                    case RunOpened opened -> ledger.record(h, fence, opened, row.at());
                    default -> { }
                }
                return seq;
            });
        } catch (StoreException e) {
            throw new JournalException(e.getMessage(), e.getCause());
        }
    }

    /** One journal row to insert, and the agent to set on the run row when the entry is its opening. */
    private record Row(String type, Optional<String> toolUseId, String payload, long at, Optional<String> agent) {}

    /**
     * The fencing update — sequence number, events' high-water mark, agent — then the inserts: empty when the fence
     * is stale. The entry records the node that wrote it: the run's lease owner, returned by the fencing update.
     */
    private Optional<Long> appendInTwoStatements(Handle h, Fence fence, Row row, List<? extends RunEvent> events,
            long lastEvent) {
        record Next(long seq, String node) {}
        var next = h.createQuery("UPDATE runs SET journal_seq = journal_seq + 1" + extraSets(row, events)
                        + " WHERE id = :id AND lease_epoch = :epoch AND status = 'running'"
                        + " RETURNING journal_seq, lease_owner")
                .bind("id", fence.runId()).bind("epoch", fence.epoch());
        if (!events.isEmpty()) {
            next.bind("eventSeq", lastEvent);
        }
        row.agent().ifPresent(agent -> next.bind("agent", agent));
        var fenced = next.map((rows, ctx) -> new Next(rows.getLong(1), rows.getString(2))).findOne();
        if (fenced.isPresent()) {
            h.createUpdate("""
                    INSERT INTO journal (run_id, seq, epoch, type, tool_use_id, payload, created_at, node)
                    VALUES (:run, :seq, :epoch, :type, :tool, :payload, :at, :node)""")
                    .bind("run", fence.runId()).bind("seq", fenced.get().seq()).bind("epoch", fence.epoch())
                    .bind("type", row.type()).bind("tool", row.toolUseId().orElse(null))
                    .bind("payload", row.payload()).bind("at", row.at()).bind("node", fenced.get().node()).execute();
            if (!events.isEmpty()) {
                DbEventLog.insertBatch(h, events);
            }
        }
        return fenced.map(Next::seq);
    }

    /** The same in one statement, one round trip (PostgreSQL): nothing inserted when the fence is stale. */
    private Optional<Long> appendInOneStatement(Handle h, Fence fence, Row row, List<? extends RunEvent> events,
            long lastEvent) {
        var carried = DbEventLog.fitInOneStatement(events) ? events : List.<RunEvent>of();
        var sql = new StringBuilder("WITH fenced AS (UPDATE runs SET journal_seq = journal_seq + 1")
                .append(carried.isEmpty() ? "" : ", event_seq = GREATEST(event_seq, :eventSeq)")
                .append(row.agent().isPresent() ? ", agent = :agent" : "")
                .append(" WHERE id = :id AND lease_epoch = :epoch AND status = 'running'")
                .append(" RETURNING journal_seq, lease_owner)");
        if (!carried.isEmpty()) {
            sql.append("""
                    , stored AS (
                      INSERT INTO events (run_id, seq, type, payload, created_at)
                      SELECT v.run_id, v.seq, v.type, v.payload, v.created_at
                      FROM fenced, (VALUES\s""");
            for (int i = 0; i < carried.size(); i++) {
                sql.append(i == 0 ? "" : ", ").append("(:r").append(i).append(", :s").append(i).append(", :t")
                        .append(i).append(", :p").append(i).append(", :a").append(i).append(')');
            }
            sql.append("""
                    ) AS v (run_id, seq, type, payload, created_at)
                      ON CONFLICT (run_id, seq) DO NOTHING)""");
        }
        sql.append("""
                 INSERT INTO journal (run_id, seq, epoch, type, tool_use_id, payload, created_at, node)
                SELECT :id, journal_seq, :epoch, :type, :tool, :payload, :at, lease_owner FROM fenced
                RETURNING seq""");
        var query = h.createQuery(sql.toString())
                .bind("id", fence.runId()).bind("epoch", fence.epoch()).bind("type", row.type())
                .bind("tool", row.toolUseId().orElse(null)).bind("payload", row.payload()).bind("at", row.at());
        row.agent().ifPresent(agent -> query.bind("agent", agent));
        if (!carried.isEmpty()) {
            query.bind("eventSeq", lastEvent);
            for (int i = 0; i < carried.size(); i++) {
                var event = carried.get(i);
                query.bind("r" + i, event.runId()).bind("s" + i, event.seq()).bind("t" + i, EventCodec.type(event))
                        .bind("p" + i, Json.write(EventCodec.toJson(event))).bind("a" + i, Values.nanos(event.at()));
            }
        }
        var seq = query.mapTo(Long.class).findOne();
        if (seq.isPresent() && carried.isEmpty() && !events.isEmpty()) {
            DbEventLog.appendInChunks(h, fence, lastEvent, events);
        }
        return seq;
    }

    private String extraSets(Row row, List<? extends RunEvent> events) {
        return (events.isEmpty() ? "" : ", event_seq = " + db.dialect().greatest("event_seq", ":eventSeq"))
                + (row.agent().isPresent() ? ", agent = :agent" : "");
    }

    /** Why an append under {@code fence} updated no row. */
    static RuntimeException refusal(Handle h, Fence fence) {
        var current = h.createQuery("SELECT lease_epoch FROM runs WHERE id = :id").bind("id", fence.runId())
                .mapTo(Long.class).findOne();
        if (current.isEmpty()) {
            return new IllegalStateException("run " + fence.runId()
                    + " is not in the store: a run's journal and events are written only under a claim of its run");
        }
        return new FencedOutException(fence, current.get());
    }

    @Override
    public List<Recorded> read(String runId) {
        try {
            return db.read("read the journal of run " + runId, h -> h.createQuery(
                    "SELECT seq, payload FROM journal WHERE run_id = :run ORDER BY seq")
                    .bind("run", runId)
                    .map((rows, ctx) -> new Recorded(rows.getLong(1), JournalCodec.decode(rows.getString(2))))
                    .list());
        } catch (StoreException e) {
            throw new JournalException(e.getMessage(), e.getCause());
        } catch (IllegalArgumentException e) {
            throw new JournalException("the journal of run " + runId + " holds an entry this Mainstay cannot read: "
                    + e.getMessage(), e);
        }
    }

    /**
     * The node that appended each entry of the run's journal, by sequence number: the run's lease owner (the claiming
     * worker's name) at the time of the append. Entries written before the store recorded it are absent.
     */
    java.util.Map<Long, String> nodes(String runId) {
        record Row(long seq, String node) {}
        var rows = db.read("read the journal nodes of run " + runId, h -> h.createQuery(
                "SELECT seq, node FROM journal WHERE run_id = :run AND node IS NOT NULL ORDER BY seq")
                .bind("run", runId)
                .map((r, ctx) -> new Row(r.getLong(1), r.getString(2))).list());
        var nodes = new java.util.LinkedHashMap<Long, String>();
        rows.forEach(r -> nodes.put(r.seq(), r.node()));
        return java.util.Collections.unmodifiableMap(nodes);
    }

    /** The codec's {@code type} of an entry. */
    static String type(JournalEntry entry) {
        return switch (entry) {
            case RunOpened e -> "run_opened";
            case ModelStep e -> "model_call";
            case ToolIntent e -> "tool_intent";
            case ToolStep e -> "tool_call";
            case RunClosed e -> "run_closed";
            case PlanFixed e -> "plan_fixed";
            case PolicyDecision e -> "policy_decision";
            case ApprovalDecided e -> "approval_decided";
        };
    }

    private static Optional<String> toolUseId(JournalEntry entry) {
        return switch (entry) {
            case ToolIntent e -> Optional.of(e.toolUseId());
            case ToolStep e -> Optional.of(e.toolUseId());
            case RunOpened e -> Optional.empty();
            case ModelStep e -> Optional.empty();
            case RunClosed e -> Optional.empty();
            case PlanFixed e -> Optional.empty();
            case PolicyDecision e -> Optional.of(e.toolUseId());
            case ApprovalDecided e -> Optional.of(e.toolUseId());
        };
    }
}
