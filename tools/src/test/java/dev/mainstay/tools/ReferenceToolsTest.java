package dev.mainstay.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mainstay.json.Json;
import dev.mainstay.testing.FakeClock;
import dev.mainstay.time.IdGenerator;
import dev.mainstay.tool.OutputTrust;
import dev.mainstay.tool.SchemaValidationInterceptor;
import dev.mainstay.tool.Tool;
import dev.mainstay.tool.ToolCall;
import dev.mainstay.tool.ToolEffect;
import dev.mainstay.tool.ToolChain;
import dev.mainstay.tool.ToolResult;
import dev.mainstay.tool.Toolbox;
import dev.mainstay.tools.notes.InMemoryNoteStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ReferenceToolsTest {
    private final AtomicInteger sequence = new AtomicInteger();
    private final IdGenerator ids = prefix -> prefix + "_" + sequence.incrementAndGet();
    private final List<Tool> tools = ReferenceTools.create(
            ReferenceToolsConfig.fromEnvironment(Map.of("MAINSTAY_TOOL_TIMEOUT", "12s"), Path.of("/home/ada")),
            new InMemoryNoteStore(new FakeClock(), ids),
            FakeServers.client());
    private final Toolbox toolbox = Toolbox.of(tools);
    private final ToolChain validating = ToolChain.builder().add(ToolChain.Slot.VALIDATION, new SchemaValidationInterceptor()).build();

    private ToolResult call(String name, String input) throws Exception {
        var tool = toolbox.find(name).orElseThrow();
        return validating.execute(tool, new ToolCall("toolu_1", name, Json.parseObject(input)), TestContexts.any());
    }

    @Test
    void createsTheSixContractToolsInOrderWithTheirEffectsTrustAndArgumentRoles() {
        assertThat(tools).extracting(t -> t.spec().name()).containsExactly(
                "calculator", "get_weather", "web_search", "save_note", "list_notes", "read_note");
        assertThat(tools).extracting(t -> t.spec().effect()).containsExactly(
                ToolEffect.READ_ONLY, ToolEffect.READ_ONLY, ToolEffect.READ_ONLY,
                ToolEffect.SIDE_EFFECT, ToolEffect.READ_ONLY, ToolEffect.READ_ONLY);
        assertThat(tools).extracting(t -> t.spec().outputTrust()).containsExactly(
                OutputTrust.TRUSTED, OutputTrust.UNTRUSTED, OutputTrust.UNTRUSTED,
                OutputTrust.TRUSTED, OutputTrust.TRUSTED, OutputTrust.TRUSTED);
        assertThat(tools).allSatisfy(t -> assertThat(t.spec().timeout()).isEqualTo(Duration.ofSeconds(12)));
        assertThat(tools).extracting(t -> t.spec().arguments()).containsExactly(
                java.util.Map.of(), java.util.Map.of("location", dev.mainstay.tool.ArgumentRole.CONTENT),
                java.util.Map.of("query", dev.mainstay.tool.ArgumentRole.CONTROLLED),
                java.util.Map.of("title", dev.mainstay.tool.ArgumentRole.CONTROLLED,
                        "body", dev.mainstay.tool.ArgumentRole.CONTENT),
                java.util.Map.of(), java.util.Map.of("title", dev.mainstay.tool.ArgumentRole.CONTROLLED));
        assertThat(tools).allSatisfy(t ->
                assertThat(t.spec().inputSchema().path("additionalProperties").booleanValue()).isFalse());
    }

    @Test
    void contractInputsPassSchemaValidationAndReachTheTools() throws Exception {
        assertThat(call("calculator", "{\"expression\":\"17.5/100*2340\"}")).isEqualTo(ToolResult.ok("409.5"));
        assertThat(call("save_note", "{\"title\":\"t\",\"body\":\"b\"}").content()).startsWith("Saved note \"t\"");
        assertThat(call("list_notes", "{}").content()).contains("\"title\":\"t\"");
        assertThat(call("read_note", "{\"title\":\"t\"}")).isEqualTo(ToolResult.ok("b"));
        assertThat(call("web_search", "{\"query\":\"q\",\"max_results\":3}"))
                .isEqualTo(ToolResult.error("web search is not configured (set MAINSTAY_SEARCH_BACKEND)"));
    }

    @Test
    void theDeclaredSchemasRejectInputOutsideTheContract() throws Exception {
        assertThat(call("calculator", "{\"expression\":\"" + "1".repeat(1001) + "\"}").content())
                .startsWith("invalid input for calculator");
        assertThat(call("get_weather", "{\"location\":\"Lisbon\",\"days\":8}").content())
                .startsWith("invalid input for get_weather");
        assertThat(call("web_search", "{\"query\":\"q\",\"max_results\":0}").content())
                .startsWith("invalid input for web_search");
        assertThat(call("save_note", "{\"title\":\"\",\"body\":\"b\"}").content())
                .startsWith("invalid input for save_note");
        assertThat(call("list_notes", "{\"user_id\":\"bob\"}").content()).startsWith("invalid input for list_notes");
        assertThat(call("read_note", "{}").content()).startsWith("invalid input for read_note");
    }
}
