package dev.mainstay.sim.brain;

import dev.mainstay.model.ToolResultBlock;
import dev.mainstay.model.ToolUseBlock;
import java.util.Objects;

/** A tool call the model made and the result the client sent back for it. */
record Exchange(ToolUseBlock use, ToolResultBlock result) {
    Exchange {
        Objects.requireNonNull(use, "use");
        Objects.requireNonNull(result, "result");
    }

    String tool() {
        return use.name();
    }

    String content() {
        return result.content();
    }

    boolean failed() {
        return result.isError();
    }
}
