package dev.mainstay.store.internal;

import dev.mainstay.store.Admission;
import dev.mainstay.store.Idempotency;
import dev.mainstay.store.IdempotencyKey;
import dev.mainstay.store.StoreException;
import dev.mainstay.store.StoredResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;

/**
 * Idempotency keys in {@code idempotency_keys}: a row per (tenant, key), inserted {@code in_flight} by the first
 * request, {@code done} with its response once answered. The insert is {@code ON CONFLICT DO NOTHING}: the first
 * inserter owns the key; a later one reads the row and compares request hashes. {@link DbRuns#accept} inserts,
 * stores the run and completes the key in one transaction, so its keys are never seen in flight; here the action
 * runs between two transactions, and a key left in flight by a dead node is taken over after
 * {@link Idempotency#IN_FLIGHT_TIMEOUT} (compare-and-set on {@code locked_at}, so only one request takes it).
 *
 * <p>A third state, {@code held}, is a run accepted for a request that goes on waiting for it: the row has the
 * provisional response and, in {@code locked_at}, the time until which the request holds the key. Until then the
 * same request is in flight; {@link #settle} makes it {@code done} with the final response; past it, the
 * provisional response is replayed.
 */
final class DbIdempotency implements Idempotency {
    private final Database db;

    DbIdempotency(Database db) {
        this.db = db;
    }

    /** The row another request left for the key. */
    record Earlier(String requestHash, String state, Optional<StoredResponse> response, long lockedAt,
            IdempotencyKey asked, long askedAt) {
        boolean sameRequest() {
            return requestHash.equals(asked.requestHash());
        }

        /** Held by a request still waiting for its run: the same request is in flight until the hold ends. */
        boolean heldNow() {
            return HELD.equals(state) && askedAt < lockedAt;
        }

        Admission admission() {
            if (!sameRequest()) {
                return new Admission.KeyReused();
            }
            if (heldNow()) {
                return new Admission.KeyInFlight();
            }
            return response.<Admission>map(Admission.Replayed::new).orElseGet(Admission.KeyInFlight::new);
        }
    }

    private static final String HELD = "held";

    /** The response a row keeps: the final one ({@code done}) or a provisional one ({@code held}). */
    private static Optional<StoredResponse> response(java.sql.ResultSet rows) throws java.sql.SQLException {
        var state = rows.getString("state");
        return "done".equals(state) || HELD.equals(state)
                ? Optional.of(new StoredResponse(rows.getInt("response_status"), rows.getString("response_content_type"),
                        rows.getString("response_body")))
                : Optional.empty();
    }

    /**
     * Inserts the key in flight; empty when this request now owns it, else the row as another request left it.
     * On PostgreSQL a concurrent first request's uncommitted row is waited for, at most {@code wait}.
     */
    static Optional<Earlier> claimKey(Handle h, Dialect dialect, String tenantId, IdempotencyKey key, Instant now,
            Duration wait) {
        dialect.limitLockWait(h, wait);
        int inserted = h.createUpdate("""
                INSERT INTO idempotency_keys (tenant_id, idem_key, request_hash, state, created_at, locked_at)
                VALUES (:tenant, :key, :hash, 'in_flight', :now, :now)
                ON CONFLICT (tenant_id, idem_key) DO NOTHING""")
                .bind("tenant", tenantId).bind("key", key.key()).bind("hash", key.requestHash())
                .bind("now", Values.nanos(now)).execute();
        dialect.limitLockWait(h, Duration.ZERO);
        if (inserted == 1) {
            return Optional.empty();
        }
        return Optional.of(h.createQuery("""
                SELECT request_hash, state, response_status, response_content_type, response_body, locked_at
                FROM idempotency_keys WHERE tenant_id = :tenant AND idem_key = :key""")
                .bind("tenant", tenantId).bind("key", key.key())
                .map((rows, ctx) -> new Earlier(rows.getString("request_hash"), rows.getString("state"),
                        response(rows), rows.getLong("locked_at"), key, Values.nanos(now))).one());
    }

    /**
     * Keeps {@code provisional} for a key this request owns, held until {@code until}: see {@link #settle}.
     */
    static int hold(Handle h, String tenantId, IdempotencyKey key, StoredResponse provisional, Instant until) {
        return h.createUpdate("""
                UPDATE idempotency_keys SET state = 'held', response_status = :status,
                       response_content_type = :type, response_body = :body, locked_at = :until
                WHERE tenant_id = :tenant AND idem_key = :key""")
                .bind("status", provisional.status()).bind("type", provisional.contentType())
                .bind("body", provisional.body()).bind("until", Values.nanos(until))
                .bind("tenant", tenantId).bind("key", key.key()).execute();
    }

    @Override
    public boolean settle(String tenantId, IdempotencyKey key, StoredResponse response, Instant now) {
        return db.write("settle idempotency key", h -> h.createUpdate("""
                UPDATE idempotency_keys SET state = 'done', response_status = :status,
                       response_content_type = :type, response_body = :body
                WHERE tenant_id = :tenant AND idem_key = :key AND request_hash = :hash AND state = 'held'
                  AND locked_at > :now""")
                .bind("status", response.status()).bind("type", response.contentType()).bind("body", response.body())
                .bind("tenant", tenantId).bind("key", key.key()).bind("hash", key.requestHash())
                .bind("now", Values.nanos(now)).execute()) == 1;
    }

    /** Keeps {@code response} for a key this request owns. */
    static int complete(Handle h, String tenantId, IdempotencyKey key, StoredResponse response) {
        return h.createUpdate("""
                UPDATE idempotency_keys SET state = 'done', response_status = :status,
                       response_content_type = :type, response_body = :body
                WHERE tenant_id = :tenant AND idem_key = :key""")
                .bind("status", response.status()).bind("type", response.contentType()).bind("body", response.body())
                .bind("tenant", tenantId).bind("key", key.key()).execute();
    }

    @Override
    public Outcome execute(String tenantId, IdempotencyKey key, Instant now, Supplier<StoredResponse> action) {
        long mine = Values.nanos(now);
        Optional<Outcome> decided;
        try {
            decided = db.write("take idempotency key", h -> {
                var earlier = claimKey(h, db.dialect(), tenantId, key, now, DbRuns.KEY_WAIT);
                if (earlier.isEmpty()) {
                    return Optional.<Outcome>empty();
                }
                var e = earlier.get();
                if (!e.sameRequest()) {
                    return Optional.of(new Outcome.KeyReused());
                }
                if (e.heldNow()) {
                    return Optional.of(new Outcome.KeyInFlight());
                }
                if (e.response().isPresent()) {
                    return Optional.of(new Outcome.Replayed(e.response().get()));
                }
                if (e.lockedAt() + IN_FLIGHT_TIMEOUT.toNanos() <= mine) {
                    int taken = h.createUpdate("""
                            UPDATE idempotency_keys SET locked_at = :now
                            WHERE tenant_id = :tenant AND idem_key = :key AND state = 'in_flight'
                              AND locked_at = :old""")
                            .bind("now", mine).bind("tenant", tenantId).bind("key", key.key())
                            .bind("old", e.lockedAt()).execute();
                    if (taken == 1) {
                        return Optional.<Outcome>empty();
                    }
                }
                return Optional.of(new Outcome.KeyInFlight());
            });
        } catch (StoreException e) {
            if (Database.sqlCause(e).filter(db.dialect()::isLockTimeout).isPresent()) {
                return new Outcome.KeyInFlight();
            }
            throw e;
        }
        if (decided.isPresent()) {
            return decided.get();
        }
        StoredResponse response;
        try {
            response = action.get();
        } catch (RuntimeException | Error e) {
            db.write("forget idempotency key", h -> h.createUpdate("""
                    DELETE FROM idempotency_keys
                    WHERE tenant_id = :tenant AND idem_key = :key AND state = 'in_flight' AND locked_at = :mine""")
                    .bind("tenant", tenantId).bind("key", key.key()).bind("mine", mine).execute());
            throw e;
        }
        db.write("keep the response of idempotency key", h -> h.createUpdate("""
                UPDATE idempotency_keys SET state = 'done', response_status = :status,
                       response_content_type = :type, response_body = :body
                WHERE tenant_id = :tenant AND idem_key = :key AND state = 'in_flight' AND locked_at = :mine""")
                .bind("status", response.status()).bind("type", response.contentType()).bind("body", response.body())
                .bind("tenant", tenantId).bind("key", key.key()).bind("mine", mine).execute());
        return new Outcome.Executed(response);
    }

    @Override
    public Optional<Outcome> recall(String tenantId, IdempotencyKey key, Instant now) {
        return db.read("recall idempotency key", h -> h.createQuery(
                "SELECT request_hash, state, response_status, response_content_type, response_body, locked_at "
                        + "FROM idempotency_keys WHERE tenant_id = :tenant AND idem_key = :key")
                .bind("tenant", tenantId).bind("key", key.key())
                .map((rows, ctx) -> {
                    var earlier = new Earlier(rows.getString("request_hash"), rows.getString("state"),
                            response(rows), rows.getLong("locked_at"), key, Values.nanos(now));
                    if (!earlier.sameRequest()) {
                        return (Outcome) new Outcome.KeyReused();
                    }
                    if (earlier.heldNow() || earlier.response().isEmpty()) {
                        return new Outcome.KeyInFlight();
                    }
                    return new Outcome.Replayed(earlier.response().get());
                }).findOne());
    }

    @Override
    public int purgeBefore(Instant cutoff) {
        return db.write("purge idempotency keys", h -> h.createUpdate(
                "DELETE FROM idempotency_keys WHERE created_at < :cutoff").bind("cutoff", Values.nanos(cutoff))
                .execute());
    }
}
