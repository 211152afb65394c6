package dev.mainstay.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mainstay.config.InvalidConfigException;
import dev.mainstay.cost.BudgetKey;
import dev.mainstay.cost.BudgetPeriod;
import dev.mainstay.cost.InMemoryBudgets;
import dev.mainstay.journal.ModelStep;
import dev.mainstay.model.ModelChain;
import dev.mainstay.run.RunRequest;
import dev.mainstay.run.RunStopReason;
import dev.mainstay.runtime.config.MainstayConfig;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BudgetsInTheRuntimeTest {
    @TempDir
    Path home;

    @Test
    void theBudgetLinkIsTheOutermostOfTheModelChain() {
        try (var runtime = MainstayRuntime.start(MainstayConfig.fromEnv(Map.of(), home), RuntimeOptions.defaults())) {
            assertThat(runtime.modelChain().slots().getFirst()).isEqualTo(ModelChain.Slot.BUDGET);
        }
    }

    @Test
    void aRunWhoseNextCallDoesNotFitTheBudgetStopsAsBudgetExceededWithItsJournalIntact() {
        var budgets = new InMemoryBudgets();
        budgets.setLimit(RunRequest.DEFAULT_TENANT, BudgetKey.TENANT, BudgetPeriod.DAILY,
                Optional.of(new BigDecimal("0.001")), Instant.now());
        var options = RuntimeOptions.defaults().withBudgets(budgets);

        try (var runtime = MainstayRuntime.start(MainstayConfig.fromEnv(Map.of(), home), options)) {
            var result = runtime.run("What is 2 + 2?");

            assertThat(result.stopReason()).isEqualTo(RunStopReason.BUDGET_EXCEEDED);
            assertThat(result.error()).hasValueSatisfying(e -> assertThat(e.code()).isEqualTo("budget_exceeded"));
            assertThat(runtime.simulator().orElseThrow().stats().requests()).isZero();
            assertThat(runtime.journal().read(result.runId())).anySatisfy(r ->
                    assertThat(r.entry()).isInstanceOf(ModelStep.class));
            assertThat(budgets.liveReservations(RunRequest.DEFAULT_TENANT)).isZero();
        }
    }

    @Test
    void aRunWithinItsBudgetSettlesItsCostAndHoldsNothingAfterwards() {
        var budgets = new InMemoryBudgets();
        budgets.setLimit(RunRequest.DEFAULT_TENANT, BudgetKey.TENANT, BudgetPeriod.DAILY,
                Optional.of(new BigDecimal("5")), Instant.now());

        try (var runtime = MainstayRuntime.start(MainstayConfig.fromEnv(Map.of(), home),
                RuntimeOptions.defaults().withBudgets(budgets))) {
            var result = runtime.run("What is 2 + 2?");

            assertThat(result.stopReason()).isEqualTo(RunStopReason.COMPLETED);
            var daily = budgets.statuses(RunRequest.DEFAULT_TENANT, Instant.now()).getFirst();
            assertThat(daily.spentUsd()).isEqualByComparingTo(result.cost().usd().orElseThrow());
            assertThat(daily.reservedUsd()).isZero();
        }
    }

    @Test
    void aBadBudgetSettingIsListedWithTheOtherProblems() {
        assertThatThrownBy(() -> MainstayConfig.fromEnv(Map.of("MAINSTAY_BUDGET_FAIL_OPEN", "maybe",
                "MAINSTAY_BUDGET_INPUT_MARGIN", "0.5"), home))
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.problems())
                        .map(dev.mainstay.config.ConfigProblem::message)
                        .anySatisfy(m -> assertThat(m).contains("MAINSTAY_BUDGET_FAIL_OPEN", "maybe"))
                        .anySatisfy(m -> assertThat(m).contains("MAINSTAY_BUDGET_INPUT_MARGIN", "0.5")));
        assertThat(MainstayConfig.fromEnv(Map.of("MAINSTAY_BUDGET_FAIL_OPEN", "true"), home).budgets().failOpen())
                .isTrue();
    }
}
