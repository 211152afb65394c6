package dev.mainstay.sim.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mainstay.model.ToolDefinition;
import java.util.List;
import java.util.Set;

/** Reads {@code tool_choice} as the API validates it: the type's own fields only, and a forced tool must exist. */
final class ToolChoiceParser {
    private static final Set<String> PARALLEL_FIELDS = Set.of("type", "disable_parallel_tool_use");
    private static final Set<String> TOOL_FIELDS = Set.of("type", "name", "disable_parallel_tool_use");

    private ToolChoiceParser() {}

    /** @throws ApiError 400 naming the field for a malformed choice, or a tool the request does not declare */
    static ToolChoice parse(JsonNode node, List<ToolDefinition> tools) {
        if (node == null || node.isNull()) {
            return ToolChoice.DEFAULT;
        }
        if (!node.isObject()) {
            throw ApiError.invalidRequest("tool_choice: Input should be a valid dictionary");
        }
        var type = node.get("type");
        if (type == null || type.isNull()) {
            throw ApiError.invalidRequest("tool_choice.type: Field required");
        }
        var choice = switch (type.asText()) {
            case "auto" -> new ToolChoice.Auto(parallel(node, "auto"));
            case "any" -> new ToolChoice.Any(parallel(node, "any"));
            case "tool" -> tool(node, tools);
            case "none" -> {
                onlyFields(node, "none", Set.of("type"));
                yield new ToolChoice.None();
            }
            default -> throw ApiError.invalidRequest(
                    "tool_choice.type: Input should be 'auto', 'any', 'tool' or 'none'");
        };
        if (choice.forcesToolUse() && tools.isEmpty()) {
            throw ApiError.invalidRequest("tool_choice: tool_choice may only be specified while providing tools.");
        }
        return choice;
    }

    private static ToolChoice tool(JsonNode node, List<ToolDefinition> tools) {
        onlyFields(node, "tool", TOOL_FIELDS);
        var name = node.get("name");
        if (name == null || name.isNull()) {
            throw ApiError.invalidRequest("tool_choice.tool.name: Field required");
        }
        if (!name.isTextual()) {
            throw ApiError.invalidRequest("tool_choice.tool.name: Input should be a valid string");
        }
        boolean parallel = flag(node, "tool");
        if (!tools.isEmpty() && tools.stream().noneMatch(t -> t.name().equals(name.textValue()))) {
            throw ApiError.invalidRequest("tool_choice.tool.name: Tool '" + name.textValue()
                    + "' is not one of the tools in the request");
        }
        return new ToolChoice.Tool(name.textValue(), parallel);
    }

    private static boolean parallel(JsonNode node, String type) {
        onlyFields(node, type, PARALLEL_FIELDS);
        return flag(node, type);
    }

    private static boolean flag(JsonNode node, String type) {
        var flag = node.get("disable_parallel_tool_use");
        if (flag == null || flag.isNull()) {
            return false;
        }
        if (!flag.isBoolean()) {
            throw ApiError.invalidRequest(
                    "tool_choice." + type + ".disable_parallel_tool_use: Input should be a valid boolean");
        }
        return flag.booleanValue();
    }

    private static void onlyFields(JsonNode node, String type, Set<String> allowed) {
        for (var field : node.properties()) {
            if (!allowed.contains(field.getKey())) {
                throw ApiError.invalidRequest(
                        "tool_choice." + type + "." + field.getKey() + ": Extra inputs are not permitted");
            }
        }
    }
}
