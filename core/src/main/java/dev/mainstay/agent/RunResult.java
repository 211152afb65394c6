package dev.mainstay.agent;

import dev.mainstay.run.RunStopReason;
import dev.mainstay.journal.JournalEntry;
import dev.mainstay.journal.StepError;
import dev.mainstay.model.Usage;
import dev.mainstay.cost.Cost;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How a run ended. A run that hit a limit or failed is still a result, not an exception: {@link #stopReason()}
 * says what happened and {@link #error()} why, when it failed.
 *
 * @param answer the model's last text, empty when it gave none
 * @param steps the run's model and tool steps, with the policy's verdicts and people's approval decisions, in journal
 *     order
 * @param usage tokens summed over every model call
 * @param cost cost summed over every model call; not known when a call's model had no price
 */
public record RunResult(
        String runId, RunStopReason stopReason, String answer, List<JournalEntry> steps, Usage usage,
        Cost cost, Duration duration, Optional<StepError> error) {
    public RunResult {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(stopReason, "stopReason");
        Objects.requireNonNull(answer, "answer");
        steps = List.copyOf(steps);
        Objects.requireNonNull(usage, "usage");
        Objects.requireNonNull(cost, "cost");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(error, "error");
    }

    /** The run's prompt-cache hit ratio over all its model calls ({@link Usage#cacheHitRatio()}). */
    public double cacheHitRatio() {
        return usage.cacheHitRatio();
    }
}
