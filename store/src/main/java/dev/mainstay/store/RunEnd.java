package dev.mainstay.store;

import dev.mainstay.cost.Cost;
import dev.mainstay.journal.StepError;
import dev.mainstay.model.Usage;
import dev.mainstay.run.RunStopReason;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** How a run ended, written with its lease released, under the worker's fence. */
public record RunEnd(RunStopReason stopReason, String output, Optional<StepError> error, Usage usage, Cost cost,
        Instant at) {
    public RunEnd {
        Objects.requireNonNull(stopReason, "stopReason");
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(usage, "usage");
        Objects.requireNonNull(cost, "cost");
        Objects.requireNonNull(at, "at");
    }
}
