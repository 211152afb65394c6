package dev.mainstay.sim.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mainstay.json.Json;
import dev.mainstay.model.Message;
import dev.mainstay.model.ModelRequest;
import dev.mainstay.model.Role;
import dev.mainstay.model.ToolDefinition;
import dev.mainstay.promptcache.CacheBreakpoint;
import dev.mainstay.promptcache.CachePlan;
import dev.mainstay.promptcache.CacheTtl;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads a {@code POST /v1/messages} (or {@code count_tokens}) body the way the real API validates it: the first
 * problem found is thrown as a 400 {@link ApiError} naming the field ({@code messages.2.content.0.tool_use_id: …}).
 * Every top-level field is honoured, or refused by name ({@link TopLevelFields}); none is silently ignored. Error
 * messages never quote the body. Stateless.
 */
public final class RequestParser {
    /** The real API allows at most this many {@code cache_control} markers per request. */
    public static final int MAX_CACHE_BREAKPOINTS = CachePlan.MAX_BREAKPOINTS;

    private static final Pattern TOOL_NAME = Pattern.compile("^[a-zA-Z0-9_-]{1,128}$");

    private RequestParser() {}

    /**
     * @param messagesEndpoint true for {@code /v1/messages}; false for {@code count_tokens}, which takes no
     *     {@code max_tokens} and fewer fields
     * @throws ApiError 400 {@code invalid_request_error} for the first problem found
     */
    public static WireRequest parse(byte[] body, boolean messagesEndpoint) {
        var root = readObject(body);
        TopLevelFields.check(root, messagesEndpoint);
        var model = requireString(root, "model");
        if (model.isBlank()) {
            throw ApiError.invalidRequest("model: String should have at least 1 character");
        }
        int maxTokens = messagesEndpoint ? maxTokens(root) : 1;
        boolean stream = optionalBoolean(root, "stream");
        var sampling = Sampling.read(root);
        var stopSequences = StopSequences.parse(root.get("stop_sequences"));
        var breakpoints = new ArrayList<CacheBreakpoint>();
        var tools = tools(root.get("tools"), breakpoints);
        var systemBlocks = system(root.get("system"), breakpoints);
        var messages = messages(root.get("messages"), breakpoints);
        var toolChoice = ToolChoiceParser.parse(root.get("tool_choice"), tools);
        var thinking = ThinkingParser.parse(
                root.get("thinking"), messagesEndpoint ? maxTokens : 0, sampling, toolChoice);
        if (breakpoints.size() > MAX_CACHE_BREAKPOINTS) {
            throw ApiError.invalidRequest("A maximum of " + MAX_CACHE_BREAKPOINTS
                    + " blocks with cache_control may be provided. Found " + breakpoints.size() + ".");
        }
        checkTtlOrder(breakpoints);
        ToolPairing.check(messages);
        ThinkingParser.checkHistory(messages, thinking);
        boolean cachesPrefix = breakpoints.stream().anyMatch(b -> b.section() != CacheBreakpoint.Section.MESSAGES);
        var request = new ModelRequest(
                model, String.join("\n", systemBlocks), messages, tools, maxTokens, stream, cachesPrefix);
        return new WireRequest(request, systemBlocks, breakpoints,
                new GenerationOptions(toolChoice, stopSequences, thinking));
    }

    /** The API caches longer-lived prefixes first: a 1-hour marker after a 5-minute one is refused. */
    private static void checkTtlOrder(List<CacheBreakpoint> breakpoints) {
        boolean seenFiveMinutes = false;
        for (var breakpoint : breakpoints) {
            if (breakpoint.ttl() == CacheTtl.FIVE_MINUTES) {
                seenFiveMinutes = true;
            } else if (seenFiveMinutes) {
                throw ApiError.invalidRequest("cache_control: a block with ttl='1h' must not come after a block"
                        + " with ttl='5m'; put longer TTLs first");
            }
        }
    }

    private static ObjectNode readObject(byte[] body) {
        JsonNode root;
        try {
            root = Json.mapper().readTree(body);
        } catch (JsonProcessingException e) {
            var location = e.getLocation();
            var where = location == null
                    ? ""
                    : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
            throw ApiError.invalidRequest("There was an error parsing the body of your request: invalid JSON" + where);
        } catch (IOException e) {
            throw ApiError.invalidRequest("There was an error reading the body of your request");
        }
        if (!(root instanceof ObjectNode object)) {
            throw ApiError.invalidRequest("The request body must be a JSON object");
        }
        return object;
    }

    private static String requireString(JsonNode parent, String field) {
        return requireString(parent, field, field);
    }

    static String requireString(JsonNode parent, String field, String path) {
        var node = parent.get(field);
        if (node == null || node.isNull()) {
            throw ApiError.invalidRequest(path + ": Field required");
        }
        if (!node.isTextual()) {
            throw ApiError.invalidRequest(path + ": Input should be a valid string");
        }
        return node.textValue();
    }

    private static int maxTokens(JsonNode root) {
        var node = root.get("max_tokens");
        if (node == null || node.isNull()) {
            throw ApiError.invalidRequest("max_tokens: Field required");
        }
        if (!node.isIntegralNumber()) {
            throw ApiError.invalidRequest("max_tokens: Input should be a valid integer");
        }
        if (!node.canConvertToInt()) {
            throw ApiError.invalidRequest("max_tokens: Input should be at most " + Integer.MAX_VALUE);
        }
        int value = node.intValue();
        if (value < 1) {
            throw ApiError.invalidRequest("max_tokens: Input should be greater than or equal to 1");
        }
        return value;
    }

    private static boolean optionalBoolean(JsonNode root, String field) {
        var node = root.get(field);
        if (node == null || node.isNull()) {
            return false;
        }
        if (!node.isBoolean()) {
            throw ApiError.invalidRequest(field + ": Input should be a valid boolean");
        }
        return node.booleanValue();
    }

    private static List<ToolDefinition> tools(JsonNode node, List<CacheBreakpoint> breakpoints) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw ApiError.invalidRequest("tools: Input should be a valid list");
        }
        var tools = new ArrayList<ToolDefinition>();
        var names = new HashSet<String>();
        for (int i = 0; i < node.size(); i++) {
            var path = "tools." + i;
            var tool = node.get(i);
            if (!tool.isObject()) {
                throw ApiError.invalidRequest(path + ": Input should be a valid dictionary");
            }
            var type = tool.get("type");
            if (type != null && !type.isNull() && !"custom".equals(type.asText())) {
                throw ApiError.invalidRequest(path + ".type: tool type '" + type.asText()
                        + "' is not supported by the Mainstay simulator; only custom tools are");
            }
            var name = requireString(tool, "name", path + ".name");
            if (!TOOL_NAME.matcher(name).matches()) {
                throw ApiError.invalidRequest(path + ".name: String should match pattern '^[a-zA-Z0-9_-]{1,128}$'");
            }
            if (!names.add(name)) {
                throw ApiError.invalidRequest("tools: Tool names must be unique.");
            }
            var description = tool.get("description");
            if (description != null && !description.isNull() && !description.isTextual()) {
                throw ApiError.invalidRequest(path + ".description: Input should be a valid string");
            }
            var schema = tool.get("input_schema");
            if (schema == null || schema.isNull()) {
                throw ApiError.invalidRequest(path + ".input_schema: Field required");
            }
            if (!(schema instanceof ObjectNode schemaObject)) {
                throw ApiError.invalidRequest(path + ".input_schema: Input should be a valid dictionary");
            }
            if (!"object".equals(schemaObject.path("type").asText())) {
                throw ApiError.invalidRequest(path + ".input_schema.type: Input should be 'object'");
            }
            int index = i;
            CacheControl.marker(tool, path).ifPresent(ttl -> breakpoints.add(CacheBreakpoint.tool(index, ttl)));
            tools.add(new ToolDefinition(
                    name, description == null || description.isNull() ? "" : description.textValue(),
                    schemaObject.deepCopy()));
        }
        return tools;
    }

    private static List<String> system(JsonNode node, List<CacheBreakpoint> breakpoints) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (node.isTextual()) {
            return node.textValue().isEmpty() ? List.of() : List.of(node.textValue());
        }
        if (!node.isArray()) {
            throw ApiError.invalidRequest("system: Input should be a valid string or a list of text blocks");
        }
        var blocks = new ArrayList<String>();
        for (int i = 0; i < node.size(); i++) {
            var path = "system." + i;
            var block = node.get(i);
            if (!block.isObject() || !"text".equals(block.path("type").asText())) {
                throw ApiError.invalidRequest(path + ": Input should be a text block");
            }
            var text = requireString(block, "text", path + ".text");
            if (text.isEmpty()) {
                throw ApiError.invalidRequest(path + ".text: text content blocks must be non-empty");
            }
            int index = i;
            CacheControl.marker(block, path).ifPresent(ttl -> breakpoints.add(CacheBreakpoint.system(index, ttl)));
            blocks.add(text);
        }
        return blocks;
    }

    private static List<Message> messages(JsonNode node, List<CacheBreakpoint> breakpoints) {
        if (node == null || node.isNull()) {
            throw ApiError.invalidRequest("messages: Field required");
        }
        if (!node.isArray()) {
            throw ApiError.invalidRequest("messages: Input should be a valid list");
        }
        if (node.isEmpty()) {
            throw ApiError.invalidRequest("messages: at least one message is required");
        }
        var messages = new ArrayList<Message>();
        for (int i = 0; i < node.size(); i++) {
            var path = "messages." + i;
            var message = node.get(i);
            if (!message.isObject()) {
                throw ApiError.invalidRequest(path + ": Input should be a valid dictionary");
            }
            var role = switch (message.path("role").asText("")) {
                case "user" -> Role.USER;
                case "assistant" -> Role.ASSISTANT;
                default -> throw ApiError.invalidRequest(path + ".role: Input should be 'user' or 'assistant'");
            };
            boolean last = i == node.size() - 1;
            var content = ContentParser.content(message.get("content"), role, path, last, i, breakpoints);
            messages.add(new Message(role, content));
        }
        return messages;
    }
}
