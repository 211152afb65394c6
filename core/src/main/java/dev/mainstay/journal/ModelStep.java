package dev.mainstay.journal;

import dev.mainstay.cost.BilledAttempt;
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
 * @param usage the tokens billed for the whole logical call: the sum of {@code billed} (the answer and the failed
 *     attempts before it that the provider billed), or the answer's own usage in steps that do not itemise
 * @param cost what {@code usage} cost
 * @param failovers the endpoints the call left before one answered (or before it failed), and why
 * @param billed every attempt of this call the provider billed, oldest first: one ledger entry each. Empty when
 *     nothing was billed, and in entries written before journal version 4
 * @param priceTable the {@link dev.mainstay.cost.PriceTable#version()} that priced {@code billed}; empty when the
 *     entry predates versioned prices
 * @param route the routing rule that chose the model asked for (e.g. {@code input_tokens>20000}); empty when no rule
 *     matched, no routing is configured, or the entry predates journal version 5
 * @param cacheHit whether the response cache answered this step: no provider call, {@code usage} and {@code cost}
 *     zero, nothing billed; {@code response} is the stored answer (its usage what the original call was billed).
 *     False in entries written before journal version 6
 */
public record ModelStep(
        int step, String model, int messagesSent, Optional<ModelResponse> response, Usage usage, Cost cost,
        List<Failover> failovers, Instant startedAt, Duration duration, Optional<StepError> error,
        List<BilledAttempt> billed, String priceTable, String route, boolean cacheHit)
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
        billed = List.copyOf(billed);
        Objects.requireNonNull(priceTable, "priceTable");
        Objects.requireNonNull(route, "route");
    }

    /** A step the provider answered (not the response cache), as journal version 5 wrote. */
    public ModelStep(int step, String model, int messagesSent, Optional<ModelResponse> response, Usage usage,
            Cost cost, List<Failover> failovers, Instant startedAt, Duration duration, Optional<StepError> error,
            List<BilledAttempt> billed, String priceTable, String route) {
        this(step, model, messagesSent, response, usage, cost, failovers, startedAt, duration, error, billed,
                priceTable, route, false);
    }

    /** A step no routing rule chose the model of, as journal version 4 wrote. */
    public ModelStep(int step, String model, int messagesSent, Optional<ModelResponse> response, Usage usage,
            Cost cost, List<Failover> failovers, Instant startedAt, Duration duration, Optional<StepError> error,
            List<BilledAttempt> billed, String priceTable) {
        this(step, model, messagesSent, response, usage, cost, failovers, startedAt, duration, error, billed,
                priceTable, "", false);
    }

    /** A step without its billed attempts itemised or a price-table version, as journal versions 1 to 3 wrote. */
    public ModelStep(int step, String model, int messagesSent, Optional<ModelResponse> response, Usage usage,
            Cost cost, List<Failover> failovers, Instant startedAt, Duration duration, Optional<StepError> error) {
        this(step, model, messagesSent, response, usage, cost, failovers, startedAt, duration, error, List.of(), "", "",
                false);
    }
}
