package dev.mainstay.journal;

import dev.mainstay.cost.Cost;
import dev.mainstay.model.Failover;
import dev.mainstay.model.ModelResponse;
import dev.mainstay.model.Usage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A model call. On success {@code response} holds everything the model said, every block kept; on failure
 * {@code error} says why and {@code response} is empty. {@code model} is the model that answered, as the provider
 * reported it (or the one last tried, on failure).
 *
 * @param step the loop step, from 1: one model call and the tool calls it asked for share a step number
 * @param messagesSent how many messages the request carried
 * @param failovers the endpoints the call left before one answered (or before it failed), and why
 */
public record ModelStep(
        int step, String model, int messagesSent, Optional<ModelResponse> response, Usage usage, Cost cost,
        List<Failover> failovers, Instant startedAt, Duration duration, Optional<StepError> error)
        implements JournalEntry {

    public ModelStep {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(response, "response");
        Objects.requireNonNull(usage, "usage");
        Objects.requireNonNull(cost, "cost");
        failovers = List.copyOf(failovers);
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(error, "error");
        if (response.isPresent() == error.isPresent()) {
            throw new IllegalArgumentException("a model step has either a response or an error");
        }
    }
}
