package dev.mainstay.sim.internal;

import java.util.Objects;

/**
 * A request's {@code tool_choice}: how the reply may use the declared tools. {@link #DEFAULT} ({@code auto}) when
 * the request has none.
 */
public sealed interface ToolChoice {
    /** The model decides; {@code auto}. */
    ToolChoice DEFAULT = new Auto(false);

    /** With {@code true}, at most one tool_use ({@code auto}) or exactly one ({@code any}, {@code tool}). */
    boolean disableParallelToolUse();

    /** Whether the reply must call a tool ({@code any} or {@code tool}). */
    default boolean forcesToolUse() {
        return this instanceof Any || this instanceof Tool;
    }

    /** The brain decides whether to call tools. */
    record Auto(boolean disableParallelToolUse) implements ToolChoice {}

    /** The reply calls at least one tool, whichever. */
    record Any(boolean disableParallelToolUse) implements ToolChoice {}

    /** The reply calls the tool {@code name}, and no other. */
    record Tool(String name, boolean disableParallelToolUse) implements ToolChoice {
        public Tool {
            Objects.requireNonNull(name, "name");
        }
    }

    /** The reply calls no tool. */
    record None() implements ToolChoice {
        @Override
        public boolean disableParallelToolUse() {
            return false;
        }
    }
}
