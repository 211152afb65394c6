package dev.mainstay.tool;

/** What running a tool does to the world. Durability and security policies depend on this declaration. */
public enum ToolEffect {
    /** Reads only; safe to run again. */
    READ_ONLY,
    /** Changes state, but running it twice with the same input has the effect of running it once. */
    IDEMPOTENT,
    /** Changes state and must run at most once per tool_use id. */
    SIDE_EFFECT
}
