package dev.mainstay.store.internal;

import dev.mainstay.cost.BudgetKey;
import dev.mainstay.cost.BudgetLimit;
import dev.mainstay.cost.BudgetPeriod;
import dev.mainstay.cost.BudgetStatus;
import dev.mainstay.cost.Budgets;
import dev.mainstay.cost.Reservation;
import dev.mainstay.cost.ReservationRequest;
import dev.mainstay.cost.UsdUnits;
import dev.mainstay.time.IdGenerator;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Budgets in {@code budget_limits}, {@code budget_counters}, {@code budget_reservations} and {@code budget_holds}.
 *
 * <p>A reservation is one write transaction: the limits of the tenant and the user are read, and for each — tenant
 * daily, tenant monthly, user daily, user monthly, always in this order, so two reservations never wait on each
 * other's counters in opposite orders — the counter row is created if missing, locked and read ({@code FOR NO KEY
 * UPDATE} on PostgreSQL, so a refusal reports exactly what it was refused on), and taken by one conditional
 * {@code UPDATE ... SET reserved = reserved + :amount WHERE ... AND spent + reserved + :amount <= :limit}. The row
 * lock serialises concurrent reservations of one counter on PostgreSQL (and under READ COMMITTED the condition is
 * evaluated on the newest row), and SQLite has one writer: either way no interleaving lets two reservations pass on
 * the same headroom. When one counter refuses, the transaction
 * rolls back, releasing what the earlier counters took. Settling deletes the reservation and moves its amount from
 * {@code reserved} to the actual {@code spent}; the sweep ({@link #expire}) marks lapsed reservations expired and
 * charges them at their worst case (moves the amount from {@code reserved} to {@code spent}), so a late settle
 * corrects the charge to the actual cost, once.
 */
final class DbBudgets implements Budgets {
    /** How long expired reservations are kept (for a late settle) before the sweep deletes them. */
    static final Duration KEEP_EXPIRED = Duration.ofDays(2);
    private static final int SWEEP_BATCH = 500;

    private final Database db;
    private final IdGenerator ids;
    private final String lock;

    DbBudgets(Database db, IdGenerator ids) {
        this.db = db;
        this.ids = ids;
        this.lock = db.dialect().lockForUpdate();
    }

    /** Thrown inside the reserving transaction to roll it back; never leaves this class. */
    private static final class DoesNotFit extends RuntimeException {
        final BudgetStatus budget;

        DoesNotFit(BudgetStatus budget) {
            super(null, null, false, false);
            this.budget = budget;
        }
    }

    @Override
    public Reservation reserve(ReservationRequest request) {
        long amount = UsdUnits.units(request.amountUsd());
        var now = request.now();
        // most tenants have no budget: a read answers them without taking a write transaction (SQLite's one writer)
        if (db.read("read the budgets of a call", h -> limits(h, request.tenantId(), request.userId())).isEmpty()) {
            return Reservation.Reserved.unlimited(request);
        }
        try {
            return db.write("reserve a call's worst case", h -> {
                var limits = limits(h, request.tenantId(), request.userId());
                if (limits.isEmpty()) {
                    return Reservation.Reserved.unlimited(request);
                }
                var holds = new ArrayList<BudgetKey>();
                for (var limit : limits) {
                    var key = limit.keyAt(now);
                    h.createUpdate("""
                            INSERT INTO budget_counters (tenant_id, user_id, period, period_key)
                            VALUES (:tenant, :user, :period, :key) ON CONFLICT DO NOTHING""")
                            .bindMap(bindings(key)).execute();
                    // the counter row locked, so the refusal reports exactly what the decision saw
                    var current = status(h, limit, key, lock);
                    if (UsdUnits.units(current.spentUsd()) + UsdUnits.units(current.reservedUsd()) + amount
                            > UsdUnits.units(limit.limitUsd())) {
                        throw new DoesNotFit(current);
                    }
                    int taken = h.createUpdate("""
                            UPDATE budget_counters SET reserved_usd_e8 = reserved_usd_e8 + :amount
                            WHERE tenant_id = :tenant AND user_id = :user AND period = :period AND period_key = :key
                              AND spent_usd_e8 + reserved_usd_e8 + :amount <= :limit""")
                            .bindMap(bindings(key)).bind("amount", amount)
                            .bind("limit", UsdUnits.units(limit.limitUsd())).execute();
                    if (taken == 0) {
                        throw new DoesNotFit(status(h, limit, key, ""));
                    }
                    holds.add(key);
                }
                var id = ids.next("bres");
                h.createUpdate("""
                        INSERT INTO budget_reservations (id, tenant_id, user_id, run_id, amount_usd_e8, created_at,
                          expires_at)
                        VALUES (:id, :tenant, :user, :run, :amount, :now, :expires)""")
                        .bind("id", id).bind("tenant", request.tenantId()).bind("user", request.userId())
                        .bind("run", request.runId()).bind("amount", amount).bind("now", Values.nanos(now))
                        .bind("expires", Values.nanos(request.expiresAt())).execute();
                for (var key : holds) {
                    h.createUpdate("""
                            INSERT INTO budget_holds (reservation_id, user_id, period, period_key)
                            VALUES (:id, :user, :period, :key)""")
                            .bind("id", id).bind("user", key.userId()).bind("period", key.period().wire())
                            .bind("key", key.periodKey()).execute();
                }
                return new Reservation.Reserved(id, request.tenantId(), request.userId(), request.runId(),
                        request.amountUsd(), holds, request.expiresAt());
            });
        } catch (DoesNotFit refused) {
            return new Reservation.Refused(refused.budget, request.amountUsd());
        }
    }

    @Override
    public void settle(Reservation.Reserved reservation, BigDecimal actualUsd, Instant now) {
        if (reservation.holdsNothing()) {
            return;
        }
        long actual = UsdUnits.units(actualUsd);
        db.write("settle a call's cost", h -> {
            record Deleted(long amount, boolean expired) {}
            var deleted = h.createQuery("DELETE FROM budget_reservations WHERE id = :id RETURNING amount_usd_e8, expired")
                    .bind("id", reservation.id())
                    .map((rows, ctx) -> new Deleted(rows.getLong(1), rows.getBoolean(2))).findOne();
            if (deleted.isEmpty()) {
                return null; // settled before: its spend is recorded
            }
            // a live reservation leaves reserved; an expired one was charged at its worst case: correct that
            long release = deleted.get().expired() ? 0 : deleted.get().amount();
            long spent = deleted.get().expired() ? actual - deleted.get().amount() : actual;
            for (var key : reservation.holds()) {
                h.createUpdate("""
                        UPDATE budget_counters SET reserved_usd_e8 = reserved_usd_e8 - :release,
                          spent_usd_e8 = spent_usd_e8 + :spent
                        WHERE tenant_id = :tenant AND user_id = :user AND period = :period AND period_key = :key""")
                        .bindMap(bindings(key)).bind("release", release).bind("spent", spent).execute();
            }
            return null;
        });
    }

    @Override
    public int expire(Instant now) {
        long at = Values.nanos(now);
        var lapsed = db.read("find lapsed budget reservations", h -> h.createQuery("""
                SELECT id FROM budget_reservations WHERE expired = FALSE AND expires_at < :now
                ORDER BY expires_at LIMIT :batch""").bind("now", at).bind("batch", SWEEP_BATCH)
                .mapTo(String.class).list());
        int released = 0;
        for (var id : lapsed) {
            released += db.write("release a lapsed budget reservation", h -> {
                var amount = h.createQuery("""
                        UPDATE budget_reservations SET expired = TRUE WHERE id = :id AND expired = FALSE
                        RETURNING tenant_id, amount_usd_e8""").bind("id", id)
                        .map((rows, ctx) -> new Object[] {rows.getString(1), rows.getLong(2)}).findOne();
                if (amount.isEmpty()) {
                    return 0; // settled or released meanwhile
                }
                // charged at its worst case: the node may have been billed before it died
                h.createUpdate("""
                        UPDATE budget_counters SET reserved_usd_e8 = reserved_usd_e8 - :amount,
                          spent_usd_e8 = spent_usd_e8 + :amount
                        WHERE tenant_id = :tenant AND (user_id, period, period_key) IN
                          (SELECT user_id, period, period_key FROM budget_holds WHERE reservation_id = :id)""")
                        .bind("tenant", (String) amount.get()[0]).bind("amount", (long) amount.get()[1])
                        .bind("id", id).execute();
                return 1;
            });
        }
        db.write("delete old expired budget reservations", h -> h.createUpdate(
                "DELETE FROM budget_reservations WHERE expired = TRUE AND expires_at < :before")
                .bind("before", Values.nanos(now.minus(KEEP_EXPIRED))).execute());
        return released;
    }

    @Override
    public void setLimit(String tenantId, String userId, BudgetPeriod period, Optional<BigDecimal> limitUsd,
            Instant now) {
        db.write("set a budget", h -> {
            if (limitUsd.isEmpty()) {
                return h.createUpdate("DELETE FROM budget_limits WHERE tenant_id = :tenant AND user_id = :user AND "
                        + "period = :period").bind("tenant", tenantId).bind("user", userId)
                        .bind("period", period.wire()).execute();
            }
            return h.createUpdate("""
                    INSERT INTO budget_limits (tenant_id, user_id, period, limit_usd_e8, updated_at)
                    VALUES (:tenant, :user, :period, :limit, :now)
                    ON CONFLICT (tenant_id, user_id, period) DO UPDATE SET limit_usd_e8 = excluded.limit_usd_e8,
                      updated_at = excluded.updated_at""")
                    .bind("tenant", tenantId).bind("user", userId).bind("period", period.wire())
                    .bind("limit", UsdUnits.units(limitUsd.get())).bind("now", Values.nanos(now)).execute();
        });
    }

    @Override
    public List<BudgetStatus> statuses(String tenantId, Instant now) {
        var day = BudgetPeriod.DAILY.key(now);
        var month = BudgetPeriod.MONTHLY.key(now);
        return db.read("read the budgets", h -> h.createQuery("""
                SELECT l.user_id, l.period, l.limit_usd_e8, COALESCE(c.spent_usd_e8, 0), COALESCE(c.reserved_usd_e8, 0)
                FROM budget_limits l LEFT JOIN budget_counters c ON c.tenant_id = l.tenant_id
                  AND c.user_id = l.user_id AND c.period = l.period
                  AND c.period_key = CASE l.period WHEN 'daily' THEN :day ELSE :month END
                WHERE l.tenant_id = :tenant ORDER BY l.user_id, l.period""")
                .bind("tenant", tenantId).bind("day", day).bind("month", month)
                .map((rows, ctx) -> {
                    var period = BudgetPeriod.fromWire(rows.getString(2));
                    var limit = new BudgetLimit(tenantId, rows.getString(1), period, UsdUnits.usd(rows.getLong(3)));
                    return new BudgetStatus(limit, limit.keyAt(now), UsdUnits.usd(rows.getLong(4)),
                            UsdUnits.usd(Math.max(0, rows.getLong(5))));
                }).list());
    }

    @Override
    public int liveReservations(String tenantId) {
        return db.read("count live budget reservations", h -> h.createQuery(
                "SELECT COUNT(*) FROM budget_reservations WHERE tenant_id = :tenant AND expired = FALSE")
                .bind("tenant", tenantId).mapTo(Integer.class).one());
    }

    /** The tenant's limits, then the user's; daily before monthly in each. */
    private static List<BudgetLimit> limits(Handle h, String tenantId, String userId) {
        return h.createQuery("""
                SELECT user_id, period, limit_usd_e8 FROM budget_limits
                WHERE tenant_id = :tenant AND user_id IN ('', :user) ORDER BY user_id, period""")
                .bind("tenant", tenantId).bind("user", userId)
                .map((rows, ctx) -> new BudgetLimit(tenantId, rows.getString(1),
                        BudgetPeriod.fromWire(rows.getString(2)), UsdUnits.usd(rows.getLong(3)))).list();
    }

    private static BudgetStatus status(Handle h, BudgetLimit limit, BudgetKey key, String lock) {
        return h.createQuery("""
                SELECT spent_usd_e8, reserved_usd_e8 FROM budget_counters
                WHERE tenant_id = :tenant AND user_id = :user AND period = :period AND period_key = :key""" + lock)
                .bindMap(bindings(key))
                .map((rows, ctx) -> new BudgetStatus(limit, key, UsdUnits.usd(rows.getLong(1)),
                        UsdUnits.usd(Math.max(0, rows.getLong(2))))).one();
    }

    private static java.util.Map<String, Object> bindings(BudgetKey key) {
        return java.util.Map.of("tenant", key.tenantId(), "user", key.userId(), "period", key.period().wire(),
                "key", key.periodKey());
    }
}
