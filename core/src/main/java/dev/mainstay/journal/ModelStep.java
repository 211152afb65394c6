package dev.mainstay.journal;

import dev.mainstay.model.ModelResponse;
import dev.mainstay.model.Usage;
import dev.mainstay.cost.Cost;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A model call. On success {@code response} holds what the model said; on failure {@code error} says why and
 * {@code response} is empty. {@code model} is the model that answered (or was last tried).
 */
public record ModelStep(
        String runId, int seq, int step, String model, int messagesSent, Optional<ModelResponse> response,
        Usage usage, Cost cost, Instant startedAt, Duration duration, Optional<StepError> error)
        implements JournalEntry {

    public ModelStep {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(response, "response");
        Objects.requireNonNull(usage, "usage");
        Objects.requireNonNull(cost, "cost");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(error, "error");
        if (response.isPresent() == error.isPresent()) {
            throw new IllegalArgumentException("a model step has either a response or an error");
        }
    }
}
