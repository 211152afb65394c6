package dev.mainstay.sim.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mainstay.model.ContentBlock;
import dev.mainstay.model.RedactedThinkingBlock;
import dev.mainstay.model.Role;
import dev.mainstay.model.TextBlock;
import dev.mainstay.model.ThinkingBlock;
import dev.mainstay.model.ToolResultBlock;
import dev.mainstay.model.ToolUseBlock;
import dev.mainstay.promptcache.CacheBreakpoint;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one message's {@code content}: a string, or a list of text, tool_use, tool_result, thinking and
 * redacted_thinking blocks. Thinking blocks must carry the signature the simulator gave them.
 */
final class ContentParser {
    private ContentParser() {}

    static List<ContentBlock> content(
            JsonNode node, Role role, String path, boolean lastMessage, int messageIndex,
            List<CacheBreakpoint> breakpoints) {
        var contentPath = path + ".content";
        if (node == null || node.isNull()) {
            throw ApiError.invalidRequest(contentPath + ": Field required");
        }
        if (node.isTextual()) {
            var text = node.textValue();
            if (text.isEmpty()) {
                return emptyContent(role, lastMessage, path);
            }
            return List.of(new TextBlock(text));
        }
        if (!node.isArray()) {
            throw ApiError.invalidRequest(contentPath + ": Input should be a valid string or a list of content blocks");
        }
        if (node.isEmpty()) {
            return emptyContent(role, lastMessage, path);
        }
        var blocks = new ArrayList<ContentBlock>();
        for (int j = 0; j < node.size(); j++) {
            var blockPath = contentPath + "." + j;
            var block = node.get(j);
            if (!block.isObject()) {
                throw ApiError.invalidRequest(blockPath + ": Input should be a valid dictionary");
            }
            blocks.add(block(block, role, blockPath));
            int blockIndex = j;
            CacheControl.marker(block, blockPath)
                    .ifPresent(ttl -> breakpoints.add(CacheBreakpoint.block(messageIndex, blockIndex, ttl)));
        }
        return blocks;
    }

    private static List<ContentBlock> emptyContent(Role role, boolean lastMessage, String path) {
        if (role == Role.ASSISTANT && lastMessage) {
            return List.of();
        }
        throw ApiError.invalidRequest(path + ": all messages must have non-empty content except for the optional"
                + " final assistant message");
    }

    private static ContentBlock block(JsonNode block, Role role, String path) {
        var type = block.path("type").asText("");
        return switch (type) {
            case "text" -> {
                var text = RequestParser.requireString(block, "text", path + ".text");
                if (text.isEmpty()) {
                    throw ApiError.invalidRequest(path + ".text: text content blocks must be non-empty");
                }
                yield new TextBlock(text);
            }
            case "tool_use" -> {
                if (role != Role.ASSISTANT) {
                    throw ApiError.invalidRequest(path + ": tool_use blocks may only appear in assistant messages");
                }
                var id = RequestParser.requireString(block, "id", path + ".id");
                var name = RequestParser.requireString(block, "name", path + ".name");
                if (!(block.get("input") instanceof ObjectNode input)) {
                    throw ApiError.invalidRequest(path + ".input: Input should be a valid dictionary");
                }
                yield new ToolUseBlock(id, name, input.deepCopy());
            }
            case "tool_result" -> {
                if (role != Role.USER) {
                    throw ApiError.invalidRequest(path + ": tool_result blocks may only appear in user messages");
                }
                var toolUseId = RequestParser.requireString(block, "tool_use_id", path + ".tool_use_id");
                var isError = block.get("is_error");
                if (isError != null && !isError.isNull() && !isError.isBoolean()) {
                    throw ApiError.invalidRequest(path + ".is_error: Input should be a valid boolean");
                }
                yield new ToolResultBlock(
                        toolUseId, toolResultText(block.get("content"), path + ".content"),
                        isError != null && isError.asBoolean(false));
            }
            case "thinking" -> thinking(block, role, path);
            case "redacted_thinking" -> {
                assistantOnly(role, path, "redacted_thinking");
                yield new RedactedThinkingBlock(RequestParser.requireString(block, "data", path + ".data"));
            }
            case "" -> throw ApiError.invalidRequest(path + ".type: Field required");
            default -> throw ApiError.invalidRequest(path + ".type: content block type '" + type
                    + "' is not supported by the Mainstay simulator; use text, tool_use, tool_result, thinking or"
                    + " redacted_thinking");
        };
    }

    /**
     * A thinking block sent back. The API refuses one whose signature does not match its text; so does the
     * simulator, for the signatures it writes ({@link ThinkingSignatures}).
     */
    private static ThinkingBlock thinking(JsonNode block, Role role, String path) {
        assistantOnly(role, path, "thinking");
        var thinking = RequestParser.requireString(block, "thinking", path + ".thinking");
        var signature = RequestParser.requireString(block, "signature", path + ".signature");
        if (!ThinkingSignatures.verify(thinking, signature)) {
            throw ApiError.invalidRequest(path + ": Invalid `signature` in `thinking` block");
        }
        return new ThinkingBlock(thinking, signature);
    }

    private static void assistantOnly(Role role, String path, String type) {
        if (role != Role.ASSISTANT) {
            throw ApiError.invalidRequest(path + ": " + type + " blocks may only appear in assistant messages");
        }
    }

    private static String toolResultText(JsonNode content, String path) {
        if (content == null || content.isNull()) {
            return "";
        }
        if (content.isTextual()) {
            return content.textValue();
        }
        if (!content.isArray()) {
            throw ApiError.invalidRequest(path + ": Input should be a valid string or a list of text blocks");
        }
        var texts = new ArrayList<String>();
        for (int k = 0; k < content.size(); k++) {
            var item = content.get(k);
            if (!item.isObject() || !"text".equals(item.path("type").asText())) {
                throw ApiError.invalidRequest(path + "." + k + ": only text blocks are supported in tool results by"
                        + " the Mainstay simulator");
            }
            texts.add(RequestParser.requireString(item, "text", path + "." + k + ".text"));
        }
        return String.join("\n", texts);
    }
}
