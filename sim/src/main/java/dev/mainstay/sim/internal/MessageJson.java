package dev.mainstay.sim.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mainstay.json.Json;
import dev.mainstay.model.ContentBlock;
import dev.mainstay.model.RawBlock;
import dev.mainstay.model.RedactedThinkingBlock;
import dev.mainstay.model.TextBlock;
import dev.mainstay.model.ThinkingBlock;
import dev.mainstay.model.TokenEstimator;
import dev.mainstay.model.ToolResultBlock;
import dev.mainstay.model.ToolUseBlock;
import dev.mainstay.model.Usage;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a {@link Completion} in the Messages API's exact shapes: the non-streaming message object, and the SSE
 * event sequence {@code message_start}, {@code content_block_start}, {@code ping} (after the first block start),
 * {@code content_block_delta}…, {@code content_block_stop} per block, {@code message_delta}, {@code message_stop}.
 * Field order follows the real API. Deterministic: the same completion gives the same bytes.
 */
public final class MessageJson {
    /** Text deltas are cut at the first whitespace after this many characters. */
    static final int TEXT_CHUNK_CHARS = 16;
    /** Tool input JSON is streamed in pieces of this many characters. */
    static final int JSON_CHUNK_CHARS = 24;

    private MessageJson() {}

    /** The non-streaming response body. */
    public static ObjectNode message(Completion completion) {
        var message = header(completion);
        var content = message.putArray("content");
        for (var block : completion.content()) {
            content.add(block(block));
        }
        message.put("stop_reason", completion.stopReason().value());
        message.put("stop_sequence", completion.stopSequence());
        message.set("usage", usage(completion.usage(), completion.usage().outputTokens()));
        return message;
    }

    /** The whole SSE event sequence of a successful stream. */
    public static List<SseEvent> events(Completion completion) {
        var events = new ArrayList<SseEvent>();
        var start = header(completion);
        start.putArray("content");
        start.putNull("stop_reason");
        start.putNull("stop_sequence");
        start.set("usage", usage(completion.usage(), 1));
        events.add(event("message_start", Json.object().put("type", "message_start").set("message", start), 0));
        if (completion.content().isEmpty()) {
            events.add(ping());
        }
        for (int index = 0; index < completion.content().size(); index++) {
            var block = completion.content().get(index);
            var opening = Json.object().put("type", "content_block_start").put("index", index);
            opening.set("content_block", blockStart(block));
            events.add(event("content_block_start", opening, 0));
            if (index == 0) {
                events.add(ping());
            }
            for (var delta : deltas(block)) {
                var payload = Json.object().put("type", "content_block_delta").put("index", index);
                payload.set("delta", delta);
                events.add(event("content_block_delta", payload, TokenEstimator.estimateText(deltaText(delta))));
            }
            events.add(event("content_block_stop",
                    Json.object().put("type", "content_block_stop").put("index", index), 0));
        }
        var messageDelta = Json.object().put("type", "message_delta");
        messageDelta.putObject("delta").put("stop_reason", completion.stopReason().value())
                .put("stop_sequence", completion.stopSequence());
        var usage = messageDelta.putObject("usage");
        usage.put("input_tokens", completion.usage().inputTokens());
        usage.put("cache_creation_input_tokens", completion.usage().cacheCreationInputTokens());
        usage.put("cache_read_input_tokens", completion.usage().cacheReadInputTokens());
        usage.put("output_tokens", completion.usage().outputTokens());
        events.add(event("message_delta", messageDelta, 0));
        events.add(event("message_stop", Json.object().put("type", "message_stop"), 0));
        return events;
    }

    /** The {@code event: error} a stream sends when it fails after it started. */
    public static SseEvent errorEvent(String errorType, String message) {
        var data = Json.object().put("type", "error");
        data.putObject("error").put("type", errorType).put("message", message);
        return event("error", data, 0);
    }

    private static ObjectNode header(Completion completion) {
        return Json.object()
                .put("id", completion.id())
                .put("type", "message")
                .put("role", "assistant")
                .put("model", completion.model());
    }

    private static ObjectNode usage(Usage usage, long outputTokens) {
        var node = Json.object();
        node.put("input_tokens", usage.inputTokens());
        node.put("cache_creation_input_tokens", usage.cacheCreationInputTokens());
        node.put("cache_read_input_tokens", usage.cacheReadInputTokens());
        node.putObject("cache_creation")
                .put("ephemeral_5m_input_tokens", usage.cacheWrite5mTokens())
                .put("ephemeral_1h_input_tokens", usage.cacheWrite1hTokens());
        node.put("output_tokens", outputTokens);
        node.put("service_tier", "standard");
        return node;
    }

    private static ObjectNode block(ContentBlock block) {
        return switch (block) {
            case TextBlock text -> Json.object().put("type", "text").put("text", text.text());
            case ToolUseBlock use -> {
                var node = Json.object().put("type", "tool_use").put("id", use.id()).put("name", use.name());
                node.set("input", use.input().deepCopy());
                yield node;
            }
            case ToolResultBlock result -> throw new IllegalArgumentException(
                    "a model reply cannot contain a tool_result block (tool_use_id " + result.toolUseId() + ")");
            case ThinkingBlock thinking -> Json.object().put("type", "thinking").put("thinking", thinking.thinking())
                    .put("signature", thinking.signature());
            case RedactedThinkingBlock redacted ->
                Json.object().put("type", "redacted_thinking").put("data", redacted.data());
            case RawBlock raw -> raw.json();
        };
    }

    private static ObjectNode blockStart(ContentBlock block) {
        return switch (block) {
            case TextBlock ignored -> Json.object().put("type", "text").put("text", "");
            case ToolUseBlock use -> {
                var node = Json.object().put("type", "tool_use").put("id", use.id()).put("name", use.name());
                node.putObject("input");
                yield node;
            }
            case ToolResultBlock result -> block(result);
            case ThinkingBlock ignored ->
                Json.object().put("type", "thinking").put("thinking", "").put("signature", "");
            case RedactedThinkingBlock redacted -> block(redacted);
            case RawBlock raw -> block(raw);
        };
    }

    private static List<ObjectNode> deltas(ContentBlock block) {
        var deltas = new ArrayList<ObjectNode>();
        switch (block) {
            case TextBlock text -> {
                for (var chunk : textChunks(text.text())) {
                    deltas.add(Json.object().put("type", "text_delta").put("text", chunk));
                }
            }
            case ToolUseBlock use -> {
                var json = Json.write(use.input());
                deltas.add(Json.object().put("type", "input_json_delta").put("partial_json", ""));
                int at = 0;
                while (at < json.length()) {
                    int end = Math.min(json.length(), at + JSON_CHUNK_CHARS);
                    if (end < json.length() && Character.isHighSurrogate(json.charAt(end - 1))) {
                        end++;
                    }
                    var piece = json.substring(at, end);
                    deltas.add(Json.object().put("type", "input_json_delta").put("partial_json", piece));
                    at = end;
                }
            }
            case ToolResultBlock ignored -> {
                // rejected by blockStart before this point
            }
            case ThinkingBlock thinking -> {
                for (var chunk : textChunks(thinking.thinking())) {
                    deltas.add(Json.object().put("type", "thinking_delta").put("thinking", chunk));
                }
                deltas.add(Json.object().put("type", "signature_delta").put("signature", thinking.signature()));
            }
            case RedactedThinkingBlock ignored -> {
                // sent whole in content_block_start
            }
            case RawBlock ignored -> {
                // sent whole in content_block_start
            }
        }
        return deltas;
    }

    /** The generated text a delta carries (none for a signature), for per-token latency. */
    private static String deltaText(ObjectNode delta) {
        return switch (delta.path("type").asText()) {
            case "text_delta" -> delta.path("text").asText();
            case "input_json_delta" -> delta.path("partial_json").asText();
            case "thinking_delta" -> delta.path("thinking").asText();
            default -> "";
        };
    }

    /** The wire {@code type} of a content block. */
    static String type(ContentBlock block) {
        return switch (block) {
            case TextBlock ignored -> "text";
            case ToolUseBlock ignored -> "tool_use";
            case ToolResultBlock ignored -> "tool_result";
            case ThinkingBlock ignored -> "thinking";
            case RedactedThinkingBlock ignored -> "redacted_thinking";
            case RawBlock raw -> raw.type();
        };
    }

    /** Splits text after whitespace into chunks of at least {@link #TEXT_CHUNK_CHARS} characters (but the last). */
    static List<String> textChunks(String text) {
        var chunks = new ArrayList<String>();
        int start = 0;
        while (start < text.length()) {
            int end = Math.min(text.length(), start + TEXT_CHUNK_CHARS);
            while (end < text.length() && !Character.isWhitespace(text.charAt(end - 1))) {
                end++;
            }
            if (end < text.length() && Character.isLowSurrogate(text.charAt(end))) {
                end++;
            }
            chunks.add(text.substring(start, end));
            start = end;
        }
        return chunks;
    }

    private static SseEvent ping() {
        return new SseEvent("ping", "{\"type\": \"ping\"}", 0);
    }

    private static SseEvent event(String name, ObjectNode data, long outputTokens) {
        return new SseEvent(name, Json.write(data), outputTokens);
    }
}
