package dev.mainstay.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mainstay.json.Json;
import dev.mainstay.model.Message;
import dev.mainstay.model.ModelRequest;
import dev.mainstay.model.ToolDefinition;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The tool cache; what the mapped request looks like on the wire is {@link RequestMappingTest}'s concern. */
class RequestMapperTest {
    private static final String SCHEMA = """
            {"type":"object","properties":{"expression":{"type":"string"}},"required":["expression"]}""";

    private final RequestMapper mapper = new RequestMapper();

    @Test
    void equalDefinitionsMapToTheSameCachedTool() {
        var first = mapper.tool(new ToolDefinition("calculator", "Evaluates arithmetic", Json.parseObject(SCHEMA)));
        var second = mapper.tool(new ToolDefinition("calculator", "Evaluates arithmetic", Json.parseObject(SCHEMA)));

        assertThat(second).isSameAs(first);
        assertThat(first.plain().asTool().cacheControl()).isEmpty();
        assertThat(first.withBreakpoint().asTool().cacheControl()).isPresent();
    }

    @Test
    void everyCallOfARunReusesTheConvertedTools() {
        var tools = List.of(
                new ToolDefinition("calculator", "Evaluates arithmetic", Json.parseObject(SCHEMA)),
                new ToolDefinition("echo", "Repeats", Json.parseObject(SCHEMA)));
        var request = new ModelRequest("m", "", List.of(Message.user("hi")), tools, 64, false, true);

        var first = mapper.toParams(request, "m").tools().orElseThrow();
        var second = mapper.toParams(request, "m").tools().orElseThrow();

        assertThat(second.get(0)).isSameAs(first.get(0));
        assertThat(second.get(1)).isSameAs(first.get(1));
        assertThat(second.get(1).asTool().cacheControl()).isPresent();
    }

    @Test
    void aDifferentSchemaIsADifferentTool() {
        var plain = mapper.tool(new ToolDefinition("calculator", "Evaluates arithmetic", Json.parseObject(SCHEMA)));
        var changed = mapper.tool(new ToolDefinition("calculator", "Evaluates arithmetic",
                Json.parseObject(SCHEMA.replace("\"string\"", "\"number\""))));

        assertThat(changed).isNotSameAs(plain);
    }
}
