package dev.mainstay.model;

import java.util.List;
import java.util.Objects;

/**
 * One call to a model. Immutable; derive variants with the {@code with…} methods.
 *
 * @param model the provider's model id, e.g. {@code claude-sonnet-4-5}
 * @param system the system prompt, empty for none
 * @param messages the conversation so far, oldest first, starting with a user message
 * @param tools the tools the model may call, in declaration order
 * @param maxTokens the most output tokens the model may write in this call
 * @param stream whether the call streams its response
 * @param cacheSystemPrompt whether to mark the system prompt and tool definitions as a prompt-cache breakpoint
 * @param thinkingBudget tokens of extended thinking the model may use before it answers ({@code budget_tokens});
 *     0 for none. Less than {@code maxTokens} when set.
 */
public record ModelRequest(
        String model,
        String system,
        List<Message> messages,
        List<ToolDefinition> tools,
        int maxTokens,
        boolean stream,
        boolean cacheSystemPrompt,
        int thinkingBudget) {

    public ModelRequest {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(system, "system");
        messages = List.copyOf(messages);
        tools = List.copyOf(tools);
        if (maxTokens <= 0) {
            throw new IllegalArgumentException("maxTokens must be positive, but was " + maxTokens);
        }
        if (messages.isEmpty()) {
            throw new IllegalArgumentException("a model request needs at least one message");
        }
        if (thinkingBudget < 0 || thinkingBudget > 0 && thinkingBudget >= maxTokens) {
            throw new IllegalArgumentException("thinkingBudget must be 0 or less than maxTokens (" + maxTokens
                    + "), but was " + thinkingBudget);
        }
    }

    /** A request without extended thinking. */
    public ModelRequest(String model, String system, List<Message> messages, List<ToolDefinition> tools,
            int maxTokens, boolean stream, boolean cacheSystemPrompt) {
        this(model, system, messages, tools, maxTokens, stream, cacheSystemPrompt, 0);
    }

    public ModelRequest withModel(String newModel) {
        return newModel.equals(model) ? this
                : new ModelRequest(newModel, system, messages, tools, maxTokens, stream, cacheSystemPrompt, thinkingBudget);
    }

    public ModelRequest withStream(boolean newStream) {
        return new ModelRequest(model, system, messages, tools, maxTokens, newStream, cacheSystemPrompt, thinkingBudget);
    }

    public ModelRequest withMaxTokens(int newMaxTokens) {
        return new ModelRequest(model, system, messages, tools, newMaxTokens, stream, cacheSystemPrompt,
                thinkingBudget >= newMaxTokens ? 0 : thinkingBudget);
    }
}
