package dev.mainstay.model;

import dev.mainstay.cost.Cost;
import java.util.List;
import java.util.Objects;

/**
 * What a model call through the chain came to, short of a failure: an answer with its cost, or a policy's refusal.
 * A provider failure (overloaded, timeout, 4xx) is a {@link ModelException}, not an outcome: it is broken
 * infrastructure or a bad request, and the retry and fallback layers decide on it.
 */
public sealed interface ModelOutcome {
    /**
     * The model answered.
     *
     * @param cost what the provider bills for this answer, priced inside the chain where a budget can settle it
     * @param failovers the endpoints this call left before one answered, oldest first; empty when the first did
     */
    record Answered(ModelResponse response, Cost cost, List<Failover> failovers) implements ModelOutcome {
        public Answered {
            Objects.requireNonNull(response, "response");
            Objects.requireNonNull(cost, "cost");
            failovers = List.copyOf(failovers);
        }

        public Answered withFailovers(List<Failover> earlier) {
            if (earlier.isEmpty()) {
                return this;
            }
            var all = new java.util.ArrayList<>(earlier);
            all.addAll(failovers);
            return new Answered(response, cost, all);
        }
    }

    /** A policy refused the call; nothing reached the provider. */
    record Refused(Refusal refusal, List<Failover> failovers) implements ModelOutcome {
        public Refused {
            Objects.requireNonNull(refusal, "refusal");
            failovers = List.copyOf(failovers);
        }

        public Refused(Refusal refusal) {
            this(refusal, List.of());
        }
    }
}
