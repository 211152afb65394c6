package dev.mainstay.context;

import dev.mainstay.journal.Compaction;
import dev.mainstay.model.CallContext;
import dev.mainstay.run.RunRequest;
import java.util.Optional;

/**
 * Compacts a run's conversation history before its first model call, when it would pass a token budget. The agent
 * loop asks once, before it opens a new run, and journals the answer with the opening ({@link Compaction}); a resumed
 * run never asks again. Implementations are thread-safe and never throw for an expected outcome: a summary that could
 * not be written falls back to a truncation.
 */
@FunctionalInterface
public interface ContextCompactor {
    /** Compacts nothing. */
    ContextCompactor NONE = (request, context) -> Optional.empty();

    /**
     * How to compact {@code request}'s history, empty to send it whole.
     *
     * @param context the run's call context, for a summary's model call (step 0)
     */
    Optional<Compaction> compact(RunRequest request, CallContext context);
}
