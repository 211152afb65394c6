package dev.mainstay.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mainstay.cost.PriceTable;
import dev.mainstay.journal.ModelStep;
import dev.mainstay.model.ApiErrorType;
import dev.mainstay.model.ModelApiException;
import dev.mainstay.model.ModelChain;
import dev.mainstay.model.ModelClient;
import dev.mainstay.model.ResponseHeaders;
import dev.mainstay.model.Usage;
import dev.mainstay.run.RunLimits;
import dev.mainstay.run.RunRequest;
import dev.mainstay.run.RunStopReason;
import dev.mainstay.tool.Toolbox;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A stream that broke off was billed for what it delivered: the failed step and the run's totals say so. */
class BrokenStreamUsageTest {
    private static final Usage DELIVERED = new Usage(1200, 35, 0, 0);

    @Test
    void aFailedStepRecordsAndPricesTheUsageTheProviderBilled() {
        ModelClient breaksOff = (request, context) -> {
            var failure = new ModelApiException(200, ApiErrorType.OVERLOADED, "Overloaded", ResponseHeaders.EMPTY,
                    "req_1", true, true);
            failure.recordBilledUsage(DELIVERED);
            throw failure;
        };
        var agent = new AgentSpec("test", "", "claude-sonnet-4-5", Toolbox.of(), RunLimits.DEFAULTS.withMaxStreamRestarts(0),
                true, false);

        try (var loop = AgentLoop.builder(ModelChain.direct(breaksOff, PriceTable.anthropicDefaults())).build()) {
            var result = loop.run(agent, new RunRequest("run_b", "default", "u", "tell me"));

            assertThat(result.stopReason()).isEqualTo(RunStopReason.FAILED);
            var step = result.steps().stream().filter(ModelStep.class::isInstance).map(ModelStep.class::cast)
                    .findFirst().orElseThrow();
            assertThat(step.error()).isPresent();
            assertThat(step.usage()).isEqualTo(DELIVERED);
            assertThat(step.cost().usd().orElseThrow()).isGreaterThan(BigDecimal.ZERO);
            assertThat(result.usage()).isEqualTo(DELIVERED);
            assertThat(result.cost()).isEqualTo(step.cost());
        }
    }

    @Test
    void aFailureThatWasNotBilledCostsNothing() {
        ModelClient refuses = (request, context) -> {
            throw new ModelApiException(529, ApiErrorType.OVERLOADED, "Overloaded", ResponseHeaders.EMPTY, "req_2",
                    false, false);
        };
        var agent = new AgentSpec("test", "", "claude-sonnet-4-5", Toolbox.of(), RunLimits.DEFAULTS, false, false);

        try (var loop = AgentLoop.builder(ModelChain.direct(refuses, PriceTable.anthropicDefaults())).build()) {
            var result = loop.run(agent, new RunRequest("run_c", "default", "u", "tell me"));

            assertThat(result.usage()).isEqualTo(Usage.ZERO);
            assertThat(result.cost().usd().orElseThrow()).isEqualByComparingTo(BigDecimal.ZERO);
            assertThat(List.of(result.stopReason())).containsExactly(RunStopReason.FAILED);
        }
    }
}
