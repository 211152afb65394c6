package dev.mainstay.sim.brain;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mainstay.json.Json;
import dev.mainstay.model.Message;
import dev.mainstay.model.ModelRequest;
import dev.mainstay.model.ToolDefinition;
import java.util.Arrays;
import java.util.List;

/** The reference agent's tool definitions as a client would declare them, and request helpers for tests. */
final class ReferenceTools {
    static final String MODEL = "claude-sonnet-4-5";

    private ReferenceTools() {}

    static List<ToolDefinition> all() {
        return List.of(
                tool("calculator", "Evaluates arithmetic.", """
                        {"type":"object","properties":{"expression":{"type":"string","maxLength":1000}},
                         "required":["expression"],"additionalProperties":false}"""),
                tool("get_weather", "Current weather and forecast for a place.", """
                        {"type":"object","properties":{"location":{"type":"string","minLength":1,"maxLength":100},
                         "days":{"type":"integer","minimum":1,"maximum":7,"default":1}},
                         "required":["location"],"additionalProperties":false}"""),
                tool("web_search", "Searches the web.", """
                        {"type":"object","properties":{"query":{"type":"string","minLength":1,"maxLength":400},
                         "max_results":{"type":"integer","minimum":1,"maximum":10,"default":5}},
                         "required":["query"],"additionalProperties":false}"""),
                tool("save_note", "Saves a note.", """
                        {"type":"object","properties":{"title":{"type":"string","minLength":1,"maxLength":200},
                         "body":{"type":"string","minLength":1,"maxLength":20000}},
                         "required":["title","body"],"additionalProperties":false}"""),
                tool("list_notes", "Lists the notes.", """
                        {"type":"object","properties":{},"additionalProperties":false}"""),
                tool("read_note", "Reads a note.", """
                        {"type":"object","properties":{"title":{"type":"string","minLength":1,"maxLength":200}},
                         "required":["title"],"additionalProperties":false}"""));
    }

    /** Only the named reference tools, in declaration order. */
    static List<ToolDefinition> only(String... names) {
        var wanted = Arrays.asList(names);
        return all().stream().filter(t -> wanted.contains(t.name())).toList();
    }

    static ToolDefinition tool(String name, String description, String schema) {
        return new ToolDefinition(name, description, Json.parseObject(schema));
    }

    static ModelRequest request(String userText) {
        return request(List.of(Message.user(userText)), all(), 1024);
    }

    static ModelRequest request(List<Message> messages, List<ToolDefinition> tools, int maxTokens) {
        return new ModelRequest(MODEL, "You are a helpful assistant.", messages, tools, maxTokens, false, false);
    }

    static ObjectNode json(String text) {
        return Json.parseObject(text);
    }
}
