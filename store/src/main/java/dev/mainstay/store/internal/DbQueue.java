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
 *   <li>finds the tenant of the oldest claimable run — queued, or running under an expired lease — whose tenant has a
 *       free slot (a running run with a live lease takes one) and which no unfinished earlier run of its
 *       conversation precedes (a probe: nothing is locked yet);
 *   <li>locks that tenant's row ({@link Dialect#lockForUpdate()}; on SQLite the single writer already excludes every
 *       other claimer): claimers of one tenant now go one after another;
 *   <li>claims, in one statement each, that tenant's oldest claimable runs while its running runs — counted by the
 *       statement itself, whose snapshot is taken after the lock, so every earlier claimer's commit is in it — are
 *       fewer than its limit: the lease epoch goes up, the worker and the expiry are set. On PostgreSQL the run is
 *       picked {@code FOR UPDATE SKIP LOCKED}, so a run another transaction is changing (a cancellation) is passed
 *       over rather than waited for.
 * </ol>
 *
 * <p>Two claimers can never both take a tenant's last slot, and a claimer never holds two tenants' locks (a batch is
 * of one tenant), so claims cannot deadlock. When the probe's tenant turns out full, or its runs were taken, the
 * transaction ends and the claim looks again, at most {@link #CLAIM_ATTEMPTS} times.
 *
 * <p>On PostgreSQL a claim can come back empty while runs are queued: under READ COMMITTED the probe sees the runs
 * committed when it began, and claimers that began later may take all of them first. The accept of a later run
 * signals the workers ({@link RunQueue#workSignal()}), so a worker loop that waits on its signal claims again at once.
 *
 * <p>A slot is a running run with a live lease: giving it back is the lease ending (finish, release) or expiring —
 * so a dead worker's slots come back when its leases run out, with nothing to clean up.
 */
final class DbQueue implements RunQueue {
    /** How many times one call looks again after its probe's tenant turned out full or taken. */
    private static final int CLAIM_ATTEMPTS = 3;
    private static final int RENEW_CHUNK = 500;

    /** A run that may be claimed, with no unfinished earlier run of its conversation (alias {@code r}). */
    private static final String CLAIMABLE = """
            r.status IN ('queued', 'running')
              AND (r.status = 'queued' OR r.lease_expires_at <= :now)
              AND NOT EXISTS (
                SELECT 1 FROM runs p
                WHERE r.conversation_id IS NOT NULL AND p.conversation_id = r.conversation_id
                  AND p.conversation_seq < r.conversation_seq AND p.status IN ('queued', 'running'))""";

    private static final String PROBE = """
            WITH busy AS (
              SELECT tenant_id, COUNT(*) AS n FROM runs
              WHERE status = 'running' AND lease_expires_at > :now GROUP BY tenant_id
            )
            SELECT r.tenant_id FROM runs r
            JOIN tenants t ON t.id = r.tenant_id
            LEFT JOIN busy b ON b.tenant_id = r.tenant_id
            WHERE %s AND COALESCE(b.n, 0) < t.max_concurrent_runs
            ORDER BY r.created_at, r.id
            LIMIT 1""".formatted(CLAIMABLE);

    private final Database db;
    private final WorkNotifications work;
    private final String claimSql;

    DbQueue(Database db, WorkNotifications work) {
        this.db = db;
        this.work = work;
        this.claimSql = """
                UPDATE runs SET status = 'running', lease_owner = :worker, lease_epoch = lease_epoch + 1,
                                lease_expires_at = :expires, started_at = COALESCE(started_at, :now),
                                attempts = attempts + 1
                WHERE id = (
                  SELECT r.id FROM runs r
                  WHERE r.tenant_id = :tenant AND %s
                    AND (SELECT COUNT(*) FROM runs b
                         WHERE b.tenant_id = :tenant AND b.status = 'running' AND b.lease_expires_at > :now) < :limit
                  ORDER BY r.created_at, r.id
                  LIMIT 1%s)
                RETURNING %s""".formatted(CLAIMABLE, db.dialect().claimLock(), RunRows.COLUMNS);
    }

    @Override
    public Optional<Claim> claim(String worker, Instant now, Duration lease) {
        return claim(worker, now, lease, 1).stream().findFirst();
    }

    @Override
    public List<Claim> claim(String worker, Instant now, Duration lease, int max) {
        if (lease.isNegative() || lease.isZero()) {
            throw new IllegalArgumentException("a lease must be positive, but was " + lease);
        }
        if (max < 1) {
            throw new IllegalArgumentException("max must be positive, but was " + max);
        }
        long at = Values.nanos(now);
        long expires = Values.nanos(now.plus(lease));
        for (int attempt = 0; attempt < CLAIM_ATTEMPTS; attempt++) {
            var claims = db.writeFirst("claim runs", h -> claimOfOneTenant(h, worker, at, expires, max));
            if (claims.isPresent()) {
                return claims.get();
            }
        }
        return List.of();
    }

    /** The claims of one transaction: empty when the probe's tenant turned out full or taken (look again). */
    private Optional<List<Claim>> claimOfOneTenant(Handle h, String worker, long now, long expires, int max) {
        var tenant = h.createQuery(PROBE).bind("now", now).mapTo(String.class).findOne();
        if (tenant.isEmpty()) {
            return Optional.of(List.of());
        }
        int limit = h.createQuery("SELECT max_concurrent_runs FROM tenants WHERE id = :id"
                + db.dialect().lockForUpdate()).bind("id", tenant.get()).mapTo(Integer.class).one();
        var claims = new ArrayList<Claim>();
        while (claims.size() < max) {
            var claim = h.createQuery(claimSql)
                    .bind("worker", worker).bind("expires", expires).bind("now", now).bind("tenant", tenant.get())
                    .bind("limit", limit)
                    .map((rows, ctx) -> {
                        var record = RunRows.MAPPER.map(rows, ctx);
                        return new Claim(record, new Fence(record.id(), record.leaseEpoch()),
                                rows.getLong("event_seq") + 1);
                    }).findOne();
            if (claim.isEmpty()) {
                break;
            }
            claims.add(claim.get());
        }
        return claims.isEmpty() ? Optional.empty() : Optional.of(claims);
    }

    @Override
    public Optional<Claim> claimPaused(String tenantId, String runId, String worker, Instant now, Duration lease) {
        if (lease.isNegative() || lease.isZero()) {
            throw new IllegalArgumentException("a lease must be positive, but was " + lease);
        }
        return db.write("claim paused run " + runId, h -> h.createQuery("""
                UPDATE runs SET status = 'running', lease_owner = :worker, lease_epoch = lease_epoch + 1,
                                lease_expires_at = :expires, stop_reason = NULL, finished_at = NULL
                WHERE id = :id AND tenant_id = :tenant AND status = 'awaiting_approval'
                RETURNING %s""".formatted(RunRows.COLUMNS))
                .bind("worker", worker).bind("expires", Values.nanos(now.plus(lease))).bind("id", runId)
                .bind("tenant", tenantId)
                .map((rows, ctx) -> {
                    var record = RunRows.MAPPER.map(rows, ctx);
                    return new Claim(record, new Fence(record.id(), record.leaseEpoch()),
                            rows.getLong("event_seq") + 1);
                }).findOne());
    }

    @Override
    public Renewal renew(String worker, Collection<Fence> held, Instant now, Duration lease) {
        if (held.isEmpty()) {
            return new Renewal(java.util.Set.of(), java.util.Set.of());
        }
        var fences = List.copyOf(new HashSet<>(held));
        long expires = Values.nanos(now.plus(lease));
        record Renewed(String id, long epoch, boolean cancel) {}
        var renewed = db.writeFirst("renew leases", h -> {
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
                                    cost_usd_e8 = :cost, cost_unpriced = :unpriced, finished_at = :finishedAt,
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
                    .bind("finishedAt", status.isFinished() ? Long.valueOf(at) : (Long) null)
                    .bind("id", fence.runId()).bind("epoch", fence.epoch())
                    .map((rows, ctx) -> new Ended(rows.getString(1), rows.getString(2), rows.getString(3))).findOne();
            if (ended.isEmpty()) {
                throw DbJournal.refusal(h, fence);
            }
            var run = ended.get();
            if (status.isFinished() && run.conversationId() != null && !end.output().isBlank()) {
                DbConversations.append(h, run.tenantId(), run.conversationId(), fence.runId(),
                        List.of(Message.user(run.input()), Message.assistant(List.of(
                                new dev.mainstay.model.TextBlock(end.output())))), at);
            }
            return null;
        });
        db.afterCommit(work::signal);
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
            db.afterCommit(work::signal);
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
