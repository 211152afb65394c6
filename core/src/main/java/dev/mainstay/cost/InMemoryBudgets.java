package dev.mainstay.cost;

import dev.mainstay.time.IdGenerator;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
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
 *
 * <p>Shaped for the BUDGET link, which reserves and settles on every model call: a limit keeps its amount in units
 * and the counter key of the period last asked for, the period keys of the current day are computed once a day, and
 * counters are updated in place (under the lock), so a reservation allocates little beyond its own id and record.
 */
public final class InMemoryBudgets implements Budgets {
    private record LimitKey(String tenantId, String userId, BudgetPeriod period) {}

    /** A limit, with the counter key of the period it was last asked about (reused while the period lasts). */
    private static final class Limit {
        final BudgetLimit limit;
        final long units;
        BudgetKey key;

        Limit(BudgetLimit limit) {
            this.limit = limit;
            this.units = UsdUnits.units(limit.limitUsd());
        }
    }

    /** What one budget counter holds; changed only under the lock. */
    private static final class Counter {
        long spent;
        long reserved;
    }

    private record Live(Reservation.Reserved reservation, long units, boolean expired) {}

    /** Seconds in a UTC day, for telling whether the cached period keys still hold. */
    private static final long DAY_SECONDS = 86_400;

    private final IdGenerator ids;
    private final Map<LimitKey, Limit> limits = new HashMap<>();
    private final Map<BudgetKey, Counter> counters = new HashMap<>();
    private final Map<String, Live> reservations = new HashMap<>();
    /** The limits of the reservation being made; only used under the lock. */
    private final Limit[] applying = new Limit[4];
    private long cachedDay = Long.MIN_VALUE;
    private String dailyKey;
    private String monthlyKey;

    public InMemoryBudgets(IdGenerator ids) {
        this.ids = Objects.requireNonNull(ids, "ids");
    }

    public InMemoryBudgets() {
        this(IdGenerator.random());
    }

    @Override
    public synchronized Reservation reserve(ReservationRequest request) {
        long amount = UsdUnits.units(request.amountUsd());
        int count = applying(request.tenantId(), request.userId());
        for (int i = 0; i < count; i++) {
            var limit = applying[i];
            var key = keyAt(limit, request.now());
            var counter = counters.get(key);
            long spent = counter == null ? 0 : counter.spent;
            long reserved = counter == null ? 0 : counter.reserved;
            if (spent + reserved + amount > limit.units) {
                Arrays.fill(applying, null);
                return new Reservation.Refused(status(limit.limit, key, spent, reserved), request.amountUsd());
            }
        }
        if (count == 0) {
            return Reservation.Reserved.unlimited(request);
        }
        var holds = new BudgetKey[count];
        for (int i = 0; i < count; i++) {
            var key = applying[i].key;
            counters.computeIfAbsent(key, k -> new Counter()).reserved += amount;
            holds[i] = key;
        }
        Arrays.fill(applying, null);
        var reserved = new Reservation.Reserved(ids.next("bres"), request.tenantId(), request.userId(),
                request.runId(), request.amountUsd(), List.of(holds), request.expiresAt());
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
            var counter = counters.get(key);
            if (counter == null) {
                counter = new Counter();
                counter.spent = spent;
                counters.put(key, counter);
            } else {
                counter.spent += spent;
                counter.reserved -= release;
            }
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
                    var counter = counters.get(key);
                    if (counter != null) {
                        counter.spent += live.units();
                        counter.reserved -= live.units();
                    }
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
            limits.put(key, new Limit(new BudgetLimit(tenantId, userId, period, limitUsd.get())));
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
            var limit = entry.getValue();
            var key = keyAt(limit, now);
            var counter = counters.get(key);
            sorted.computeIfAbsent(k.userId(), u -> new ArrayList<>()).add(status(limit.limit, key,
                    counter == null ? 0 : counter.spent, counter == null ? 0 : counter.reserved));
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

    /**
     * Puts the limits that apply to a call of the user into {@link #applying}, in the order the store takes them:
     * tenant, then user; daily, then monthly. Returns how many.
     */
    private int applying(String tenantId, String userId) {
        int count = 0;
        for (var period : PERIODS) {
            var limit = limits.get(new LimitKey(tenantId, BudgetKey.TENANT, period));
            if (limit != null) {
                applying[count++] = limit;
            }
        }
        if (!userId.equals(BudgetKey.TENANT)) {
            for (var period : PERIODS) {
                var limit = limits.get(new LimitKey(tenantId, userId, period));
                if (limit != null) {
                    applying[count++] = limit;
                }
            }
        }
        return count;
    }

    private static final BudgetPeriod[] PERIODS = BudgetPeriod.values();

    /** The counter {@code limit} bounds in the period that holds {@code now}, reused while that period lasts. */
    private BudgetKey keyAt(Limit limit, Instant now) {
        long day = Math.floorDiv(now.getEpochSecond(), DAY_SECONDS);
        if (day != cachedDay) {
            dailyKey = BudgetPeriod.DAILY.key(now);
            monthlyKey = BudgetPeriod.MONTHLY.key(now);
            cachedDay = day;
        }
        var period = limit.limit.period();
        var periodKey = switch (period) {
            case DAILY -> dailyKey;
            case MONTHLY -> monthlyKey;
        };
        var key = limit.key;
        if (key == null || !key.periodKey().equals(periodKey)) {
            key = new BudgetKey(limit.limit.tenantId(), limit.limit.userId(), period, periodKey);
            limit.key = key;
        }
        return key;
    }

    private static BudgetStatus status(BudgetLimit limit, BudgetKey key, long spent, long reserved) {
        return new BudgetStatus(limit, key, UsdUnits.usd(spent), UsdUnits.usd(Math.max(0, reserved)));
    }
}
