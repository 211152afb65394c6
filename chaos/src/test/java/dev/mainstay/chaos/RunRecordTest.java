package dev.mainstay.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mainstay.agent.RunResult;
import dev.mainstay.run.RunStopReason;
import dev.mainstay.chaos.RunRecord.RunOutcome;
import dev.mainstay.journal.JournalEntry;
import dev.mainstay.journal.ModelStep;
import dev.mainstay.journal.StepError;
import dev.mainstay.journal.ToolStep;
import dev.mainstay.json.Json;
import dev.mainstay.model.ModelResponse;
import dev.mainstay.model.StopReason;
import dev.mainstay.model.TextBlock;
import dev.mainstay.model.Usage;
import dev.mainstay.tool.ToolResult;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How one run is classified and counted, from its result and journal. */
class RunRecordTest {
    private static final String PRIMARY = "claude-sonnet-5-5";
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @Test
    void aCompletedRunAnsweredByThePrimaryWithCleanToolsSucceeded() {
        var record = record(RunStopReason.COMPLETED, List.of(answer(1, PRIMARY), tool(1, ToolResult.ok("42")),
                answer(2, PRIMARY)), Duration.ofSeconds(2));

        assertThat(record.outcome()).isEqualTo(RunOutcome.SUCCEEDED);
        assertThat(record.modelSteps()).isEqualTo(2);
        assertThat(record.fallbackSteps()).isZero();
        assertThat(record.deadlineOverrun()).isZero();
    }

    @Test
    void aStepAnsweredByTheFallbackModelMakesTheRunDegraded() {
        var record = record(RunStopReason.COMPLETED, List.of(answer(1, PRIMARY), answer(2, "claude-haiku-4-5")),
                Duration.ofSeconds(2));

        assertThat(record.outcome()).isEqualTo(RunOutcome.DEGRADED);
        assertThat(record.fallbackSteps()).isEqualTo(1);
    }

    @Test
    void anErrorOrDegradedToolResultMakesTheRunDegraded() {
        var failedTool = record(RunStopReason.COMPLETED, List.of(answer(1, PRIMARY),
                tool(1, ToolResult.error("weather service unavailable: HTTP 503")), answer(2, PRIMARY)), Duration.ZERO);
        var openBreaker = record(RunStopReason.COMPLETED, List.of(answer(1, PRIMARY),
                tool(1, ToolResult.degraded("web_search is unavailable right now")), answer(2, PRIMARY)),
                Duration.ZERO);

        assertThat(failedTool.outcome()).isEqualTo(RunOutcome.DEGRADED);
        assertThat(failedTool.troubledToolResults()).isEqualTo(1);
        assertThat(openBreaker.outcome()).isEqualTo(RunOutcome.DEGRADED);
    }

    @Test
    void anyOtherStopReasonIsAFailureWithItsCauseAndOverrun() {
        var record = RunRecord.of(3, 1, true, result(RunStopReason.FAILED,
                        List.of(answer(1, PRIMARY), failed(2)), Optional.of(new StepError("overloaded_error", "x"))),
                PRIMARY, DEADLINE, Duration.ofMillis(31_250), 0);

        assertThat(record.outcome()).isEqualTo(RunOutcome.FAILED);
        assertThat(record.finished()).isFalse();
        assertThat(record.cause()).isEqualTo("failed/overloaded_error");
        assertThat(record.failedModelSteps()).isEqualTo(1);
        assertThat(record.modelSteps()).isEqualTo(1);
        assertThat(record.deadlineOverrun()).isEqualTo(Duration.ofMillis(1_250));
    }

    private static RunRecord record(RunStopReason reason, List<JournalEntry> steps, Duration latency) {
        return RunRecord.of(0, 0, false, result(reason, steps, Optional.empty()), PRIMARY, DEADLINE, latency, 0);
    }

    private static RunResult result(RunStopReason reason, List<JournalEntry> steps, Optional<StepError> error) {
        return new RunResult("run_1", reason, "answer", steps, Usage.ZERO, dev.mainstay.cost.Cost.ZERO, Duration.ZERO, error);
    }

    private static ModelStep answer(int step, String model) {
        var response = new ModelResponse("msg_" + step, model, List.of(new TextBlock("hi")), StopReason.END_TURN,
                Usage.ZERO, "req");
        return new ModelStep(step, model, 1, Optional.of(response), Usage.ZERO, dev.mainstay.cost.Cost.ZERO,
                List.of(), Instant.EPOCH, Duration.ZERO, Optional.empty());
    }

    private static ModelStep failed(int step) {
        return new ModelStep(step, PRIMARY, 1, Optional.empty(), Usage.ZERO, dev.mainstay.cost.Cost.ZERO, List.of(),
                Instant.EPOCH, Duration.ZERO, Optional.of(new StepError("overloaded_error", "Overloaded")));
    }

    private static ToolStep tool(int step, ToolResult result) {
        return new ToolStep(step, "toolu_" + step, "get_weather", Json.object(), result,
                ToolStep.Resolution.RAN, Instant.EPOCH, Duration.ZERO, Optional.empty());
    }
}
