package dev.mainstay.chaos;

import dev.mainstay.agent.RunResult;
import dev.mainstay.run.RunStopReason;
import dev.mainstay.journal.ModelStep;
import dev.mainstay.journal.RunClosed;
import dev.mainstay.journal.RunOpened;
import dev.mainstay.journal.ToolIntent;
import dev.mainstay.journal.ToolStep;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What one chaos run did, read from its {@link RunResult} and journal.
 *
 * @param task index into the harness's tasks
 * @param errorCode the run's error code when it failed ({@code overloaded_error}, {@code timeout}…)
 * @param latency the run's wall time, start to result (over every attempt when it was resumed)
 * @param deadlineOverrun how long after its deadline the run ended; zero when it ended in time
 * @param modelSteps model calls that returned an answer (after any retries and fallback)
 * @param fallbackSteps of those, answered by a model other than the primary
 * @param failedModelSteps model calls that failed after every policy had its turn
 * @param troubledToolResults tool results that were errors or degraded (answered by a policy)
 * @param resumes how many times the run was resumed from its journal after a failure past delivered content
 */
public record RunRecord(
        int index, int task, boolean stream, RunOutcome outcome, RunStopReason stopReason,
        Optional<String> errorCode, Duration latency, Duration deadlineOverrun, int modelSteps, int fallbackSteps,
        int failedModelSteps, int troubledToolResults, int resumes) {

    /** How a run ended, for the chaos table. */
    public enum RunOutcome {
        /** Completed, every step answered by the primary, every tool answered without error. */
        SUCCEEDED,
        /** Completed, but with at least one failed or degraded tool result or a step answered by the fallback. */
        DEGRADED,
        /** Ended with any other stop reason: failed, deadline exceeded, cancelled, a limit hit. */
        FAILED
    }

    public RunRecord {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(stopReason, "stopReason");
        Objects.requireNonNull(errorCode, "errorCode");
        Objects.requireNonNull(latency, "latency");
        Objects.requireNonNull(deadlineOverrun, "deadlineOverrun");
    }

    /**
     * Classifies {@code result}, the run's last attempt; {@code primaryModel} tells fallback answers apart.
     * {@code latency} is the run's wall time over all its attempts, judged against {@code deadline}.
     */
    public static RunRecord of(int index, int task, boolean stream, RunResult result, String primaryModel,
            Duration deadline, Duration latency, int resumes) {
        int modelSteps = 0;
        int fallbackSteps = 0;
        int failedModelSteps = 0;
        int troubledTools = 0;
        for (var entry : result.steps()) {
            switch (entry) {
                case ModelStep step when step.response().isPresent() -> {
                    modelSteps++;
                    if (!step.failovers().isEmpty() || !step.model().startsWith(primaryModel)) {
                        fallbackSteps++;
                    }
                }
                case ModelStep step -> failedModelSteps++;
                case ToolStep step -> {
                    if (step.result().isError() || step.result().degraded()) {
                        troubledTools++;
                    }
                }
                case RunOpened ignored -> {
                    // not a step
                }
                case ToolIntent ignored -> {
                    // its outcome is the ToolStep
                }
                case RunClosed ignored -> {
                    // the stop reason is on the result
                }
                case dev.mainstay.journal.PolicyEntry ignored -> {
                    // security entries: the verdicts are on the run's journal
                }
            }
        }
        RunOutcome outcome;
        if (!result.stopReason().isSuccess()) {
            outcome = RunOutcome.FAILED;
        } else if (fallbackSteps > 0 || troubledTools > 0) {
            outcome = RunOutcome.DEGRADED;
        } else {
            outcome = RunOutcome.SUCCEEDED;
        }
        var overrun = latency.minus(deadline);
        return new RunRecord(index, task, stream, outcome, result.stopReason(),
                result.error().map(e -> e.code()), latency, overrun.isNegative() ? Duration.ZERO : overrun,
                modelSteps, fallbackSteps, failedModelSteps, troubledTools, resumes);
    }

    /** Whether the run completed, degraded or not. */
    public boolean finished() {
        return outcome != RunOutcome.FAILED;
    }

    /** {@code completed}, or the stop reason and error code of a run that did not complete. */
    public String cause() {
        return stopReason.wire() + errorCode.map(c -> "/" + c).orElse("");
    }
}
