package dev.mainstay.agent;

import dev.mainstay.journal.StepError;
import dev.mainstay.model.ModelResponse;
import java.util.Optional;

/**
 * What the loop does next. Every turn ends in one of these; the loop's {@code switch} has no default, so a new
 * kind of step is a compile error until the loop handles it.
 */
sealed interface Next {
    /** Ask the model (again). */
    record CallModel() implements Next {}

    /** Run the tools the model asked for in {@code response}, then ask the model again. */
    record RunTools(ModelResponse response, int step) implements Next {}

    /** End the run. */
    record Finish(RunStopReason reason, Optional<StepError> error) implements Next {
        static Finish because(RunStopReason reason) {
            return new Finish(reason, Optional.empty());
        }
    }
}
