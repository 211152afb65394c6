package dev.mainstay.sim.internal;

/** A request's {@code thinking}: whether the reply starts with a thinking block, and how much it may think. */
public sealed interface Thinking {
    /** No thinking block; also what a request without {@code thinking} gets. */
    Thinking DISABLED = new Disabled();

    /** Whether the reply carries a thinking block. */
    default boolean isOn() {
        return !(this instanceof Disabled);
    }

    /** {@code {"type": "disabled"}} or no {@code thinking} at all. */
    record Disabled() implements Thinking {}

    /**
     * {@code {"type": "enabled", "budget_tokens": N}}.
     *
     * @param budgetTokens at least {@link ThinkingParser#MIN_BUDGET_TOKENS} and less than {@code max_tokens}
     * @param omitted {@code display: "omitted"}: the block comes back with empty text but a signature
     */
    record Enabled(int budgetTokens, boolean omitted) implements Thinking {}

    /**
     * {@code {"type": "adaptive"}}: the model decides how much to think; the simulator always thinks briefly.
     *
     * @param omitted {@code display: "omitted"}: the block comes back with empty text but a signature
     */
    record Adaptive(boolean omitted) implements Thinking {}
}
