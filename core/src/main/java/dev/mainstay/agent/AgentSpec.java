package dev.mainstay.agent;

import dev.mainstay.run.RunLimits;
import dev.mainstay.tool.Toolbox;
import java.util.Objects;

/**
 * An agent: what it is told, which model it asks, which tools it may use and the limits of each run.
 *
 * @param stream whether model calls stream (text reaches listeners as {@code TextDelta} events)
 * @param cacheSystemPrompt whether the system prompt and tools are marked for prompt caching
 * @param thinkingBudget tokens of extended thinking per model call, 0 for none; less than the output-token limit
 */
public record AgentSpec(
        String name, String systemPrompt, String model, Toolbox tools, RunLimits limits, boolean stream,
        boolean cacheSystemPrompt, int thinkingBudget) {
    public AgentSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(systemPrompt, "systemPrompt");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(tools, "tools");
        Objects.requireNonNull(limits, "limits");
        if (thinkingBudget < 0 || thinkingBudget > 0 && thinkingBudget >= limits.maxOutputTokens()) {
            throw new IllegalArgumentException("thinkingBudget must be 0 or less than maxOutputTokens ("
                    + limits.maxOutputTokens() + "), but was " + thinkingBudget);
        }
    }

    /** An agent without extended thinking. */
    public AgentSpec(String name, String systemPrompt, String model, Toolbox tools, RunLimits limits, boolean stream,
            boolean cacheSystemPrompt) {
        this(name, systemPrompt, model, tools, limits, stream, cacheSystemPrompt, 0);
    }

    public AgentSpec withModel(String newModel) {
        return new AgentSpec(name, systemPrompt, newModel, tools, limits, stream, cacheSystemPrompt, thinkingBudget);
    }

    public AgentSpec withLimits(RunLimits newLimits) {
        return new AgentSpec(name, systemPrompt, model, tools, newLimits, stream, cacheSystemPrompt, thinkingBudget);
    }

    public AgentSpec withStream(boolean newStream) {
        return new AgentSpec(name, systemPrompt, model, tools, limits, newStream, cacheSystemPrompt, thinkingBudget);
    }

    public AgentSpec withThinkingBudget(int tokens) {
        return new AgentSpec(name, systemPrompt, model, tools, limits, stream, cacheSystemPrompt, tokens);
    }
}
