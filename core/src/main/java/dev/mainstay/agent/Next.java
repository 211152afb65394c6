package dev.mainstay.agent;

import dev.mainstay.journal.StepError;
import dev.mainstay.run.RunStopReason;
import java.util.Optional;

/**
 * What the loop does next. Every turn ends in one of these; the loop's {@code switch} has no default, so a new
 * kind of step is a compile error until the loop handles it.
 */
sealed interface Next {
    /** Ask the model (again). */
    record CallModel() implements Next {}

    /** Run the tool calls of the pending model answer ({@link RunState#pending}) that have no outcome yet. */
    record RunTools() implements Next {}

    /**
     * Pause the run: every call of the pending answer that has no outcome waits for a person's approval. Nothing is
     * closed; the run resumes from its journal once the decisions are journaled.
     */
    record Suspend() implements Next {}

    /** End the run. */
    record Finish(RunStopReason reason, Optional<StepError> error) implements Next {
        static Finish because(RunStopReason reason) {
            return new Finish(reason, Optional.empty());
        }
    }
}
