package dev.mainstay.sim.brain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mainstay.model.ContentBlocks;
import dev.mainstay.model.Message;
import dev.mainstay.model.StopReason;
import dev.mainstay.sim.world.FakeWorld;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunawayBrainTest {
    private final ToolBench bench =
            new ToolBench(new FakeWorld(2, InstantSource.fixed(Instant.parse("2026-11-25T12:00:00Z"))));

    @Test
    void keepsSearchingAndNeverEndsTheTurn() {
        var transcript = Dialogue.run(new RunawayBrain(2), bench,
                List.of(Message.user("Search for the tallest building in Europe")), ReferenceTools.all(), 25);

        assertThat(transcript.replies()).hasSize(25)
                .allSatisfy(reply -> assertThat(reply.stopReason()).isEqualTo(StopReason.TOOL_USE));
        assertThat(bench.toolNames()).hasSize(25).containsOnly("web_search");
        assertThat(bench.calls()).allSatisfy(call -> assertThat(call.input().path("query").asText())
                .startsWith("the tallest building in Europe").hasSizeLessThanOrEqualTo(400));
        assertThat(bench.calls().stream().map(c -> c.input().path("query").asText()).distinct()).hasSizeGreaterThan(3);
    }

    @Test
    void withoutWebSearchItCallsTheFirstDeclaredToolWithAValidInput() {
        var tools = List.of(ReferenceTools.only("save_note").getFirst(), ReferenceTools.only("calculator").getFirst());
        var transcript = Dialogue.run(new RunawayBrain(2), bench, List.of(Message.user("hello")), tools, 3);

        assertThat(transcript.replies()).allSatisfy(r -> assertThat(r.stopReason()).isEqualTo(StopReason.TOOL_USE));
        assertThat(bench.calls()).allSatisfy(call -> {
            assertThat(call.name()).isEqualTo("save_note");
            assertThat(call.input().properties()).extracting(java.util.Map.Entry::getKey)
                    .containsExactlyInAnyOrder("title", "body");
            assertThat(call.input().path("title").asText()).isNotEmpty();
        });
    }

    @Test
    void schemaSamplesRespectBoundsAndOnlyFillRequiredProperties() {
        var schema = ReferenceTools.json("""
                {"type":"object","properties":{"code":{"type":"string","minLength":12,"maxLength":14},
                 "n":{"type":"integer","minimum":5,"maximum":9},"mode":{"enum":["fast","slow"]},"extra":{"type":"string"}},
                 "required":["code","n","mode"],"additionalProperties":false}""");

        assertThat(SchemaSamples.object(schema))
                .isEqualTo(ReferenceTools.json("{\"code\":\"mainstayxxxx\",\"n\":5,\"mode\":\"fast\"}"));
    }

    @Test
    void withNoToolsItRamblesUntilMaxTokens() {
        var reply = new RunawayBrain(2).reply(ReferenceTools.request(List.of(Message.user("hi")), List.of(), 50));

        assertThat(reply.stopReason()).isEqualTo(StopReason.MAX_TOKENS);
        assertThat(ContentBlocks.text(reply.content())).hasSizeLessThanOrEqualTo(200).isNotBlank();
    }
}
