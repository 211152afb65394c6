package dev.mainstay.store.internal;

import dev.mainstay.journal.Fence;
import dev.mainstay.model.Message;
import dev.mainstay.store.Claim;
import dev.mainstay.store.Renewal;
import dev.mainstay.store.RunEnd;
import dev.mainstay.store.RunQueue;
import dev.mainstay.store.RunStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * The queue is the {@code runs} table. A claim, in one transaction:
 *
 * <ol>
 *   <li>picks the oldest claimable run — queued, or running under an expired lease — whose tenant has a free slot
 *       (running runs with a live lease, counted) and which no unfinished earlier run of its conversation precedes,
 *       locking it on PostgreSQL with {@code FOR UPDATE SKIP LOCKED} so concurrent claimers take different runs;
 *   <li>locks the run's tenant row ({@link Dialect#lockForUpdate()}) and counts the tenant's running runs again:
 *       claimers of one tenant count one after another, so two can never both take its last slot. A claimer that
 *       finds the tenant full after all rolls back and looks again;
 *   <li>raises the run's lease epoch and leases it to the worker.
 * </ol>
 *
 * <p>A slot is a running run with a live lease: giving it back is the lease ending (finish, release) or expiring —
 * so a dead worker's slots come back when its leases run out, with nothing to clean up.
 */
final class DbQueue implements RunQueue {
    private static final int CLAIM_ATTEMPTS = 3;
    private static final int RENEW_CHUNK = 500;

    private final Database db;
    private final WorkNotifications work;
    private final String candidateSql;

    DbQueue(Database db, WorkNotifications work) {
        this.db = db;
        this.work = work;
        this.candidateSql = """
                WITH busy AS (
                  SELECT tenant_id, COUNT(*) AS n FROM runs
                  WHERE status = 'running' AND lease_expires_at > :now GROUP BY tenant_id
                )
                SELECT r.id, r.tenant_id FROM runs r
                JOIN tenants t ON t.id = r.tenant_id
                LEFT JOIN busy b ON b.tenant_id = r.tenant_id
                WHERE r.status IN ('queued', 'running')
                  AND (r.status = 'queued' OR r.lease_expires_at <= :now)
                  AND COALESCE(b.n, 0) < t.max_concurrent_runs
                  AND NOT EXISTS (
                    SELECT 1 FROM runs p
                    WHERE r.conversation_id IS NOT NULL AND p.conversation_id = r.conversation_id
                      AND p.conversation_seq < r.conversation_seq AND p.status IN ('queued', 'running'))
                ORDER BY r.created_at, r.id
                LIMIT 1""" + db.dialect().claimLock();
    }

    private record Candidate(String id, String tenantId) {}

    /** What one claim transaction came to: a claim, nothing claimable, or a lost race for a tenant's last slot. */
    private sealed interface Attempt {
        record Claimed(Claim claim) implements Attempt {}

        record Nothing() implements Attempt {}

        record TenantFull() implements Attempt {}
    }

    @Override
    public Optional<Claim> claim(String worker, Instant now, Duration lease) {
        if (lease.isNegative() || lease.isZero()) {
            throw new IllegalArgumentException("a lease must be positive, but was " + lease);
        }
        long at = Values.nanos(now);
        long expires = Values.nanos(now.plus(lease));
        for (int attempt = 0; attempt < CLAIM_ATTEMPTS; attempt++) {
            var result = db.write("claim a run", h -> attempt(h, worker, at, expires));
            switch (result) {
                case Attempt.Claimed claimed -> {
                    return Optional.of(claimed.claim());
                }
                case Attempt.Nothing nothing -> {
                    return Optional.empty();
                }
                case Attempt.TenantFull full -> {
                    // another claimer took the tenant's last slot first; look again
                }
            }
        }
        return Optional.empty();
    }

    private Attempt attempt(Handle h, String worker, long now, long expires) {
        var candidate = h.createQuery(candidateSql).bind("now", now)
                .map((rows, ctx) -> new Candidate(rows.getString(1), rows.getString(2))).findOne();
        if (candidate.isEmpty()) {
            return new Attempt.Nothing();
        }
        var run = candidate.get();
        int limit = h.createQuery("SELECT max_concurrent_runs FROM tenants WHERE id = :id"
                + db.dialect().lockForUpdate()).bind("id", run.tenantId()).mapTo(Integer.class).one();
        long running = h.createQuery("""
                SELECT COUNT(*) FROM runs
                WHERE tenant_id = :tenant AND status = 'running' AND lease_expires_at > :now AND id <> :id""")
                .bind("tenant", run.tenantId()).bind("now", now).bind("id", run.id()).mapTo(Long.class).one();
        if (running >= limit) {
            return new Attempt.TenantFull();
        }
        return h.createQuery("""
                UPDATE runs SET status = 'running', lease_owner = :worker, lease_epoch = lease_epoch + 1,
                                lease_expires_at = :expires, started_at = COALESCE(started_at, :now),
                                attempts = attempts + 1
                WHERE id = :id RETURNING\s""" + RunRows.COLUMNS)
                .bind("worker", worker).bind("expires", expires).bind("now", now).bind("id", run.id())
                .map((rows, ctx) -> {
                    var record = RunRows.MAPPER.map(rows, ctx);
                    return (Attempt) new Attempt.Claimed(new Claim(record, new Fence(record.id(), record.leaseEpoch()),
                            rows.getLong("event_seq") + 1));
                }).one();
    }

    @Override
    public Renewal renew(String worker, Collection<Fence> held, Instant now, Duration lease) {
        if (held.isEmpty()) {
            return new Renewal(java.util.Set.of(), java.util.Set.of());
        }
        var fences = List.copyOf(new HashSet<>(held));
        long expires = Values.nanos(now.plus(lease));
        record Renewed(String id, long epoch, boolean cancel) {}
        var renewed = db.write("renew leases", h -> {
            var all = new ArrayList<Renewed>();
            for (int from = 0; from < fences.size(); from += RENEW_CHUNK) {
                var chunk = fences.subList(from, Math.min(fences.size(), from + RENEW_CHUNK));
                var sql = new StringBuilder("""
                        UPDATE runs SET lease_expires_at = ?
                        WHERE status = 'running' AND lease_owner = ? AND (id, lease_epoch) IN (VALUES\s""");
                for (int i = 0; i < chunk.size(); i++) {
                    sql.append(i == 0 ? "(?, ?)" : ", (?, ?)");
                }
                sql.append(") RETURNING id, lease_epoch, cancel_requested");
                var query = h.createQuery(sql.toString()).bind(0, expires).bind(1, worker);
                for (int i = 0; i < chunk.size(); i++) {
                    query.bind(2 + 2 * i, chunk.get(i).runId()).bind(3 + 2 * i, chunk.get(i).epoch());
                }
                all.addAll(query.map((rows, ctx) -> new Renewed(rows.getString(1), rows.getLong(2),
                        rows.getBoolean(3))).list());
            }
            return all;
        });
        var kept = new HashSet<Fence>();
        var cancel = new HashSet<String>();
        for (var r : renewed) {
            kept.add(new Fence(r.id(), r.epoch()));
            if (r.cancel()) {
                cancel.add(r.id());
            }
        }
        var lost = fences.stream().filter(f -> !kept.contains(f)).toList();
        return new Renewal(new HashSet<>(lost), cancel);
    }

    @Override
    public void finish(Fence fence, RunEnd end) {
        var status = RunStatus.endedBy(end.stopReason());
        long at = Values.nanos(end.at());
        db.write("finish run " + fence.runId(), h -> {
            record Ended(String tenantId, String conversationId, String input) {}
            var ended = h.createQuery("""
                    UPDATE runs SET status = :status, stop_reason = :reason, output = :output,
                                    error_code = :errorCode, error_message = :errorMessage,
                                    input_tokens = :in, output_tokens = :out,
                                    cache_creation_input_tokens = :cacheCreation, cache_read_input_tokens = :cacheRead,
                                    cost_usd_e8 = :cost, cost_unpriced = :unpriced, finished_at = :at,
                                    lease_owner = NULL, lease_expires_at = NULL
                    WHERE id = :id AND lease_epoch = :epoch AND status = 'running'
                    RETURNING tenant_id, conversation_id, input""")
                    .bind("status", status.wire()).bind("reason", end.stopReason().wire()).bind("output", end.output())
                    .bind("errorCode", end.error().map(e -> e.code()).orElse(null))
                    .bind("errorMessage", end.error().map(e -> e.message()).orElse(null))
                    .bind("in", end.usage().inputTokens()).bind("out", end.usage().outputTokens())
                    .bind("cacheCreation", end.usage().cacheCreationInputTokens())
                    .bind("cacheRead", end.usage().cacheReadInputTokens())
                    .bind("cost", Values.costUnits(end.cost())).bind("unpriced", Values.unpriced(end.cost()))
                    .bind("at", at).bind("id", fence.runId()).bind("epoch", fence.epoch())
                    .map((rows, ctx) -> new Ended(rows.getString(1), rows.getString(2), rows.getString(3))).findOne();
            if (ended.isEmpty()) {
                throw DbJournal.refusal(h, fence);
            }
            var run = ended.get();
            if (run.conversationId() != null && !end.output().isBlank()) {
                DbConversations.append(h, run.tenantId(), run.conversationId(), fence.runId(),
                        List.of(Message.user(run.input()), Message.assistant(List.of(
                                new dev.mainstay.model.TextBlock(end.output())))), at);
            }
            return null;
        });
        work.signal();
    }

    @Override
    public void release(Fence fence, Instant now) {
        int released = db.write("release run " + fence.runId(), h -> h.createUpdate("""
                UPDATE runs SET status = CASE WHEN cancel_requested THEN 'cancelled' ELSE 'queued' END,
                                stop_reason = CASE WHEN cancel_requested THEN 'cancelled' ELSE stop_reason END,
                                finished_at = CASE WHEN cancel_requested THEN :now ELSE finished_at END,
                                lease_owner = NULL, lease_expires_at = NULL
                WHERE id = :id AND lease_epoch = :epoch AND status = 'running'""")
                .bind("now", Values.nanos(now)).bind("id", fence.runId()).bind("epoch", fence.epoch()).execute());
        if (released > 0) {
            work.signal();
        }
    }

    @Override
    public QueueDepth depth(Instant now) {
        return db.read("measure the queue", h -> h.createQuery("""
                SELECT SUM(CASE WHEN status = 'queued' THEN 1 ELSE 0 END),
                       MIN(CASE WHEN status = 'queued' THEN created_at END),
                       SUM(CASE WHEN status = 'running' THEN 1 ELSE 0 END)
                FROM runs WHERE status IN ('queued', 'running')""")
                .map((rows, ctx) -> {
                    long queued = rows.getLong(1);
                    long oldest = rows.getLong(2);
                    var age = rows.wasNull() ? Optional.<Duration>empty()
                            : Optional.of(Duration.between(Values.instant(oldest), now));
                    return new QueueDepth(queued, age.map(a -> a.isNegative() ? Duration.ZERO : a),
                            rows.getLong(3));
                }).one());
    }

    @Override
    public WorkSignal workSignal() {
        return work.waiter();
    }

    @Override
    public void notifyWork() {
        work.signal();
    }
}
