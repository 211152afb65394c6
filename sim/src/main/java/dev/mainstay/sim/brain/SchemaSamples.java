package dev.mainstay.sim.brain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mainstay.json.Json;

/**
 * Builds a small input that satisfies a tool's JSON Schema: {@code const}, {@code default} or the first
 * {@code enum} value when given, otherwise a value of the declared type within its bounds; objects get their
 * required properties only, so closed schemas ({@code additionalProperties: false}) accept them. Public for the
 * server, which makes a tool call the brain did not when {@code tool_choice} forces one.
 */
public final class SchemaSamples {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final int MAX_DEPTH = 8;

    private SchemaSamples() {}

    /** A sample input for a tool whose {@code input_schema} is {@code schema}; {@code {}} when it is no object. */
    public static ObjectNode object(JsonNode schema) {
        var value = sample(schema, "input", 0);
        return value instanceof ObjectNode object ? object : Json.object();
    }

    private static JsonNode sample(JsonNode schema, String name, int depth) {
        if (schema.has("const")) {
            return schema.get("const");
        }
        if (schema.has("default")) {
            return schema.get("default");
        }
        if (schema.path("enum").isArray() && !schema.path("enum").isEmpty()) {
            return schema.path("enum").get(0);
        }
        return switch (type(schema)) {
            case "object" -> {
                var object = Json.object();
                if (depth < MAX_DEPTH) {
                    for (var required : schema.path("required")) {
                        var property = schema.path("properties").path(required.asText());
                        object.set(required.asText(), sample(property, required.asText(), depth + 1));
                    }
                }
                yield object;
            }
            case "integer" -> {
                long value = bounded(schema).longValue();
                yield value == (int) value ? NODES.numberNode((int) value) : NODES.numberNode(value);
            }
            case "number" -> NODES.numberNode(bounded(schema));
            case "boolean" -> NODES.booleanNode(true);
            case "null" -> NODES.nullNode();
            case "array" -> {
                var array = NODES.arrayNode();
                int items = schema.path("minItems").asInt(0);
                for (int i = 0; i < items && depth < MAX_DEPTH; i++) {
                    array.add(sample(schema.path("items"), name, depth + 1));
                }
                yield array;
            }
            default -> NODES.textNode(string(schema, name));
        };
    }

    private static String type(JsonNode schema) {
        var type = schema.path("type");
        if (type.isArray()) {
            for (var option : type) {
                if (!option.asText().equals("null")) {
                    return option.asText();
                }
            }
        }
        if (type.isTextual()) {
            return type.asText();
        }
        return schema.has("properties") ? "object" : "string";
    }

    private static Double bounded(JsonNode schema) {
        double value = 1;
        if (schema.has("minimum")) {
            value = Math.max(value, schema.get("minimum").asDouble());
        }
        if (schema.has("exclusiveMinimum")) {
            value = Math.max(value, Math.floor(schema.get("exclusiveMinimum").asDouble()) + 1);
        }
        if (schema.has("maximum")) {
            value = Math.min(value, schema.get("maximum").asDouble());
        }
        return value;
    }

    private static String string(JsonNode schema, String name) {
        var text = switch (Words.lower(name)) {
            case "expression" -> "1+1";
            case "location", "city", "place" -> "Lisbon";
            case "query", "q" -> "more information";
            case "email", "to", "recipient" -> "someone@example.org";
            case "url" -> "https://example.org/";
            default -> "mainstay";
        };
        int min = schema.path("minLength").asInt(0);
        var padded = new StringBuilder(text);
        while (padded.length() < min) {
            padded.append('x');
        }
        int max = schema.path("maxLength").asInt(Integer.MAX_VALUE);
        return padded.length() > max ? padded.substring(0, Math.max(max, 0)) : padded.toString();
    }
}
