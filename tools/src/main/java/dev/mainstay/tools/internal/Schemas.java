package dev.mainstay.tools.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mainstay.json.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the declared JSON Schemas (draft 2020-12) of the reference tools. Every object schema is closed
 * ({@code additionalProperties: false}). Each call returns a fresh node, so callers may keep and expose it.
 */
public final class Schemas {
    private Schemas() {}

    /** A closed object schema with the given properties (in order) and required names. */
    public static ObjectNode object(Map<String, ObjectNode> properties, List<String> required) {
        var schema = Json.object();
        schema.put("type", "object");
        var props = schema.putObject("properties");
        properties.forEach(props::set);
        if (!required.isEmpty()) {
            var names = schema.putArray("required");
            required.forEach(names::add);
        }
        schema.put("additionalProperties", false);
        return schema;
    }

    /** A closed object schema without properties: the tool takes no input. */
    public static ObjectNode empty() {
        return object(new LinkedHashMap<>(), List.of());
    }

    /** A string of {@code minLength..maxLength} characters; {@code minLength} 0 leaves the lower bound out. */
    public static ObjectNode string(int minLength, int maxLength, String description) {
        var schema = Json.object();
        schema.put("type", "string");
        schema.put("description", description);
        if (minLength > 0) {
            schema.put("minLength", minLength);
        }
        schema.put("maxLength", maxLength);
        return schema;
    }

    /** An integer in {@code minimum..maximum} with a documented default. */
    public static ObjectNode integer(int minimum, int maximum, int defaultValue, String description) {
        var schema = Json.object();
        schema.put("type", "integer");
        schema.put("description", description);
        schema.put("minimum", minimum);
        schema.put("maximum", maximum);
        schema.put("default", defaultValue);
        return schema;
    }

    /** An ordered property map, so schemas keep the declaration order the model sees. */
    public static Map<String, ObjectNode> properties(Object... nameSchemaPairs) {
        if (nameSchemaPairs.length % 2 != 0) {
            throw new IllegalArgumentException("properties come in name/schema pairs");
        }
        var map = new LinkedHashMap<String, ObjectNode>();
        for (int i = 0; i < nameSchemaPairs.length; i += 2) {
            map.put((String) nameSchemaPairs[i], (ObjectNode) nameSchemaPairs[i + 1]);
        }
        return map;
    }
}
