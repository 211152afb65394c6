package dev.mainstay.event;

import dev.mainstay.model.StopReason;
import dev.mainstay.model.Usage;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

/** A model call succeeded; {@code model} is the model that answered (a fallback may differ from the one asked). */
public record ModelCallFinished(
        String runId, int step, String model, StopReason stopReason, Usage usage, BigDecimal costUsd,
        Duration duration, Instant at) implements RunEvent {}
