package dev.mainstay.cost;

import dev.mainstay.model.Usage;
import java.util.Objects;

/**
 * One attempt of a model call that the provider billed: the answer, or a failed attempt that still returned usage
 * (a stream that broke off after tokens were generated). Every billed attempt becomes one ledger entry.
 *
 * @param endpoint the endpoint the attempt went to (its chain name, e.g. {@code anthropic:claude-sonnet-4-5})
 * @param model the model the provider reported (or was asked for, when it reported none)
 * @param usage the tokens billed, as the provider reported them
 * @param cost the priced usage (unknown when the model has no price)
 */
public record BilledAttempt(String endpoint, String model, Usage usage, Cost cost) {
    public BilledAttempt {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(usage, "usage");
        Objects.requireNonNull(cost, "cost");
    }
}
