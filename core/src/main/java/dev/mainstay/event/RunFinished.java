package dev.mainstay.event;

import dev.mainstay.cost.Cost;
import dev.mainstay.journal.StepError;
import dev.mainstay.model.Usage;
import dev.mainstay.run.RunStopReason;
import java.time.Duration;
import java.util.Optional;

/**
 * A run ended, for any reason, including failure ({@link RunStopReason#FAILED}, with {@code error}). Always the run's
 * last event from this worker; a worker that lost the lease ends with {@link RunStopReason#LEASE_LOST}.
 */
public record RunFinished(
        EventMeta meta, RunStopReason stopReason, int steps, Usage usage, Cost cost, Duration duration,
        Optional<StepError> error) implements RunEvent {}
