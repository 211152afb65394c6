package dev.mainstay.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mainstay.cost.BudgetKey;
import dev.mainstay.cost.BudgetPeriod;
import dev.mainstay.cost.Reservation;
import dev.mainstay.cost.ReservationRequest;
import dev.mainstay.store.StoreConfig;
import dev.mainstay.store.Stores;
import dev.mainstay.testing.FakeClock;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HousekeepingBudgetSweepTest {
    @TempDir
    Path dir;

    @Test
    void theSweepEndsTheReservationsOfADeadNodeOnceTheyLapseChargingTheirWorstCase() {
        var clock = new FakeClock(Instant.parse("2026-12-07T10:00:00Z"));
        try (var store = Stores.open(StoreConfig.of("jdbc:sqlite:" + dir.resolve("m.db")), clock)) {
            var acme = store.tenants().create("acme", clock.instant()).id();
            store.budgets().setLimit(acme, BudgetKey.TENANT, BudgetPeriod.DAILY, Optional.of(new BigDecimal("5")),
                    clock.instant());
            // a node reserved and died before settling
            var held = store.budgets().reserve(new ReservationRequest("run_1", acme, "alice", new BigDecimal("4"),
                    clock.instant(), clock.instant().plus(Duration.ofMinutes(3))));
            assertThat(held).isInstanceOf(Reservation.Reserved.class);
            var housekeeping = new Housekeeping(store, Duration.ofDays(1), Duration.ofDays(1), clock);

            assertThat(housekeeping.sweepBudgets()).isZero();
            clock.advance(Duration.ofMinutes(4));
            assertThat(housekeeping.sweepBudgets()).isEqualTo(1);

            assertThat(store.budgets().liveReservations(acme)).isZero();
            var daily = store.budgets().statuses(acme, clock.instant()).getFirst();
            assertThat(daily.reservedUsd()).isZero();
            assertThat(daily.spentUsd()).isEqualByComparingTo("4");
        }
    }
}
