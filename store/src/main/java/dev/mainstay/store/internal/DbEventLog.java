package dev.mainstay.store.internal;

import dev.mainstay.event.EventCodec;
import dev.mainstay.event.RunEvent;
import dev.mainstay.journal.Fence;
import dev.mainstay.json.Json;
import dev.mainstay.store.EventLog;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * Events in the {@code events} table, keyed by (run, seq). An append is fenced like the journal's: the transaction
 * first raises the run's {@code event_seq} to the highest sequence number appended, {@code WHERE id = ? AND
 * lease_epoch = ? AND status = 'running'} — no row means a stale fence, and nothing is stored — then inserts the
 * events, skipping sequence numbers already stored. Since a claim reads {@code event_seq} under the same row lock, a
 * new worker's first event always follows the last one the old worker managed to store. On PostgreSQL the update
 * and the inserts are one statement (the inserts select from the update's {@code RETURNING}), one round trip.
 */
final class DbEventLog implements EventLog {
    /** Events per statement on PostgreSQL (five parameters each). */
    private static final int CHUNK = 500;
    private final Database db;

    DbEventLog(Database db) {
        this.db = db;
    }

    @Override
    public void append(Fence fence, RunEvent event) {
        appendAll(fence, List.of(event));
    }

    @Override
    public void appendAll(Fence fence, List<? extends RunEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        long last = highestSeq(fence, events);
        var dialect = db.dialect();
        db.write("store events of run " + fence.runId(), h -> {
            if (dialect.modifiesInWith()) {
                appendInChunks(h, fence, last, events);
                return null;
            }
            int updated = h.createUpdate("UPDATE runs SET event_seq = " + dialect.greatest("event_seq", ":seq")
                    + " WHERE id = :id AND lease_epoch = :epoch AND status = 'running'")
                    .bind("seq", last).bind("id", fence.runId()).bind("epoch", fence.epoch()).execute();
            if (updated == 0) {
                throw DbJournal.refusal(h, fence);
            }
            insertBatch(h, events);
            return null;
        });
    }

    /** The highest sequence number of {@code events}, after checking they are all of the fence's run. */
    static long highestSeq(Fence fence, List<? extends RunEvent> events) {
        long highest = 0;
        for (var event : events) {
            if (!event.runId().equals(fence.runId())) {
                throw new IllegalArgumentException("event " + event.seq() + " is of run " + event.runId()
                        + ", not of the fence's run " + fence.runId());
            }
            highest = Math.max(highest, event.seq());
        }
        return highest;
    }

    /** Inserts {@code events}, skipping sequence numbers already stored; the caller has checked the fence. */
    static void insertBatch(Handle h, List<? extends RunEvent> events) {
        var batch = h.prepareBatch("""
                INSERT INTO events (run_id, seq, type, payload, created_at) VALUES (:run, :seq, :type, :payload, :at)
                ON CONFLICT (run_id, seq) DO NOTHING""");
        for (var event : events) {
            batch.bind("run", event.runId()).bind("seq", event.seq()).bind("type", EventCodec.type(event))
                    .bind("payload", Json.write(EventCodec.toJson(event)))
                    .bind("at", Values.nanos(event.at())).add();
        }
        batch.execute();
    }

    /** Whether {@code events} fit in one statement's VALUES list on PostgreSQL. */
    static boolean fitInOneStatement(List<? extends RunEvent> events) {
        return events.size() <= CHUNK;
    }

    /** {@code (?, ?, ?, ?, ?)} for each event, comma-separated: the rows of a VALUES list. */
    private static void appendValueRows(StringBuilder sql, int count) {
        for (int i = 0; i < count; i++) {
            sql.append(i == 0 ? "(?, ?, ?, ?, ?)" : ", (?, ?, ?, ?, ?)");
        }
    }

    /** Binds the rows of {@link #appendValueRows} from position {@code at}; returns the next free position. */
    private static int bindValueRows(org.jdbi.v3.core.statement.SqlStatement<?> statement, int at,
            List<? extends RunEvent> events) {
        for (var event : events) {
            statement.bind(at++, event.runId()).bind(at++, event.seq()).bind(at++, EventCodec.type(event))
                    .bind(at++, Json.write(EventCodec.toJson(event))).bind(at++, Values.nanos(event.at()));
        }
        return at;
    }

    /** {@code events} in statements of at most {@link #CHUNK} each, every one fenced (PostgreSQL). */
    static void appendInChunks(Handle h, Fence fence, long last, List<? extends RunEvent> events) {
        for (int from = 0; from < events.size(); from += CHUNK) {
            appendInOneStatement(h, fence, last, events.subList(from, Math.min(events.size(), from + CHUNK)));
        }
    }

    /** The fence check, the sequence number and the inserts in one statement, one round trip (PostgreSQL). */
    private static void appendInOneStatement(Handle h, Fence fence, long last, List<? extends RunEvent> events) {
        var sql = new StringBuilder("""
                WITH fenced AS (
                  UPDATE runs SET event_seq = GREATEST(event_seq, ?)
                  WHERE id = ? AND lease_epoch = ? AND status = 'running'
                  RETURNING id),
                stored AS (
                  INSERT INTO events (run_id, seq, type, payload, created_at)
                  SELECT v.run_id, v.seq, v.type, v.payload, v.created_at
                  FROM fenced, (VALUES\s""");
        appendValueRows(sql, events.size());
        sql.append("""
                ) AS v (run_id, seq, type, payload, created_at)
                  ON CONFLICT (run_id, seq) DO NOTHING)
                SELECT COUNT(*) FROM fenced""");
        var query = h.createQuery(sql.toString()).bind(0, last).bind(1, fence.runId()).bind(2, fence.epoch());
        bindValueRows(query, 3, events);
        if (query.mapTo(Long.class).one() == 0) {
            throw DbJournal.refusal(h, fence);
        }
    }

    @Override
    public List<StoredEvent> after(String tenantId, String runId, long afterSeq, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive, but was " + limit);
        }
        return db.read("read events of run " + runId, h -> h.createQuery("""
                SELECT e.seq, e.type, e.payload, e.created_at FROM events e JOIN runs r ON r.id = e.run_id
                WHERE r.id = :run AND r.tenant_id = :tenant AND e.seq > :after
                ORDER BY e.seq LIMIT :limit""")
                .bind("run", runId).bind("tenant", tenantId).bind("after", afterSeq).bind("limit", limit)
                .map((rows, ctx) -> new StoredEvent(rows.getLong(1), rows.getString(2), rows.getString(3),
                        Values.instant(rows.getLong(4))))
                .list());
    }

    @Override
    public long lastSeq(String runId) {
        return db.read("read the last event of run " + runId, h -> h.createQuery(
                "SELECT event_seq FROM runs WHERE id = :run").bind("run", runId).mapTo(Long.class).findOne().orElse(0L));
    }

    @Override
    public int purgeFinishedBefore(Instant cutoff) {
        return db.write("purge old events", h -> h.createUpdate("""
                DELETE FROM events WHERE run_id IN (SELECT id FROM runs WHERE finished_at IS NOT NULL AND finished_at < :cutoff)""")
                .bind("cutoff", Values.nanos(cutoff)).execute());
    }
}
