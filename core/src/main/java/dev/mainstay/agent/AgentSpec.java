package dev.mainstay.agent;

import dev.mainstay.tool.Toolbox;
import java.util.Objects;

/**
 * An agent: what it is told, which model it asks, which tools it may use and the limits of each run.
 *
 * @param stream whether model calls stream (text reaches listeners as {@code TextDelta} events)
 * @param cacheSystemPrompt whether the system prompt and tools are marked for prompt caching
 */
public record AgentSpec(
        String name, String systemPrompt, String model, Toolbox tools, RunLimits limits, boolean stream,
        boolean cacheSystemPrompt) {
    public AgentSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(systemPrompt, "systemPrompt");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(tools, "tools");
        Objects.requireNonNull(limits, "limits");
    }

    public AgentSpec withModel(String newModel) {
        return new AgentSpec(name, systemPrompt, newModel, tools, limits, stream, cacheSystemPrompt);
    }

    public AgentSpec withLimits(RunLimits newLimits) {
        return new AgentSpec(name, systemPrompt, model, tools, newLimits, stream, cacheSystemPrompt);
    }

    public AgentSpec withStream(boolean newStream) {
        return new AgentSpec(name, systemPrompt, model, tools, limits, newStream, cacheSystemPrompt);
    }
}
