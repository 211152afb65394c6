package dev.mainstay.policy;

import java.util.Locale;

/** Who put a content block into a run's context. */
public enum Origin {
    /** The agent's system prompt, written by whoever deployed the agent. */
    SYSTEM,
    /** The user: the run's task and the conversation's earlier user turns. */
    USER,
    /** The model's own answers: trusted only while nothing untrusted was in the context it answered from. */
    MODEL,
    /** A tool's result, as trusted as the tool declares its output ({@link dev.mainstay.tool.OutputTrust}). */
    TOOL;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
