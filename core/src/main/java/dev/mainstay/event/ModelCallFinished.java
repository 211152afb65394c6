package dev.mainstay.event;

import dev.mainstay.cost.Cost;
import dev.mainstay.model.Failover;
import dev.mainstay.model.StopReason;
import dev.mainstay.model.Usage;
import java.time.Duration;
import java.util.List;

/**
 * A model call succeeded; {@code model} is the model that answered as the provider reported it, {@code failovers}
 * the endpoints left before it.
 */
public record ModelCallFinished(
        EventMeta meta, int step, String model, StopReason stopReason, Usage usage, Cost cost,
        List<Failover> failovers, Duration duration) implements RunEvent {}
