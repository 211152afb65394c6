package dev.mainstay.agent;

import dev.mainstay.policy.AgentPolicy;
import dev.mainstay.run.RunLimits;
import dev.mainstay.tool.Toolbox;
import java.util.Objects;

/**
 * An agent: what it is told, which model it asks, which tools it may use and the limits of each run.
 *
 * @param stream whether model calls stream (text reaches listeners as {@code TextDelta} events)
 * @param cacheSystemPrompt whether the system prompt and tools are marked for prompt caching
 * @param thinkingBudget tokens of extended thinking per model call, 0 for none; less than the output-token limit
 * @param security the agent's security policy, per tool ({@link AgentPolicy}); {@link AgentPolicy#NONE} for none.
 *     The tool chain's POLICY link enforces it; the loop spotlights and fixes the plan.
 */
public record AgentSpec(
        String name, String systemPrompt, String model, Toolbox tools, RunLimits limits, boolean stream,
        boolean cacheSystemPrompt, int thinkingBudget, AgentPolicy security) {
    public AgentSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(systemPrompt, "systemPrompt");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(tools, "tools");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(security, "security");
        if (thinkingBudget < 0 || thinkingBudget > 0 && thinkingBudget >= limits.maxOutputTokens()) {
            throw new IllegalArgumentException("thinkingBudget must be 0 or less than maxOutputTokens ("
                    + limits.maxOutputTokens() + "), but was " + thinkingBudget);
        }
    }

    /** An agent with no security policy. */
    public AgentSpec(String name, String systemPrompt, String model, Toolbox tools, RunLimits limits, boolean stream,
            boolean cacheSystemPrompt, int thinkingBudget) {
        this(name, systemPrompt, model, tools, limits, stream, cacheSystemPrompt, thinkingBudget, AgentPolicy.NONE);
    }

    /** An agent without extended thinking or a security policy. */
    public AgentSpec(String name, String systemPrompt, String model, Toolbox tools, RunLimits limits, boolean stream,
            boolean cacheSystemPrompt) {
        this(name, systemPrompt, model, tools, limits, stream, cacheSystemPrompt, 0, AgentPolicy.NONE);
    }

    public AgentSpec withModel(String newModel) {
        return new AgentSpec(name, systemPrompt, newModel, tools, limits, stream, cacheSystemPrompt, thinkingBudget,
                security);
    }

    public AgentSpec withLimits(RunLimits newLimits) {
        return new AgentSpec(name, systemPrompt, model, tools, newLimits, stream, cacheSystemPrompt, thinkingBudget,
                security);
    }

    public AgentSpec withStream(boolean newStream) {
        return new AgentSpec(name, systemPrompt, model, tools, limits, newStream, cacheSystemPrompt, thinkingBudget,
                security);
    }

    public AgentSpec withThinkingBudget(int tokens) {
        return new AgentSpec(name, systemPrompt, model, tools, limits, stream, cacheSystemPrompt, tokens, security);
    }

    public AgentSpec withTools(Toolbox newTools) {
        return new AgentSpec(name, systemPrompt, model, newTools, limits, stream, cacheSystemPrompt, thinkingBudget,
                security);
    }

    public AgentSpec withSecurity(AgentPolicy newSecurity) {
        return new AgentSpec(name, systemPrompt, model, tools, limits, stream, cacheSystemPrompt, thinkingBudget,
                newSecurity);
    }
}
