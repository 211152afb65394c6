package dev.mainstay.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mainstay.cost.BudgetKey;
import dev.mainstay.cost.BudgetPeriod;
import dev.mainstay.cost.BudgetStatus;
import dev.mainstay.cost.Reservation;
import dev.mainstay.cost.ReservationRequest;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The budgets contract, on both databases: reservations never hold more than a limit, whatever the concurrency. */
@BothDatabases
class BudgetStoreTest extends StoreTest {

    private String acme() {
        return tenant("acme").id();
    }

    private static void limit(String tenant, String user, BudgetPeriod period, String usd) {
        store.budgets().setLimit(tenant, user, period, Optional.of(new BigDecimal(usd)), clock.instant());
    }

    private static Reservation reserve(String tenant, String user, String usd) {
        return store.budgets().reserve(new ReservationRequest("run_1", tenant, user, new BigDecimal(usd),
                clock.instant(), clock.instant().plus(Duration.ofMinutes(3))));
    }

    private static BudgetStatus status(String tenant, String user, BudgetPeriod period) {
        return store.budgets().statuses(tenant, clock.instant()).stream()
                .filter(s -> s.key().userId().equals(user) && s.key().period() == period).findFirst().orElseThrow();
    }

    @Test
    void aReservationHoldsItsAmountOnEveryBudgetOfTheTenantAndTheUser() {
        var acme = acme();
        limit(acme, BudgetKey.TENANT, BudgetPeriod.DAILY, "5");
        limit(acme, BudgetKey.TENANT, BudgetPeriod.MONTHLY, "100");
        limit(acme, "alice", BudgetPeriod.DAILY, "1");
        limit(acme, "bob", BudgetPeriod.DAILY, "1");

        var reserved = (Reservation.Reserved) reserve(acme, "alice", "0.25");

        assertThat(reserved.holds()).extracting(BudgetKey::describe).containsExactly(
                "the tenant's daily budget (2026-01-01)", "the tenant's monthly budget (2026-01)",
                "user alice's daily budget (2026-01-01)");
        assertThat(status(acme, "", BudgetPeriod.DAILY).reservedUsd()).isEqualByComparingTo("0.25");
        assertThat(status(acme, "", BudgetPeriod.MONTHLY).remainingUsd()).isEqualByComparingTo("99.75");
        assertThat(status(acme, "alice", BudgetPeriod.DAILY).reservedUsd()).isEqualByComparingTo("0.25");
        assertThat(status(acme, "bob", BudgetPeriod.DAILY).reservedUsd()).isZero();
        assertThat(store.budgets().liveReservations(acme)).isEqualTo(1);
    }

    @Test
    void settlingRecordsTheActualCostAndReleasesTheRest() {
        var acme = acme();
        limit(acme, BudgetKey.TENANT, BudgetPeriod.DAILY, "5");
        var reserved = (Reservation.Reserved) reserve(acme, "alice", "0.25");

        store.budgets().settle(reserved, new BigDecimal("0.12345678"), clock.instant());
        store.budgets().settle(reserved, new BigDecimal("0.12345678"), clock.instant());

        var daily = status(acme, "", BudgetPeriod.DAILY);
        assertThat(daily.spentUsd()).isEqualByComparingTo("0.12345678");
        assertThat(daily.reservedUsd()).isZero();
        assertThat(store.budgets().liveReservations(acme)).isZero();
    }

    @Test
    void aReservationThatDoesNotFitOneBudgetHoldsNothingAnywhere() {
        var acme = acme();
        limit(acme, BudgetKey.TENANT, BudgetPeriod.DAILY, "5");
        limit(acme, "alice", BudgetPeriod.MONTHLY, "0.10");

        var refused = (Reservation.Refused) reserve(acme, "alice", "0.25");

        assertThat(refused.budget().key().describe()).isEqualTo("user alice's monthly budget (2026-01)");
        assertThat(refused.availableUsd()).isEqualByComparingTo("0.10");
        assertThat(status(acme, "", BudgetPeriod.DAILY).reservedUsd()).isZero();
        assertThat(store.budgets().liveReservations(acme)).isZero();
    }

    @Test
    void withoutALimitNothingIsHeld() {
        var acme = acme();

        var reserved = (Reservation.Reserved) reserve(acme, "alice", "0.25");

        assertThat(reserved.holdsNothing()).isTrue();
        assertThat(store.budgets().liveReservations(acme)).isZero();
    }

    @Test
    void aLapsedReservationIsChargedAtItsWorstCaseByTheSweepAndALateSettleCorrectsItOnce() {
        var acme = acme();
        limit(acme, BudgetKey.TENANT, BudgetPeriod.DAILY, "1");
        var reserved = (Reservation.Reserved) reserve(acme, "alice", "0.75");
        assertThat(reserve(acme, "alice", "0.5")).isInstanceOf(Reservation.Refused.class);

        assertThat(store.budgets().expire(clock.instant().plus(Duration.ofMinutes(2)))).isZero();
        assertThat(store.budgets().expire(clock.instant().plus(Duration.ofMinutes(4)))).isEqualTo(1);
        assertThat(store.budgets().expire(clock.instant().plus(Duration.ofMinutes(5)))).isZero();

        assertThat(status(acme, "", BudgetPeriod.DAILY).reservedUsd()).isZero();
        assertThat(status(acme, "", BudgetPeriod.DAILY).spentUsd()).isEqualByComparingTo("0.75");
        assertThat(store.budgets().liveReservations(acme)).isZero();
        store.budgets().settle(reserved, new BigDecimal("0.2"), clock.instant());
        store.budgets().settle(reserved, new BigDecimal("0.2"), clock.instant());
        assertThat(status(acme, "", BudgetPeriod.DAILY).spentUsd()).isEqualByComparingTo("0.2");
        assertThat(status(acme, "", BudgetPeriod.DAILY).reservedUsd()).isZero();
    }

    @Test
    void aNewDayHasANewCounterAndTheSpendOfTheMonthCarriesOn() {
        var acme = acme();
        limit(acme, BudgetKey.TENANT, BudgetPeriod.DAILY, "1");
        limit(acme, BudgetKey.TENANT, BudgetPeriod.MONTHLY, "10");
        var reserved = (Reservation.Reserved) reserve(acme, "alice", "0.9");
        store.budgets().settle(reserved, new BigDecimal("0.9"), clock.instant());
        assertThat(reserve(acme, "alice", "0.5")).isInstanceOf(Reservation.Refused.class);
        assertThat(store.budgets().exhausted(acme, "alice", clock.instant())).isEmpty();

        clock.advance(Duration.ofDays(1));

        assertThat(reserve(acme, "alice", "0.5")).isInstanceOf(Reservation.Reserved.class);
        assertThat(status(acme, "", BudgetPeriod.MONTHLY).spentUsd()).isEqualByComparingTo("0.9");
        assertThat(status(acme, "", BudgetPeriod.DAILY).spentUsd()).isZero();
    }

    @Test
    void aBudgetWhoseSpendReachedItsLimitIsExhaustedForTheTenantsNewRuns() {
        var acme = acme();
        limit(acme, "alice", BudgetPeriod.DAILY, "0.5");
        var reserved = (Reservation.Reserved) reserve(acme, "alice", "0.5");
        store.budgets().settle(reserved, new BigDecimal("0.5"), clock.instant());

        assertThat(store.budgets().exhausted(acme, "alice", clock.instant())).isPresent();
        assertThat(store.budgets().exhausted(acme, "bob", clock.instant())).isEmpty();
    }

    @Test
    void aLimitIsChangedAndRemovedAndAnotherTenantsBudgetsAreNotSeen() {
        var acme = acme();
        var globex = tenant("globex").id();
        limit(acme, BudgetKey.TENANT, BudgetPeriod.DAILY, "5");
        limit(acme, BudgetKey.TENANT, BudgetPeriod.DAILY, "7.5");
        limit(globex, BudgetKey.TENANT, BudgetPeriod.DAILY, "1");

        assertThat(status(acme, "", BudgetPeriod.DAILY).limit().limitUsd()).isEqualByComparingTo("7.5");
        assertThat(store.budgets().statuses(acme, clock.instant())).hasSize(1);

        store.budgets().setLimit(acme, BudgetKey.TENANT, BudgetPeriod.DAILY, Optional.empty(), clock.instant());
        assertThat(store.budgets().statuses(acme, clock.instant())).isEmpty();
        assertThat(store.budgets().statuses(globex, clock.instant())).hasSize(1);
    }

    @Test
    void aLimitOfATenantThatDoesNotExistIsRefused() {
        assertThatThrownBy(() -> limit("tenant_nope", BudgetKey.TENANT, BudgetPeriod.DAILY, "5"))
                .isInstanceOf(StoreException.class);
    }

    @Test
    @Timeout(120)
    void concurrentReservationsNeverHoldOrSpendMoreThanTheLimit() throws Exception {
        var acme = acme();
        limit(acme, BudgetKey.TENANT, BudgetPeriod.DAILY, "5");
        limit(acme, BudgetKey.TENANT, BudgetPeriod.MONTHLY, "5");
        limit(acme, "alice", BudgetPeriod.DAILY, "5");
        var go = new CountDownLatch(1);
        var outcomes = new ArrayList<Reservation>();
        try (var threads = Executors.newFixedThreadPool(32)) {
            var futures = new ArrayList<Future<Reservation>>();
            for (int i = 0; i < 400; i++) {
                futures.add(threads.submit(() -> {
                    assertThat(go.await(10, TimeUnit.SECONDS)).isTrue();
                    // each worst case is 7 cents; the call costs 4
                    var outcome = reserve(acme, "alice", "0.07");
                    var daily = status(acme, "", BudgetPeriod.DAILY);
                    assertThat(daily.spentUsd().add(daily.reservedUsd())).isLessThanOrEqualTo(new BigDecimal("5"));
                    if (outcome instanceof Reservation.Reserved reserved) {
                        store.budgets().settle(reserved, new BigDecimal("0.04"), clock.instant());
                    }
                    return outcome;
                }));
            }
            go.countDown();
            for (var future : futures) {
                outcomes.add(future.get(100, TimeUnit.SECONDS));
            }
        }

        long reserved = outcomes.stream().filter(Reservation.Reserved.class::isInstance).count();
        var daily = status(acme, "", BudgetPeriod.DAILY);
        assertThat(daily.spentUsd()).isLessThanOrEqualTo(new BigDecimal("5"));
        assertThat(daily.spentUsd()).isEqualByComparingTo(new BigDecimal("0.04").multiply(BigDecimal.valueOf(reserved)));
        // every refused call met a budget with less than its worst case left at that moment (using the budget fully
        // under load is the BUDGET link's waiting, measured by the budget race bench)
        assertThat(outcomes).filteredOn(Reservation.Refused.class::isInstance).isNotEmpty()
                .allSatisfy(o -> assertThat(((Reservation.Refused) o).availableUsd())
                        .isLessThan(new BigDecimal("0.07")));
        assertThat(daily.reservedUsd()).isZero();
        assertThat(status(acme, "alice", BudgetPeriod.DAILY).spentUsd()).isEqualByComparingTo(daily.spentUsd());
        assertThat(store.budgets().liveReservations(acme)).isZero();
        List.of(daily).forEach(d -> assertThat(d.remainingUsd().signum()).isNotNegative());
    }
}
