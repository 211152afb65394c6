package dev.mainstay.openai;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mainstay.json.Json;
import dev.mainstay.model.ContentBlock;
import dev.mainstay.model.Message;
import dev.mainstay.model.ModelRequest;
import dev.mainstay.model.RawBlock;
import dev.mainstay.model.RedactedThinkingBlock;
import dev.mainstay.model.TextBlock;
import dev.mainstay.model.ThinkingBlock;
import dev.mainstay.model.ToolDefinition;
import dev.mainstay.model.ToolResultBlock;
import dev.mainstay.model.ToolUseBlock;
import java.util.ArrayList;

/**
 * Turns Mainstay's {@link ModelRequest} (shaped like the Messages API) into a Chat Completions request body.
 *
 * <ul>
 *   <li>the system prompt → a leading {@code system} message;
 *   <li>a user message → one {@code tool} message per {@link ToolResultBlock} (first, because Chat Completions
 *       wants tool answers right after the assistant turn that asked), then one {@code user} message with its text
 *       blocks joined by newlines; a failed result's content is prefixed with {@value #ERROR_PREFIX};
 *   <li>an assistant message → one {@code assistant} message with its text as {@code content} ({@code null} when it
 *       has only tool calls) and each {@link ToolUseBlock} as a {@code function} entry of {@code tool_calls}, the
 *       input serialised to a JSON string;
 *   <li>tools → {@code {"type":"function","function":{"name","description","parameters"}}}, omitted when none;
 *   <li>{@code maxTokens} → {@code max_completion_tokens}, the current name ({@code max_tokens} is deprecated by
 *       OpenAI and rejected by its reasoning models; vLLM, Ollama and LiteLLM accept the new name);
 *   <li>streaming → {@code "stream": true, "stream_options": {"include_usage": true}} so the last chunk carries usage.
 * </ul>
 * {@code cacheSystemPrompt} has no equivalent: OpenAI caches long prompt prefixes by itself. Stateless.
 */
final class ChatRequestMapper {
    static final String ERROR_PREFIX = "ERROR: ";

    private ChatRequestMapper() {}

    /**
     * @throws IllegalArgumentException when a message holds a block its role cannot carry (a tool_use from the user,
     *     a tool_result from the assistant)
     */
    static ObjectNode toBody(ModelRequest request, String model) {
        var body = Json.object();
        body.put("model", model);
        var messages = body.putArray("messages");
        if (!request.system().isEmpty()) {
            messages.addObject().put("role", "system").put("content", request.system());
        }
        for (int i = 0; i < request.messages().size(); i++) {
            var message = request.messages().get(i);
            switch (message.role()) {
                case USER -> addUser(messages, message, i);
                case ASSISTANT -> addAssistant(messages, message, i);
            }
        }
        if (!request.tools().isEmpty()) {
            var tools = body.putArray("tools");
            for (var tool : request.tools()) {
                addTool(tools, tool);
            }
        }
        body.put("max_completion_tokens", request.maxTokens());
        if (request.stream()) {
            body.put("stream", true);
            body.putObject("stream_options").put("include_usage", true);
        }
        return body;
    }

    private static void addUser(ArrayNode messages, Message message, int position) {
        var texts = new ArrayList<String>();
        for (ContentBlock block : message.content()) {
            switch (block) {
                case TextBlock text -> texts.add(text.text());
                case ToolResultBlock result -> messages.addObject()
                        .put("role", "tool")
                        .put("tool_call_id", result.toolUseId())
                        .put("content", result.isError() ? ERROR_PREFIX + result.content() : result.content());
                case ToolUseBlock use -> throw new IllegalArgumentException(
                        "message " + position + " is a user message but holds tool_use " + use.id());
                case ThinkingBlock ignored -> {
                    // Claude's thinking has no Chat Completions form; another provider cannot verify it
                }
                case RedactedThinkingBlock ignored -> {
                    // as above
                }
                case RawBlock ignored -> {
                    // a provider-specific block: not sendable to another provider
                }
            }
        }
        boolean onlyToolResults = texts.isEmpty() && !message.content().isEmpty();
        if (!onlyToolResults) {
            messages.addObject().put("role", "user").put("content", String.join("\n", texts));
        }
    }

    private static void addAssistant(ArrayNode messages, Message message, int position) {
        var texts = new ArrayList<String>();
        var calls = Json.mapper().createArrayNode();
        for (ContentBlock block : message.content()) {
            switch (block) {
                case TextBlock text -> texts.add(text.text());
                case ToolUseBlock use -> {
                    var call = calls.addObject().put("id", use.id()).put("type", "function");
                    call.putObject("function").put("name", use.name()).put("arguments", Json.write(use.input()));
                }
                case ToolResultBlock result -> throw new IllegalArgumentException(
                        "message " + position + " is an assistant message but holds tool_result "
                                + result.toolUseId());
                case ThinkingBlock ignored -> {
                    // Claude's thinking has no Chat Completions form; another provider cannot verify it
                }
                case RedactedThinkingBlock ignored -> {
                    // as above
                }
                case RawBlock ignored -> {
                    // a provider-specific block: not sendable to another provider
                }
            }
        }
        var assistant = messages.addObject().put("role", "assistant");
        if (texts.isEmpty() && !calls.isEmpty()) {
            assistant.putNull("content");
        } else {
            assistant.put("content", String.join("\n", texts));
        }
        if (!calls.isEmpty()) {
            assistant.set("tool_calls", calls);
        }
    }

    private static void addTool(ArrayNode tools, ToolDefinition tool) {
        var function = tools.addObject().put("type", "function").putObject("function");
        function.put("name", tool.name()).put("description", tool.description());
        function.set("parameters", tool.inputSchema());
    }
}
