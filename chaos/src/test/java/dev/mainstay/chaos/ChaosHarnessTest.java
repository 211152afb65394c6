package dev.mainstay.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mainstay.chaos.ChaosProfile.Scope;
import dev.mainstay.chaos.RunRecord.RunOutcome;
import dev.mainstay.reliability.ReliabilityConfig;
import dev.mainstay.reliability.breaker.BreakerState;
import dev.mainstay.reliability.retry.RetryConfig;
import dev.mainstay.sim.FaultProfile;
import dev.mainstay.sim.WorldFaults;
import dev.mainstay.sim.WorldFaults.RouteFaults;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The harness's accounting on small real runs: in-process simulator, official SDK client, reliability stack, agent
 * loop and tools, as {@code mainstay chaos} runs them. No latency, millisecond backoff, no assertion on timing.
 */
class ChaosHarnessTest {
    private static final String PRIMARY = ChaosSettings.DEFAULT_PRIMARY;
    private static final String FALLBACK = ChaosSettings.DEFAULT_FALLBACK;

    private final List<String> notices = new ArrayList<>();

    private ChaosReport run(ChaosProfile profile, int runs, int concurrency) {
        var r = ChaosSettings.harnessReliability();
        var fastRetry = RetryConfig.DEFAULT.withBaseDelay(Duration.ofMillis(1)).withMaxDelay(Duration.ofMillis(5));
        var reliability = new ReliabilityConfig(fastRetry, r.retryBudget(), r.modelBreaker(), r.toolBreaker(),
                r.fallbackModels(), r.toolBulkhead(), r.modelConcurrency(), r.modelAttemptTimeout());
        var settings = ChaosSettings.defaults(profile).withRuns(runs, concurrency).withWarmup(0).withStreamShare(0.5)
                .withReliability(reliability);
        return new ChaosHarness(settings, notices::add).run();
    }

    private static ChaosProfile profile(String name, FaultProfile faults, Scope scope, WorldFaults world,
            ChaosTargets targets) {
        return new ChaosProfile(name, "test", faults, scope, world, Optional.empty(), targets);
    }

    @Test
    void withoutFaultsEveryRunSucceedsWithOneRequestPerStep() {
        var quiet = profile("quiet", FaultProfile.NONE, Scope.ALL_MODELS, WorldFaults.NONE,
                ChaosTargets.NONE.withMinSuccessRate(1.0).withMaxAmplification(1.0));

        var report = run(quiet, 10, 5);

        assertThat(report.runs()).hasSize(10);
        assertThat(report.count(RunOutcome.SUCCEEDED)).isEqualTo(10);
        assertThat(report.successfulModelSteps()).isGreaterThanOrEqualTo(20); // every task takes two or three steps
        assertThat(report.modelRequests()).isEqualTo(report.successfulModelSteps());
        assertThat(report.amplification()).isEqualTo(1.0);
        assertThat(report.requestsByModel()).containsOnlyKeys(PRIMARY);
        assertThat(report.fallbackSteps()).isZero();
        assertThat(report.transitions()).isEmpty();
        assertThat(report.simOutcomes()).containsOnlyKeys("ok");
        assertThat(report.worldOutcomes()).containsKeys("weather.served", "search.served");
        assertThat(report.runs()).extracting(RunRecord::task).containsExactly(0, 1, 2, 0, 1, 2, 0, 1, 2, 0);
        assertThat(report.runs()).extracting(RunRecord::stream).contains(true, false);
        assertThat(report.maxDeadlineOverrun()).isZero();
        assertThat(report.targetsMet()).isTrue();
        assertThat(notices).anySatisfy(n -> assertThat(n).contains("10 runs", "in-process simulator"));
    }

    @Test
    void aPrimaryThatAlwaysOverloadsIsAnsweredByTheFallbackAndEveryRequestIsCounted() {
        var down = profile("primary-down", FaultProfile.builder().rate529(1.0).build(), Scope.PRIMARY,
                WorldFaults.NONE, ChaosTargets.NONE.withMinSuccessRate(0.5));

        var report = run(down, 8, 1);

        assertThat(report.count(RunOutcome.DEGRADED)).isEqualTo(8);
        assertThat(report.fallbackSteps()).isEqualTo(report.successfulModelSteps());
        // the fallback has no faults: one request per step; the primary got every failed attempt
        assertThat(report.requestsByModel().get(FALLBACK)).isEqualTo(report.successfulModelSteps());
        assertThat(report.requestsByModel().get(PRIMARY)).isPositive();
        assertThat(report.modelRequests()).isEqualTo(report.requestsByModel().values().stream()
                .mapToLong(Long::longValue).sum());
        assertThat(report.simOutcomes().get("529")).isEqualTo(report.requestsByModel().get(PRIMARY));
        assertThat(report.amplification()).isGreaterThan(1.0);
        // ten failed calls (the breaker's minimum) open the primary's breaker; later steps fail over at once
        assertThat(report.transitions()).anySatisfy(t -> {
            assertThat(t.name()).isEqualTo("anthropic:" + PRIMARY);
            assertThat(t.from()).isEqualTo(BreakerState.CLOSED);
            assertThat(t.to()).isEqualTo(BreakerState.OPEN);
        });
        assertThat(report.policyCounts()).containsKey("fallback anthropic:" + PRIMARY + " -> anthropic:" + FALLBACK
                + " circuit_open");
        assertThat(report.causes()).containsEntry("degraded", 8L);
        var targets = report.targetResults();
        assertThat(targets).singleElement().satisfies(t -> {
            assertThat(t.target()).isEqualTo("runs succeeded");
            assertThat(t.met()).isFalse();
        });
    }

    @Test
    void aFailingWeatherBackendDegradesTheWeatherRunsButEveryRunFinishes() {
        var flaky = profile("weather-down", FaultProfile.NONE, Scope.ALL_MODELS,
                new WorldFaults(new RouteFaults(1.0, 0), RouteFaults.NONE), ChaosTargets.NONE.withMinFinishedRate(1.0));

        var report = run(flaky, 6, 3);

        assertThat(report.finishedShare()).isEqualTo(1.0);
        assertThat(report.runs()).allSatisfy(r -> assertThat(r.outcome())
                .isEqualTo(r.task() == 1 ? RunOutcome.DEGRADED : RunOutcome.SUCCEEDED));
        assertThat(report.worldOutcomes()).doesNotContainKey("weather.served").containsKey("search.served");
        assertThat(report.amplification()).isEqualTo(1.0);
        assertThat(report.targetsMet()).isTrue();
    }

    @Test
    void aFaultWindowOnThePrimaryIsMeasuredPerEndpoint() {
        var down = FaultProfile.builder().rate529(1.0).build();
        var profile = new ChaosProfile("window", "test", FaultProfile.NONE, Scope.ALL_MODELS, WorldFaults.NONE,
                Optional.of(new ChaosProfile.Outage(Duration.ZERO, Duration.ofMinutes(5), down,
                        ChaosProfile.Target.PRIMARY)),
                ChaosTargets.NONE.withRetriesWithinBudget().withMaxRetriesPerFirstAttempt(1.0));

        var report = run(profile, 6, 2);

        var window = report.outage().orElseThrow();
        assertThat(window.endpoint()).isEqualTo("anthropic:" + PRIMARY);
        assertThat(window.figures()).containsOnlyKeys("anthropic:" + PRIMARY, "anthropic:" + FALLBACK);
        var primary = window.figures().get("anthropic:" + PRIMARY);
        assertThat(primary.firstAttempts()).isPositive();
        assertThat(primary.retries()).isLessThanOrEqualTo((long) Math.floor(window.budgetBounds()
                .get("anthropic:" + PRIMARY)));
        assertThat(report.endpoints().get("anthropic:" + FALLBACK).retries()).isZero();
        assertThat(report.fallbackSteps()).isEqualTo(report.successfulModelSteps());
        assertThat(report.targetResults()).extracting(TargetCheck.Result::target)
                .contains("retries to each endpoint in the window", "outage window completed");
    }
}
