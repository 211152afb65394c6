package dev.mainstay.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mainstay.json.Json;
import dev.mainstay.model.ContentBlock;
import dev.mainstay.model.ModelConnectionException;
import dev.mainstay.model.ModelResponse;
import dev.mainstay.model.StopReason;
import dev.mainstay.model.TextBlock;
import dev.mainstay.model.ToolUseBlock;
import dev.mainstay.model.Usage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a Chat Completions answer into Mainstay's {@link ModelResponse}; also holds the rules the stream
 * accumulator shares. Only {@code choices[0]} is read (the client never asks for {@code n > 1}).
 *
 * <ul>
 *   <li>{@code message.content} (and a {@code refusal}) → one leading {@link TextBlock}, omitted when empty;
 *   <li>{@code tool_calls} → {@link ToolUseBlock}s in order, {@code arguments} parsed to a JSON object; a call
 *       without an id gets {@code <response id>_call_<i>} so the journal can still key it;
 *   <li>{@code finish_reason}: {@code stop} → {@code end_turn} ({@code tool_use} when the message does carry tool
 *       calls: some servers say {@code stop} there), {@code tool_calls}/{@code function_call} → {@code tool_use},
 *       {@code length} → {@code max_tokens}, {@code content_filter} → {@code refusal}, any other value kept as is;
 *   <li>usage: {@code prompt_tokens - cached_tokens} → input, {@code cached_tokens} → cache read (so input plus
 *       cache read equals {@code prompt_tokens}), {@code completion_tokens} → output; absent usage is zero.
 * </ul>
 *
 * <p>A body that is not JSON, has no choice, or whose tool arguments are not a JSON object is an unreadable
 * response: {@link ModelConnectionException}, without the body (it may quote the conversation). Arguments cut
 * short by {@code finish_reason: length} are expected instead: such an incomplete call is dropped. Stateless.
 */
final class ChatResponseMapper {
    private ChatResponseMapper() {}

    /** One tool call as the wire carries it; {@code arguments} is the raw JSON text. */
    record ToolCallParts(String id, String name, String arguments) {}

    static JsonNode parse(byte[] body, String what, boolean contentDelivered) {
        try {
            return Json.mapper().readTree(body);
        } catch (IOException e) {
            // no cause: a parser message quotes the offending text
            throw new ModelConnectionException(
                    "the endpoint sent " + what + " that is not valid JSON", contentDelivered, null);
        }
    }

    static ModelResponse toResponse(JsonNode root, String requestedModel, String requestId) {
        var choice = root.path("choices").path(0);
        if (!choice.isObject()) {
            throw new ModelConnectionException("the endpoint sent a completion without choices", false, null);
        }
        var id = text(root.get("id"));
        var message = choice.path("message");
        var refusal = text(message.get("refusal"));
        var content = contentText(message.get("content"));
        var calls = new ArrayList<ToolCallParts>();
        var toolCalls = message.path("tool_calls");
        for (int i = 0; i < toolCalls.size(); i++) {
            var function = toolCalls.get(i).path("function");
            if (!function.isObject()) {
                continue; // a non-function tool kind; the client declares only functions
            }
            var arguments = function.get("arguments");
            calls.add(new ToolCallParts(
                    callId(text(toolCalls.get(i).get("id")), id, i),
                    text(function.get("name")),
                    arguments != null && arguments.isObject() ? Json.write(arguments) : text(arguments)));
        }
        boolean refused = content.isEmpty() && !refusal.isEmpty();
        var stop = stopReason(text(choice.get("finish_reason")), !calls.isEmpty(), refused);
        return new ModelResponse(
                id,
                modelOr(text(root.get("model")), requestedModel),
                blocks(refused ? refusal : content, calls, stop, false),
                stop,
                usage(root.get("usage")),
                requestId);
    }

    /** The content blocks: the text first (when not empty), then each complete tool call. */
    static List<ContentBlock> blocks(String text, List<ToolCallParts> calls, StopReason stop, boolean delivered) {
        var blocks = new ArrayList<ContentBlock>();
        if (!text.isEmpty()) {
            blocks.add(new TextBlock(text));
        }
        for (var call : calls) {
            if (call.name().isBlank()) {
                throw new ModelConnectionException(
                        "the endpoint sent tool call " + call.id() + " without a function name", delivered, null);
            }
            var input = arguments(call.arguments());
            if (input != null) {
                blocks.add(new ToolUseBlock(call.id(), call.name(), input));
            } else if (!stop.equals(StopReason.MAX_TOKENS)) {
                // no cause and no quote: the arguments are the model's output
                throw new ModelConnectionException(
                        "malformed tool arguments: the arguments of tool call " + call.id()
                                + " are not a JSON object", delivered, null);
            }
        }
        return blocks;
    }

    static StopReason stopReason(String finishReason, boolean hasToolCalls, boolean refused) {
        if (refused) {
            return StopReason.REFUSAL;
        }
        return switch (finishReason) {
            case "", "stop" -> hasToolCalls ? StopReason.TOOL_USE : StopReason.END_TURN;
            case "tool_calls", "function_call" -> StopReason.TOOL_USE;
            case "length" -> StopReason.MAX_TOKENS;
            case "content_filter" -> StopReason.REFUSAL;
            default -> StopReason.of(finishReason);
        };
    }

    static Usage usage(JsonNode usage) {
        if (usage == null || !usage.isObject()) {
            return Usage.ZERO;
        }
        long prompt = count(usage.get("prompt_tokens"));
        long completion = count(usage.get("completion_tokens"));
        long cached = Math.min(prompt, count(usage.path("prompt_tokens_details").get("cached_tokens")));
        return new Usage(prompt - cached, completion, 0, cached);
    }

    static String callId(String id, String responseId, int index) {
        return id.isBlank() ? (responseId.isBlank() ? "call" : responseId) + "_call_" + index : id;
    }

    static String modelOr(String reported, String requested) {
        return reported.isBlank() ? requested : reported;
    }

    /** The text of a JSON string node; empty for null, missing or non-textual nodes. */
    static String text(JsonNode node) {
        return node != null && node.isTextual() ? node.asText() : "";
    }

    /** {@code content} as a string, or as an array of {@code {"type":"text","text":…}} parts some servers send. */
    private static String contentText(JsonNode content) {
        if (content == null || !content.isArray()) {
            return text(content);
        }
        var joined = new StringBuilder();
        for (var part : content) {
            joined.append(text(part.get("text")));
        }
        return joined.toString();
    }

    /** The arguments as a JSON object, an empty one for blank arguments, or null when they are not an object. */
    private static ObjectNode arguments(String json) {
        if (json.isBlank()) {
            return Json.object();
        }
        try {
            return Json.parseObject(json);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static long count(JsonNode node) {
        return node != null && node.canConvertToLong() ? Math.max(0, node.asLong()) : 0;
    }
}
