package dev.mainstay.tool;

import java.util.Objects;

/**
 * What a side-effecting tool says about a call whose intent was journaled but whose outcome was not (the worker
 * died between the two). The loop never runs such a call again on a guess: it asks the tool.
 */
public sealed interface Reconciliation {
    /** The effect happened; {@code result} is what the model is told, as if the call had just returned. */
    record Done(ToolResult result) implements Reconciliation {
        public Done {
            Objects.requireNonNull(result, "result");
        }
    }

    /** The effect did not happen: the call is safe to run now. */
    record NotDone() implements Reconciliation {}

    /**
     * The tool cannot tell. The outcome is recorded as unknown and the model is told so; the call is not run
     * again.
     */
    record Unknown(String reason) implements Reconciliation {
        public Unknown {
            Objects.requireNonNull(reason, "reason");
        }
    }

    static Reconciliation unknown(String reason) {
        return new Unknown(reason);
    }
}
