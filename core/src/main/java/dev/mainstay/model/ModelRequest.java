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
 */
public record ModelRequest(
        String model,
        String system,
        List<Message> messages,
        List<ToolDefinition> tools,
        int maxTokens,
        boolean stream,
        boolean cacheSystemPrompt) {

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
    }

    public ModelRequest withModel(String newModel) {
        return new ModelRequest(newModel, system, messages, tools, maxTokens, stream, cacheSystemPrompt);
    }

    public ModelRequest withStream(boolean newStream) {
        return new ModelRequest(model, system, messages, tools, maxTokens, newStream, cacheSystemPrompt);
    }

    public ModelRequest withMaxTokens(int newMaxTokens) {
        return new ModelRequest(model, system, messages, tools, newMaxTokens, stream, cacheSystemPrompt);
    }
}
