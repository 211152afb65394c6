package dev.mainstay.cost;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Spending budgets of tenants and their users, per UTC day and month, enforced by reservation: before a model call
 * its worst case is {@link #reserve reserved} on every budget that applies — the tenant's daily and monthly, the
 * user's daily and monthly — at once or on none; after the call the actual cost is {@link #settle settled} and the
 * rest released. A reservation whose node died lapses at its expiry ({@link #expire}).
 *
 * <p>The contract every implementation keeps: for any number of concurrent callers (on any number of nodes, for
 * the store's), {@code spent + reserved <= limit} holds on every budget after every {@link #reserve}, so as long as
 * no call costs more than its worst case, the settled spend never passes the limit. Money is counted in exact
 * {@link UsdUnits}. Implementations are thread-safe; a failing backing store throws (a {@code RuntimeException}
 * of its own), which callers treat as "cannot reserve" and fail closed on by default.
 */
public interface Budgets {
    /** Holds {@code request}'s amount on every budget of its tenant and user, or on none. */
    Reservation reserve(ReservationRequest request);

    /**
     * Records that the reserved call cost {@code actualUsd} and releases its reservation: on every counter it held,
     * {@code reserved -= amount} and {@code spent += actual}, in the day and month it was reserved in. Settling a
     * reservation that expired meanwhile corrects its worst-case charge to the actual cost; settling one twice
     * records it once.
     */
    void settle(Reservation.Reserved reservation, BigDecimal actualUsd, Instant now);

    /** Releases the reservation of a call that cost nothing (refused further down, failed before billing). */
    default void release(Reservation.Reserved reservation, Instant now) {
        settle(reservation, UsdUnits.usd(0), now);
    }

    /**
     * Ends every reservation that expired before {@code now} (its node died or stalled): its amount moves from
     * {@code reserved} to {@code spent}, charged at the worst case, since the call may have been billed; a late
     * {@link #settle} corrects it. Returns how many.
     */
    int expire(Instant now);

    /**
     * Sets (or, with an empty limit, removes) a limit of the tenant ({@code userId} {@link BudgetKey#TENANT}) or of
     * one of its users.
     */
    void setLimit(String tenantId, String userId, BudgetPeriod period, Optional<BigDecimal> limitUsd, Instant now);

    /** Every budget of the tenant (its own, then its users' by name), in the periods that hold {@code now}. */
    List<BudgetStatus> statuses(String tenantId, Instant now);

    /** How many reservations of the tenant are held now (not settled, released or expired). */
    int liveReservations(String tenantId);

    /**
     * The first budget of the tenant or of {@code userId} whose settled spend has reached its limit, empty when
     * every one has money left: a new run of that user would be stopped at its first call.
     */
    default Optional<BudgetStatus> exhausted(String tenantId, String userId, Instant now) {
        return statuses(tenantId, now).stream()
                .filter(s -> s.key().isTenant() || s.key().userId().equals(userId))
                .filter(BudgetStatus::exhausted)
                .findFirst();
    }
}
