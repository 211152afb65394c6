package dev.mainstay.context;

import dev.mainstay.cost.BilledAttempt;
import dev.mainstay.cost.Cost;
import dev.mainstay.model.CallContext;
import dev.mainstay.model.Message;
import dev.mainstay.model.Usage;
import java.util.List;
import java.util.Objects;

/**
 * Writes a summary of a conversation's older turns, for the {@link dev.mainstay.journal.Compaction.Policy#SUMMARISE}
 * policy. Implementations ask a (cheap) model; thread-safe.
 */
@FunctionalInterface
public interface Summariser {
    /**
     * A summary of {@code turns} (whole turns, oldest first).
     *
     * @param context the run's call context (step 0: before its first step)
     * @throws RuntimeException when no summary could be written (a provider failure, a budget's refusal); the
     *     compactor then truncates instead
     */
    Summary summarise(List<Message> turns, CallContext context);

    /**
     * A summary and what writing it cost.
     *
     * @param billed the attempts the provider billed for it, one ledger entry each
     */
    record Summary(String text, String model, Usage usage, Cost cost, List<BilledAttempt> billed) {
        public Summary {
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(usage, "usage");
            Objects.requireNonNull(cost, "cost");
            billed = List.copyOf(billed);
            if (text.isBlank()) {
                throw new IllegalArgumentException("a summary must not be blank");
            }
        }
    }
}
