package dev.mainstay.sim;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mainstay.json.Json;

/** Messages API request bodies for tests. */
final class Requests {
    static final String MODEL = "claude-sonnet-4-5";

    private Requests() {}

    static ObjectNode base(String model, boolean stream) {
        var root = Json.object().put("model", model).put("max_tokens", 1024);
        if (stream) {
            root.put("stream", true);
        }
        root.putArray("messages").addObject().put("role", "user").put("content", "What is the weather in Lisbon?");
        return root;
    }

    static String simple(boolean stream) {
        return Json.write(base(MODEL, stream));
    }

    static String forModel(String model) {
        return Json.write(base(model, false));
    }

    /** A request declaring the reference agent's get_weather tool. */
    static ObjectNode withWeatherTool(boolean stream) {
        var root = base(MODEL, stream);
        var tool = root.putArray("tools").addObject();
        tool.put("name", "get_weather").put("description", "Current weather and forecast for a place.");
        var schema = tool.putObject("input_schema").put("type", "object").put("additionalProperties", false);
        schema.putObject("properties").putObject("location").put("type", "string");
        schema.putArray("required").add("location");
        return root;
    }
}
