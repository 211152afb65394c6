package dev.mainstay.event;

import dev.mainstay.model.StopReason;
import dev.mainstay.model.Usage;
import dev.mainstay.cost.Cost;
import java.time.Duration;
import java.time.Instant;

/** A model call succeeded; {@code model} is the model that answered (a fallback may differ from the one asked). */
public record ModelCallFinished(
        String runId, int step, String model, StopReason stopReason, Usage usage, Cost cost,
        Duration duration, Instant at) implements RunEvent {}
