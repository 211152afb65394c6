package dev.mainstay.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mainstay.json.Json;
import dev.mainstay.model.Message;
import dev.mainstay.model.RawBlock;
import dev.mainstay.model.ModelRequest;
import dev.mainstay.model.ToolDefinition;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The tool cache and the SDK types blocks map to; what the mapped request looks like on the wire is
 * {@link RequestMappingTest}'s concern.
 */
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
        assertThat(first.withBreakpoint(dev.mainstay.promptcache.CacheTtl.FIVE_MINUTES).asTool().cacheControl()).isPresent();
        assertThat(first.withBreakpoint(dev.mainstay.promptcache.CacheTtl.ONE_HOUR).asTool().cacheControl().orElseThrow()
                .ttl().orElseThrow().asString()).isEqualTo("1h");
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

    @Test
    void responseOnlyBlockTypesGoBackAsTheirParamTypesAndUnknownOnesAsTheirJson() {
        var content = Json.parse(Fixtures.read(ContentBlockFidelityTest.WHOLE)).get("content");

        var serverToolUse = RequestMapper.param(new RawBlock("server_tool_use", (ObjectNode) content.get(3)));
        var searchResult = RequestMapper.param(new RawBlock("web_search_tool_result", (ObjectNode) content.get(4)));
        var holoGram = RequestMapper.param(new RawBlock("holo_gram", (ObjectNode) content.get(5)));

        assertThat(serverToolUse.isServerToolUse()).isTrue();
        assertThat(serverToolUse.asServerToolUse().id()).isEqualTo("srvtoolu_01WYG3ziw53XMcoyKL4XcZmE");
        assertThat(searchResult.isWebSearchToolResult()).isTrue();
        assertThat(searchResult.asWebSearchToolResult().toolUseId()).isEqualTo("srvtoolu_01WYG3ziw53XMcoyKL4XcZmE");
        assertThat(holoGram._json()).as("a type the SDK does not know is kept as its JSON").isPresent();
    }
}
