package dev.mainstay.event;

import dev.mainstay.agent.RunStopReason;
import dev.mainstay.model.Usage;
import dev.mainstay.cost.Cost;
import java.time.Duration;
import java.time.Instant;

/** A run ended, for any reason, including failure ({@link RunStopReason#FAILED}). Always the run's last event. */
public record RunFinished(
        String runId, RunStopReason stopReason, int steps, Usage usage, Cost cost, Duration duration,
        Instant at) implements RunEvent {}
