package dev.mainstay.journal.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mainstay.json.Json;
import dev.mainstay.model.ContentBlock;
import dev.mainstay.model.ModelResponse;
import dev.mainstay.model.RawBlock;
import dev.mainstay.model.RedactedThinkingBlock;
import dev.mainstay.model.StopReason;
import dev.mainstay.model.TextBlock;
import dev.mainstay.model.ThinkingBlock;
import dev.mainstay.model.ToolResultBlock;
import dev.mainstay.model.ToolUseBlock;
import dev.mainstay.model.Usage;
import java.util.ArrayList;
import java.util.List;

/** Responses, content blocks and usage in the journal, in the Messages API's own shapes. */
public final class ContentJson {
    private ContentJson() {}

    static ObjectNode response(ModelResponse r) {
        var node = Json.object().put("id", r.id()).put("model", r.model()).put("stop_reason", r.stopReason().value())
                .put("request_id", r.requestId());
        node.set("content", blocks(r.content()));
        node.set("usage", usage(r.usage()));
        return node;
    }

    static ModelResponse response(ObjectNode n) {
        return new ModelResponse(Fields.text(n, "id"), Fields.text(n, "model"), blocks(n.path("content")),
                StopReason.of(Fields.text(n, "stop_reason")), usage(n.path("usage")), n.path("request_id").asText(""));
    }

    public static ArrayNode blocks(List<ContentBlock> blocks) {
        var array = Json.mapper().createArrayNode();
        blocks.forEach(b -> array.add(block(b)));
        return array;
    }

    public static ObjectNode block(ContentBlock block) {
        return switch (block) {
            case TextBlock t -> Json.object().put("type", "text").put("text", t.text());
            case ToolUseBlock u -> {
                var node = Json.object().put("type", "tool_use").put("id", u.id()).put("name", u.name());
                node.set("input", u.input());
                yield node;
            }
            case ToolResultBlock r -> Json.object().put("type", "tool_result").put("tool_use_id", r.toolUseId())
                    .put("content", r.content()).put("is_error", r.isError());
            case ThinkingBlock t -> Json.object().put("type", "thinking").put("thinking", t.thinking())
                    .put("signature", t.signature());
            case RedactedThinkingBlock r -> Json.object().put("type", "redacted_thinking").put("data", r.data());
            case RawBlock raw -> raw.json();
        };
    }

    public static List<ContentBlock> blocks(JsonNode array) {
        var blocks = new ArrayList<ContentBlock>();
        for (var b : array) {
            if (!(b instanceof ObjectNode node)) {
                throw new IllegalArgumentException("a content block must be an object");
            }
            blocks.add(block(node));
        }
        return blocks;
    }

    static ContentBlock block(ObjectNode n) {
        var type = Fields.text(n, "type");
        return switch (type) {
            case "text" -> new TextBlock(Fields.text(n, "text"));
            case "tool_use" -> new ToolUseBlock(Fields.text(n, "id"), Fields.text(n, "name"), Fields.object(n, "input"));
            case "tool_result" -> new ToolResultBlock(Fields.text(n, "tool_use_id"), Fields.text(n, "content"),
                    n.path("is_error").asBoolean());
            case "thinking" -> new ThinkingBlock(Fields.text(n, "thinking"), Fields.text(n, "signature"));
            case "redacted_thinking" -> new RedactedThinkingBlock(Fields.text(n, "data"));
            default -> new RawBlock(type, n);
        };
    }

    /**
     * Usage in the Messages API's shape: the four token counts, and — when there is anything to say — the cache
     * writes split by TTL ({@code cache_creation}) and the server tools ({@code server_tool_use}).
     */
    public static ObjectNode usage(Usage u) {
        var node = Json.object()
                .put("input_tokens", u.inputTokens())
                .put("output_tokens", u.outputTokens())
                .put("cache_creation_input_tokens", u.cacheCreationInputTokens())
                .put("cache_read_input_tokens", u.cacheReadInputTokens());
        if (u.cacheCreationInputTokens() > 0) {
            node.putObject("cache_creation")
                    .put("ephemeral_5m_input_tokens", u.cacheWrite5mTokens())
                    .put("ephemeral_1h_input_tokens", u.cacheWrite1hTokens());
        }
        if (u.webSearchRequests() > 0 || u.webFetchRequests() > 0) {
            node.putObject("server_tool_use")
                    .put("web_search_requests", u.webSearchRequests())
                    .put("web_fetch_requests", u.webFetchRequests());
        }
        return node;
    }

    /**
     * Usage from the Messages API's shape. Entries before version 4 have no {@code cache_creation}: their cache
     * writes read as 5-minute writes (the only TTL Mainstay used then); a split that does not add up to the total
     * keeps the 1-hour part and counts the rest as 5-minute writes.
     */
    public static Usage usage(JsonNode n) {
        var split = n.path("cache_creation");
        var tools = n.path("server_tool_use");
        var usage = new Usage(n.path("input_tokens").asLong(), n.path("output_tokens").asLong(),
                split.path("ephemeral_5m_input_tokens").asLong(), split.path("ephemeral_1h_input_tokens").asLong(),
                n.path("cache_read_input_tokens").asLong(), tools.path("web_search_requests").asLong(),
                tools.path("web_fetch_requests").asLong());
        var total = n.get("cache_creation_input_tokens");
        return total == null || total.isNull() ? usage : usage.withCacheWriteTotal(total.asLong());
    }
}
