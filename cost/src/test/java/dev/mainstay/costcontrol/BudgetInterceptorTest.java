package dev.mainstay.costcontrol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mainstay.cost.BudgetKey;
import dev.mainstay.cost.BudgetPeriod;
import dev.mainstay.cost.BudgetStatus;
import dev.mainstay.cost.Budgets;
import dev.mainstay.cost.InMemoryBudgets;
import dev.mainstay.cost.PriceTable;
import dev.mainstay.cost.Reservation;
import dev.mainstay.cost.ReservationRequest;
import dev.mainstay.model.ApiErrorType;
import dev.mainstay.model.CallContext;
import dev.mainstay.model.Message;
import dev.mainstay.model.ModelApiException;
import dev.mainstay.model.ModelChain;
import dev.mainstay.model.ModelEndpoint;
import dev.mainstay.model.ModelOutcome;
import dev.mainstay.model.ModelRequest;
import dev.mainstay.model.Refusal;
import dev.mainstay.model.ResponseHeaders;
import dev.mainstay.model.StreamObserver;
import dev.mainstay.testing.FakeClock;
import dev.mainstay.testing.RecordingSleeper;
import dev.mainstay.testing.ScriptedModel;
import dev.mainstay.time.Cancellation;
import dev.mainstay.time.Deadline;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BudgetInterceptorTest {
    private final FakeClock clock = new FakeClock(Instant.parse("2026-12-07T10:00:00Z"));
    private final InMemoryBudgets budgets = new InMemoryBudgets();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ScriptedModel provider = new ScriptedModel().otherwise((r, c) -> ScriptedModel.text("ok"));
    private dev.mainstay.time.Sleeper sleeper = new RecordingSleeper(clock);

    private ModelChain chain(Budgets budgets, BudgetPolicy policy) {
        return ModelChain.builder(List.of(new ModelEndpoint("primary", "", provider)), PriceTable.anthropicDefaults())
                .add(ModelChain.Slot.BUDGET, new BudgetInterceptor(budgets, PriceTable.anthropicDefaults(), Set.of(),
                        policy, clock, sleeper, registry))
                .build();
    }

    private ModelOutcome call(BudgetPolicy policy) {
        return chain(budgets, policy).call(request(4096), context());
    }

    private static ModelRequest request(int maxTokens) {
        return new ModelRequest("claude-sonnet-4-5", "", List.of(Message.user("hi")), List.of(), maxTokens, false,
                false);
    }

    private CallContext context() {
        return new CallContext("run_1", "acme", "alice", 1, Deadline.after(Duration.ofMinutes(2), clock),
                Cancellation.NEVER, StreamObserver.NONE);
    }

    private void limitTenantDaily(String usd) {
        budgets.setLimit("acme", BudgetKey.TENANT, BudgetPeriod.DAILY, Optional.of(new BigDecimal(usd)),
                clock.instant());
    }

    private BudgetStatus tenantDaily() {
        return budgets.statuses("acme", clock.instant()).getFirst();
    }

    @Test
    void aCallWhoseWorstCaseDoesNotFitIsNotSentAndIsRefusedAsOverBudget() {
        limitTenantDaily("0.001");

        var outcome = call(BudgetPolicy.DEFAULTS);

        assertThat(provider.requests()).isEmpty();
        var refusal = ((ModelOutcome.Refused) outcome).refusal();
        assertThat(refusal.scope()).isEqualTo(Refusal.Scope.BUDGET);
        assertThat(refusal.code()).isEqualTo(BudgetInterceptor.EXCEEDED);
        assertThat(refusal.message()).contains("the tenant's daily budget (2026-12-07)").contains("limit $0.001");
        assertThat(budgets.liveReservations("acme")).isZero();
        assertThat(tenantDaily().reservedUsd()).isZero();
    }

    @Test
    void aCallRefusedOnlyBecauseCallsInFlightHoldTheBudgetWaitsForThemToSettle() {
        limitTenantDaily("0.07");
        var held = (Reservation.Reserved) budgets.reserve(new ReservationRequest("run_0", "acme", "bob",
                new BigDecimal("0.05"), clock.instant(), clock.instant().plus(Duration.ofMinutes(3))));
        var sleeps = new java.util.ArrayList<Duration>();
        sleeper = pause -> {
            sleeps.add(pause);
            clock.advance(pause);
            budgets.settle(held, new BigDecimal("0.001"), clock.instant());
        };

        var outcome = call(BudgetPolicy.DEFAULTS);

        assertThat(outcome).isInstanceOf(ModelOutcome.Answered.class);
        assertThat(provider.requests().getFirst().maxTokens()).isEqualTo(4096);
        assertThat(sleeps).containsExactly(BudgetInterceptor.FIRST_POLL);
        assertThat(registry.counter("mainstay.budget.waits", "outcome", "reserved").count()).isEqualTo(1);
    }

    @Test
    void aCallWaitsForCallsInFlightNoLongerThanItsBoundThenIsRefused() {
        limitTenantDaily("0.07");
        budgets.reserve(new ReservationRequest("run_0", "acme", "bob", new BigDecimal("0.05"), clock.instant(),
                clock.instant().plus(Duration.ofMinutes(3))));
        var recording = new RecordingSleeper(clock);
        sleeper = recording;

        var outcome = call(BudgetPolicy.DEFAULTS.withMaxWait(Duration.ofSeconds(2)).withMinMaxTokens(0));

        assertThat(outcome).isInstanceOf(ModelOutcome.Refused.class);
        assertThat(provider.requests()).isEmpty();
        assertThat(recording.sleeps()).isNotEmpty().allSatisfy(p -> assertThat(p)
                .isLessThanOrEqualTo(BudgetInterceptor.MAX_POLL));
        assertThat(recording.sleeps().stream().reduce(Duration.ZERO, Duration::plus))
                .isLessThanOrEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void aCallTheSettledSpendLeavesNoRoomForIsRefusedWithoutWaiting() {
        limitTenantDaily("0.001");
        var recording = new RecordingSleeper(clock);
        sleeper = recording;

        call(BudgetPolicy.DEFAULTS);

        assertThat(recording.sleeps()).isEmpty();
    }

    @Test
    void anAnsweredCallSettlesWhatItCostAndReleasesTheRestOfItsWorstCase() {
        limitTenantDaily("1");

        var outcome = call(BudgetPolicy.DEFAULTS);

        assertThat(outcome).isInstanceOf(ModelOutcome.Answered.class);
        // 100 input tokens at $3/M and 20 output tokens at $15/M
        assertThat(tenantDaily().spentUsd()).isEqualByComparingTo("0.0006");
        assertThat(tenantDaily().reservedUsd()).isZero();
        assertThat(budgets.liveReservations("acme")).isZero();
    }

    @Test
    void whileTheCallIsInFlightItsWholeWorstCaseIsHeld() {
        limitTenantDaily("1");
        var held = new java.util.concurrent.atomic.AtomicReference<BigDecimal>();
        provider.then((r, c) -> {
            held.set(tenantDaily().reservedUsd());
            return ScriptedModel.text("ok");
        });

        call(BudgetPolicy.DEFAULTS);

        // 4096 output tokens at $15/M plus the counted input at the 1-hour cache-write rate, $6/M
        assertThat(held.get()).isGreaterThan(new BigDecimal("0.06144")).isLessThan(new BigDecimal("0.0616"));
    }

    @Test
    void aFailedCallReleasesItsReservationAndSpendsNothing() {
        limitTenantDaily("1");
        provider.thenThrow(new ModelApiException(500, ApiErrorType.API_ERROR, "boom", ResponseHeaders.EMPTY, "req",
                false, false));

        assertThatThrownBy(() -> call(BudgetPolicy.DEFAULTS)).isInstanceOf(ModelApiException.class);

        assertThat(tenantDaily().spentUsd()).isZero();
        assertThat(tenantDaily().reservedUsd()).isZero();
        assertThat(budgets.liveReservations("acme")).isZero();
    }

    @Test
    void aCallThatDoesNotFitWholeIsSentWithTheLargestMaxTokensThatFits() {
        limitTenantDaily("0.02");

        var outcome = call(BudgetPolicy.DEFAULTS);

        assertThat(outcome).isInstanceOf(ModelOutcome.Answered.class);
        int sent = provider.requests().getFirst().maxTokens();
        assertThat(sent).isBetween(BudgetPolicy.DEFAULT_MIN_MAX_TOKENS, 4095);
        // the degraded worst case fits the limit, and a token more would hardly have
        assertThat(sent * 15.0 / 1e6).isLessThan(0.02).isGreaterThan(0.0199);
        assertThat(registry.counter("mainstay.budget.reservations", "outcome", "degraded").count()).isEqualTo(1);
    }

    @Test
    void aCallThatDoesNotFitGoesToTheCheaperModelWhenOneIsConfigured() {
        limitTenantDaily("0.03");

        call(BudgetPolicy.DEFAULTS.withMinMaxTokens(0).withCheaperModel("claude-haiku-4-5"));

        assertThat(provider.requests()).extracting(ModelRequest::model).containsExactly("claude-haiku-4-5");
        assertThat(provider.requests().getFirst().maxTokens()).isEqualTo(4096);
    }

    @Test
    void aUsersBudgetStopsTheUserButNotTheRestOfTheTenant() {
        budgets.setLimit("acme", "alice", BudgetPeriod.MONTHLY, Optional.of(new BigDecimal("0.001")),
                clock.instant());

        var alice = chain(budgets, BudgetPolicy.DEFAULTS).call(request(4096), context());
        var bob = chain(budgets, BudgetPolicy.DEFAULTS).call(request(4096), new CallContext("run_2", "acme", "bob",
                1, Deadline.after(Duration.ofMinutes(2), clock), Cancellation.NEVER, StreamObserver.NONE));

        assertThat(alice).isInstanceOf(ModelOutcome.Refused.class);
        assertThat(((ModelOutcome.Refused) alice).refusal().message()).contains("user alice's monthly budget");
        assertThat(bob).isInstanceOf(ModelOutcome.Answered.class);
    }

    @Test
    void whenTheBudgetStoreCannotBeWrittenTheCallIsRefusedByDefault() {
        var outcome = chain(new BrokenBudgets(), BudgetPolicy.DEFAULTS).call(request(4096), context());

        assertThat(provider.requests()).isEmpty();
        assertThat(((ModelOutcome.Refused) outcome).refusal().code()).isEqualTo(BudgetInterceptor.UNAVAILABLE);
        assertThat(((ModelOutcome.Refused) outcome).refusal().message()).doesNotContain("jdbc");
    }

    @Test
    void failOpenSendsTheCallUnreservedWhenTheBudgetStoreCannotBeWritten() {
        var outcome = chain(new BrokenBudgets(), BudgetPolicy.DEFAULTS.withFailOpen(true)).call(request(4096),
                context());

        assertThat(outcome).isInstanceOf(ModelOutcome.Answered.class);
        assertThat(registry.counter("mainstay.budget.reservations", "outcome", "unreserved").count()).isEqualTo(1);
    }

    @Test
    void withoutAnyBudgetTheCallIsSentAndNothingIsHeld() {
        var outcome = call(BudgetPolicy.DEFAULTS);

        assertThat(outcome).isInstanceOf(ModelOutcome.Answered.class);
        assertThat(budgets.liveReservations("acme")).isZero();
    }

    @Test
    void aReservationOfADeadNodeLapsesAtItsExpiryChargedAtItsWorstCase() {
        limitTenantDaily("1");
        var reserved = (Reservation.Reserved) budgets.reserve(new ReservationRequest("run_1", "acme", "alice",
                new BigDecimal("0.5"), clock.instant(), clock.instant().plus(Duration.ofMinutes(3))));

        assertThat(budgets.expire(clock.instant().plus(Duration.ofMinutes(2)))).isZero();
        assertThat(budgets.expire(clock.instant().plus(Duration.ofMinutes(4)))).isEqualTo(1);

        assertThat(tenantDaily().reservedUsd()).isZero();
        assertThat(tenantDaily().spentUsd()).isEqualByComparingTo("0.5");
        budgets.settle(reserved, new BigDecimal("0.1"), clock.instant());
        budgets.settle(reserved, new BigDecimal("0.1"), clock.instant());
        assertThat(tenantDaily().spentUsd()).isEqualByComparingTo("0.1");
    }

    /** A budget store that is down. */
    private static final class BrokenBudgets extends InMemoryBudgetsAdapter {
        @Override
        public Reservation reserve(ReservationRequest request) {
            throw new IllegalStateException("the store could not reserve (jdbc:postgresql://db)");
        }
    }

    private abstract static class InMemoryBudgetsAdapter implements Budgets {
        private final InMemoryBudgets delegate = new InMemoryBudgets();

        @Override
        public void settle(Reservation.Reserved reservation, BigDecimal actualUsd, Instant now) {
            delegate.settle(reservation, actualUsd, now);
        }

        @Override
        public int expire(Instant now) {
            return delegate.expire(now);
        }

        @Override
        public void setLimit(String tenantId, String userId, BudgetPeriod period, Optional<BigDecimal> limitUsd,
                Instant now) {
            delegate.setLimit(tenantId, userId, period, limitUsd, now);
        }

        @Override
        public List<BudgetStatus> statuses(String tenantId, Instant now) {
            return delegate.statuses(tenantId, now);
        }

        @Override
        public int liveReservations(String tenantId) {
            return delegate.liveReservations(tenantId);
        }
    }
}
