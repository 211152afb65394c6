package dev.mainstay.event;

import dev.mainstay.agent.RunStopReason;
import dev.mainstay.model.Usage;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

/** A run ended, for any reason, including failure ({@link RunStopReason#FAILED}). Always the run's last event. */
public record RunFinished(
        String runId, RunStopReason stopReason, int steps, Usage usage, BigDecimal costUsd, Duration duration,
        Instant at) implements RunEvent {}
