package dev.mainstay.cost;

import dev.mainstay.time.IdGenerator;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@link Budgets} in this process's memory, for the CLI and tests: one lock around every operation, so a reservation
 * is atomic the same way the store's one transaction is. Lost when the process ends; holds only within it.
 */
public final class InMemoryBudgets implements Budgets {
    private record LimitKey(String tenantId, String userId, BudgetPeriod period) {}

    private record Counter(long spent, long reserved) {}

    private record Live(Reservation.Reserved reservation, long units, boolean expired) {}

    private final IdGenerator ids;
    private final Map<LimitKey, Long> limits = new HashMap<>();
    private final Map<BudgetKey, Counter> counters = new HashMap<>();
    private final Map<String, Live> reservations = new HashMap<>();

    public InMemoryBudgets(IdGenerator ids) {
        this.ids = Objects.requireNonNull(ids, "ids");
    }

    public InMemoryBudgets() {
        this(IdGenerator.random());
    }

    @Override
    public synchronized Reservation reserve(ReservationRequest request) {
        long amount = UsdUnits.units(request.amountUsd());
        var applying = applying(request.tenantId(), request.userId(), request.now());
        for (var limit : applying) {
            var key = limit.keyAt(request.now());
            var counter = counters.getOrDefault(key, new Counter(0, 0));
            if (counter.spent() + counter.reserved() + amount > UsdUnits.units(limit.limitUsd())) {
                return new Reservation.Refused(status(limit, key, counter), request.amountUsd());
            }
        }
        if (applying.isEmpty()) {
            return Reservation.Reserved.unlimited(request);
        }
        var holds = new ArrayList<BudgetKey>();
        for (var limit : applying) {
            var key = limit.keyAt(request.now());
            counters.merge(key, new Counter(0, amount), (a, b) -> new Counter(a.spent(), a.reserved() + amount));
            holds.add(key);
        }
        var reserved = new Reservation.Reserved(ids.next("bres"), request.tenantId(), request.userId(),
                request.runId(), request.amountUsd(), holds, request.expiresAt());
        reservations.put(reserved.id(), new Live(reserved, amount, false));
        return reserved;
    }

    @Override
    public synchronized void settle(Reservation.Reserved reservation, BigDecimal actualUsd, Instant now) {
        long actual = UsdUnits.units(actualUsd);
        var live = reservations.remove(reservation.id());
        if (live == null) {
            return;
        }
        long release = live.expired() ? 0 : live.units();
        long spent = live.expired() ? actual - live.units() : actual;
        for (var key : live.reservation().holds()) {
            counters.merge(key, new Counter(spent, 0),
                    (a, b) -> new Counter(a.spent() + spent, a.reserved() - release));
        }
    }

    /** How long an expired reservation is kept for a late settle. */
    private static final java.time.Duration KEEP_EXPIRED = java.time.Duration.ofDays(2);

    @Override
    public synchronized int expire(Instant now) {
        reservations.values().removeIf(l -> l.expired()
                && l.reservation().expiresAt().isBefore(now.minus(KEEP_EXPIRED)));
        int expired = 0;
        for (var entry : reservations.entrySet()) {
            var live = entry.getValue();
            if (!live.expired() && live.reservation().expiresAt().isBefore(now)) {
                for (var key : live.reservation().holds()) {
                    counters.computeIfPresent(key, (k, c) -> new Counter(c.spent() + live.units(),
                            c.reserved() - live.units()));
                }
                entry.setValue(new Live(live.reservation(), live.units(), true));
                expired++;
            }
        }
        return expired;
    }

    @Override
    public synchronized void setLimit(String tenantId, String userId, BudgetPeriod period,
            Optional<BigDecimal> limitUsd, Instant now) {
        var key = new LimitKey(tenantId, userId, period);
        if (limitUsd.isEmpty()) {
            limits.remove(key);
        } else {
            limits.put(key, UsdUnits.units(limitUsd.get()));
        }
    }

    @Override
    public synchronized List<BudgetStatus> statuses(String tenantId, Instant now) {
        var sorted = new TreeMap<String, List<BudgetStatus>>();
        for (var entry : limits.entrySet()) {
            var k = entry.getKey();
            if (!k.tenantId().equals(tenantId)) {
                continue;
            }
            var limit = new BudgetLimit(k.tenantId(), k.userId(), k.period(), UsdUnits.usd(entry.getValue()));
            var key = limit.keyAt(now);
            sorted.computeIfAbsent(k.userId(), u -> new ArrayList<>())
                    .add(status(limit, key, counters.getOrDefault(key, new Counter(0, 0))));
        }
        var all = new ArrayList<BudgetStatus>();
        sorted.values().forEach(list -> {
            list.sort(Comparator.comparing(s -> s.limit().period()));
            all.addAll(list);
        });
        return all;
    }

    @Override
    public synchronized int liveReservations(String tenantId) {
        return (int) reservations.values().stream()
                .filter(l -> !l.expired() && l.reservation().tenantId().equals(tenantId)).count();
    }

    /** The limits that apply to a call of the user, in the order the store takes them: tenant, then user. */
    private List<BudgetLimit> applying(String tenantId, String userId, Instant now) {
        var applying = new ArrayList<BudgetLimit>();
        for (var user : List.of(BudgetKey.TENANT, userId)) {
            for (var period : BudgetPeriod.values()) {
                var units = limits.get(new LimitKey(tenantId, user, period));
                if (units != null) {
                    applying.add(new BudgetLimit(tenantId, user, period, UsdUnits.usd(units)));
                }
            }
            if (userId.equals(BudgetKey.TENANT)) {
                break;
            }
        }
        return applying;
    }

    private static BudgetStatus status(BudgetLimit limit, BudgetKey key, Counter counter) {
        return new BudgetStatus(limit, key, UsdUnits.usd(counter.spent()), UsdUnits.usd(Math.max(0,
                counter.reserved())));
    }
}
