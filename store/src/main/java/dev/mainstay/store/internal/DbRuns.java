package dev.mainstay.store.internal;

import dev.mainstay.cost.Cost;
import dev.mainstay.model.Usage;
import dev.mainstay.store.Admission;
import dev.mainstay.store.IdempotencyKey;
import dev.mainstay.store.NewRun;
import dev.mainstay.store.OnBusy;
import dev.mainstay.store.Page;
import dev.mainstay.store.RunFilter;
import dev.mainstay.store.RunRecord;
import dev.mainstay.store.RunStatus;
import dev.mainstay.store.Runs;
import dev.mainstay.store.Tenants;
import dev.mainstay.store.StoreException;
import dev.mainstay.store.StoredResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Optional;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;

/**
 * Runs: accepting one is a single transaction — the idempotency key's row, the conversation's row (which numbers
 * the run within it and, locked, keeps two accepts from both finding it idle), the run's row and the kept response.
 * A refusal after the key was inserted rolls everything back by throwing {@link Refused} out of the transaction.
 *
 * <p>A duplicate key: on SQLite the first transaction has committed before the second begins (one writer); on
 * PostgreSQL the second's insert waits on the first's uncommitted row, then finds it committed and replays it —
 * or, after {@link #KEY_WAIT}, gives up with {@link Admission.KeyInFlight}.
 */
final class DbRuns implements Runs {
    /** How long a duplicate request waits for the first one's transaction (PostgreSQL). */
    static final Duration KEY_WAIT = Duration.ofSeconds(5);

    private final Database db;
    private final WorkNotifications work;

    DbRuns(Database db, WorkNotifications work) {
        this.db = db;
        this.work = work;
    }

    /** Ends a transaction without storing anything, with this admission as its result. */
    private static final class Refused extends RuntimeException {
        final transient Admission admission;

        Refused(Admission admission) {
            super(null, null, false, false);
            this.admission = admission;
        }
    }

    @Override
    public Admission accept(NewRun run, Optional<IdempotencyKey> key, OnBusy onBusy,
            Function<RunRecord, StoredResponse> respond, Duration holdKey) {
        if (holdKey.isNegative()) {
            throw new IllegalArgumentException("holdKey must not be negative, but was " + holdKey);
        }
        Admission admission;
        try {
            admission = db.write("accept run " + run.id(), h -> {
                if (key.isPresent()) {
                    var earlier = DbIdempotency.claimKey(h, db.dialect(), run.tenantId(), key.get(), run.createdAt(),
                            KEY_WAIT);
                    if (earlier.isPresent()) {
                        return earlier.get().admission();
                    }
                }
                int bound = queueBound(h, run.tenantId());
                if (queued(h, run.tenantId(), bound) >= bound) {
                    throw new Refused(new Admission.QueueFull(bound));
                }
                Long conversationSeq = null;
                if (run.conversationId().isPresent()) {
                    conversationSeq = takeConversationTurn(h, run, onBusy);
                }
                insert(h, run, conversationSeq);
                var record = queued(run);
                var response = respond.apply(record);
                if (key.isPresent() && holdKey.isZero()) {
                    DbIdempotency.complete(h, run.tenantId(), key.get(), response);
                } else if (key.isPresent()) {
                    DbIdempotency.hold(h, run.tenantId(), key.get(), response, run.createdAt().plus(holdKey));
                }
                return new Admission.Accepted(record, response);
            });
        } catch (Refused refused) {
            return refused.admission;
        } catch (StoreException e) {
            var sql = Database.sqlCause(e);
            if (key.isPresent() && sql.filter(db.dialect()::isLockTimeout).isPresent()) {
                return new Admission.KeyInFlight();
            }
            if (sql.filter(db.dialect()::isForeignKeyViolation).isPresent()) {
                throw new IllegalArgumentException("there is no tenant " + run.tenantId());
            }
            throw e;
        }
        if (admission instanceof Admission.Accepted) {
            work.signal();
        }
        return admission;
    }

    /** The tenant's bound on queued runs (the default for a tenant that does not exist: the insert then fails). */
    private static int queueBound(Handle h, String tenantId) {
        return h.createQuery("SELECT max_queued_runs FROM tenants WHERE id = :id").bind("id", tenantId)
                .mapTo(Integer.class).findOne().orElse(Tenants.TenantLimits.DEFAULT_MAX_QUEUED_RUNS);
    }

    /** The tenant's queued runs, counted up to {@code bound} (the count stops there: it is all the check needs). */
    private static int queued(Handle h, String tenantId, int bound) {
        return h.createQuery("""
                SELECT COUNT(*) FROM (SELECT 1 FROM runs WHERE tenant_id = :tenant AND status = 'queued' LIMIT :bound)
                  AS q""").bind("tenant", tenantId).bind("bound", bound).mapTo(Integer.class).one();
    }

    /** Numbers the run within its conversation, or refuses it (nothing stored). */
    private static long takeConversationTurn(Handle h, NewRun run, OnBusy onBusy) {
        var conversationId = run.conversationId().orElseThrow();
        var seq = h.createQuery("""
                UPDATE conversations SET run_count = run_count + 1
                WHERE id = :id AND tenant_id = :tenant AND user_id = :user RETURNING run_count""")
                .bind("id", conversationId).bind("tenant", run.tenantId()).bind("user", run.userId())
                .mapTo(Long.class).findOne();
        if (seq.isEmpty()) {
            throw new Refused(new Admission.NoSuchConversation(conversationId));
        }
        if (onBusy == OnBusy.REJECT) {
            boolean busy = h.createQuery("""
                    SELECT COUNT(*) FROM runs WHERE conversation_id = :id AND status IN ('queued', 'running')""")
                    .bind("id", conversationId).mapTo(Long.class).one() > 0;
            if (busy) {
                throw new Refused(new Admission.ConversationBusy(conversationId));
            }
        }
        return seq.get();
    }

    private static void insert(Handle h, NewRun run, Long conversationSeq) {
        h.createUpdate("""
                INSERT INTO runs (id, tenant_id, user_id, conversation_id, conversation_seq, input, limits,
                                  traceparent, status, created_at, cache_responses)
                VALUES (:id, :tenant, :user, :conversation, :conversationSeq, :input, :limits, :traceparent,
                        'queued', :created, :cacheResponses)""")
                .bind("id", run.id()).bind("tenant", run.tenantId()).bind("user", run.userId())
                .bind("conversation", run.conversationId().orElse(null)).bind("conversationSeq", conversationSeq)
                .bind("input", run.input()).bind("limits", Values.limits(run.limits()))
                .bind("traceparent", run.traceparent().orElse(null)).bind("created", Values.nanos(run.createdAt()))
                .bind("cacheResponses", run.cacheResponses()).execute();
    }

    private static RunRecord queued(NewRun run) {
        return new RunRecord(run.id(), run.tenantId(), run.userId(), run.conversationId(), run.input(), run.limits(),
                RunStatus.QUEUED, Optional.empty(), Optional.empty(), Optional.empty(), Usage.ZERO, Cost.ZERO,
                run.createdAt(), Optional.empty(), Optional.empty(), 0, Optional.empty(), Optional.empty(), false, 0,
                run.traceparent(), run.cacheResponses());
    }

    @Override
    public Optional<RunRecord> find(String tenantId, String runId) {
        return db.read("find run " + runId, h -> select(h, tenantId, runId));
    }

    static Optional<RunRecord> select(Handle h, String tenantId, String runId) {
        return h.createQuery("SELECT " + RunRows.COLUMNS + " FROM runs WHERE id = :id AND tenant_id = :tenant")
                .bind("id", runId).bind("tenant", tenantId).map(RunRows.MAPPER).findOne();
    }

    @Override
    public Page<RunRecord> list(String tenantId, RunFilter filter) {
        var position = filter.cursor().map(Cursors::decode);
        var sql = new StringBuilder("SELECT ").append(RunRows.COLUMNS).append(" FROM runs WHERE tenant_id = :tenant");
        filter.userId().ifPresent(u -> sql.append(" AND user_id = :user"));
        filter.status().ifPresent(s -> sql.append(" AND status = :status"));
        filter.conversationId().ifPresent(c -> sql.append(" AND conversation_id = :conversation"));
        position.ifPresent(p -> sql.append(" AND (created_at < :before OR (created_at = :before AND id < :beforeId))"));
        sql.append(" ORDER BY created_at DESC, id DESC LIMIT :limit");
        var rows = db.read("list runs", h -> {
            var query = h.createQuery(sql.toString()).bind("tenant", tenantId).bind("limit", filter.limit() + 1);
            filter.userId().ifPresent(u -> query.bind("user", u));
            filter.status().ifPresent(s -> query.bind("status", s.wire()));
            filter.conversationId().ifPresent(c -> query.bind("conversation", c));
            position.ifPresent(p -> query.bind("before", p.createdAt()).bind("beforeId", p.id()));
            return query.map(RunRows.MAPPER).list();
        });
        if (rows.size() <= filter.limit()) {
            return new Page<>(rows, Optional.empty());
        }
        var page = new ArrayList<>(rows.subList(0, filter.limit()));
        var last = page.getLast();
        return new Page<>(page, Optional.of(Cursors.encode(Values.nanos(last.createdAt()), last.id())));
    }

    @Override
    public Optional<RunRecord> requestCancel(String tenantId, String runId, Instant now) {
        var cancelledQueued = new boolean[1];
        var run = db.write("cancel run " + runId, h -> {
            int cancelled = h.createUpdate("""
                    UPDATE runs SET status = 'cancelled', stop_reason = 'cancelled', cancel_requested = TRUE,
                                    finished_at = :now
                    WHERE id = :id AND tenant_id = :tenant AND status IN ('queued', 'awaiting_approval')""")
                    .bind("now", Values.nanos(now)).bind("id", runId).bind("tenant", tenantId).execute();
            if (cancelled == 0) {
                h.createUpdate("""
                        UPDATE runs SET cancel_requested = TRUE
                        WHERE id = :id AND tenant_id = :tenant AND status = 'running'""")
                        .bind("id", runId).bind("tenant", tenantId).execute();
            }
            cancelledQueued[0] = cancelled > 0;
            return select(h, tenantId, runId);
        });
        if (cancelledQueued[0]) {
            // the conversation's next run may go now
            work.signal();
        }
        return run;
    }
}
