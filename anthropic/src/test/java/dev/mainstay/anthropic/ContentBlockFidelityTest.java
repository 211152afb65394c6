package dev.mainstay.anthropic;

import static dev.mainstay.anthropic.Fixtures.context;
import static dev.mainstay.anthropic.Fixtures.json;
import static dev.mainstay.anthropic.Fixtures.read;
import static dev.mainstay.anthropic.Fixtures.request;
import static dev.mainstay.anthropic.Fixtures.sse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mainstay.json.Json;
import dev.mainstay.model.ContentBlock;
import dev.mainstay.model.ModelConnectionException;
import dev.mainstay.model.RawBlock;
import dev.mainstay.model.RedactedThinkingBlock;
import dev.mainstay.model.StopReason;
import dev.mainstay.model.TextBlock;
import dev.mainstay.model.ThinkingBlock;
import dev.mainstay.model.ToolUseBlock;
import dev.mainstay.testing.RecordingObserver;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every block the API sends is kept, in order and intact, whether the response is streamed or not. */
class ContentBlockFidelityTest {
    static final String WHOLE = "message-with-every-block-kind.json";
    static final String STREAMED = "stream-every-block-kind.sse";

    @RegisterExtension
    final FakeAnthropicServer anthropic = new FakeAnthropicServer();

    /** The blocks of {@link #WHOLE}, in Mainstay's types; the raw ones are the fixture's own JSON. */
    static List<ContentBlock> everyBlockKind() {
        var content = Json.parse(read(WHOLE)).get("content");
        return List.of(
                new ThinkingBlock("The user wants Shannon's birth date; search, then note it.",
                        "EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds"),
                new RedactedThinkingBlock(
                        "EmwKAhgBEgy3va3pzix/LafPsn4aDFIT2Xlxh0L5L8rLVyIwxtE3rAFBa8cr3qpPkNRj2YfWXGmKDxH4mPnZ5sQ7vB5URj"),
                new TextBlock("Let me look that up."),
                new RawBlock("server_tool_use", (ObjectNode) content.get(3)),
                new RawBlock("web_search_tool_result", (ObjectNode) content.get(4)),
                new RawBlock("holo_gram", (ObjectNode) content.get(5)),
                new TextBlock("Claude Shannon was born on April 30, 1916. Saving a note."),
                new ToolUseBlock("toolu_01A09q90qw90lq917835lq9", "save_note",
                        Json.parseObject("{\"title\":\"Shannon\",\"body\":\"born 1916-04-30\"}")));
    }

    @Test
    void keepsEveryBlockInOrderWithItsContentIntact() {
        anthropic.server().enqueue(json(200, read(WHOLE)));

        var response = anthropic.client().call(request(false), context());

        assertThat(response.content()).containsExactlyElementsOf(everyBlockKind());
        var holoGram = (RawBlock) response.content().get(5);
        assertThat(holoGram.json().get("caption").isNull()).as("a null field is kept, not dropped").isTrue();
        assertThat(holoGram.json().get("meta").get("depth").asDouble()).isEqualTo(2.5);
        assertThat(response.text()).isEqualTo("Let me look that up.\nClaude Shannon was born on April 30, 1916."
                + " Saving a note.");
        assertThat(response.toolUses()).extracting(ToolUseBlock::name).containsExactly("save_note");
        assertThat(response.stopReason()).isEqualTo(StopReason.TOOL_USE);
    }

    @Test
    void keepsAThinkingBlockBesideAnUnknownStopReason() {
        anthropic.server().enqueue(json(200, read("message-with-thinking-and-new-stop-reason.json")));

        var response = anthropic.client().call(request(false), context());

        assertThat(response.content()).containsExactly(
                new ThinkingBlock("The user wants a number.", "EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds"),
                new TextBlock("42"));
    }

    @Test
    void aStreamYieldsTheSameBlocksAsTheWholeMessage() {
        anthropic.server().enqueue(json(200, read(WHOLE)));
        anthropic.server().enqueue(sse(read(STREAMED)));

        var whole = anthropic.client().call(request(false), context());
        var streamed = anthropic.client().call(request(true), context(new RecordingObserver()));

        assertThat(streamed.content()).containsExactlyElementsOf(whole.content());
        assertThat(streamed.content()).containsExactlyElementsOf(everyBlockKind());
        assertThat(streamed.stopReason()).isEqualTo(whole.stopReason());
    }

    @Test
    void onlyAnswerTextIsStreamedAsTextAndEveryBlockIsReportedComplete() {
        anthropic.server().enqueue(sse(read(STREAMED)));
        var observer = new RecordingObserver();

        var response = anthropic.client().call(request(true), context(observer));

        assertThat(observer.textDeltas()).containsExactly(
                "Let me look", " that up.", "Claude Shannon was born on April 30, 1916.", " Saving a note.");
        assertThat(observer.events()).filteredOn(e -> e.text() != null).extracting(RecordingObserver.Event::index)
                .containsOnly(2, 6);
        assertThat(observer.completedBlocks()).containsExactlyElementsOf(response.content());
        assertThat(observer.events()).filteredOn(e -> e.block() != null).extracting(RecordingObserver.Event::index)
                .containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
    }

    @Test
    void aStreamCutInsideAThinkingBlockHasDeliveredNothing() {
        var events = read(STREAMED);
        var cut = events.substring(0, events.indexOf("event: content_block_delta\ndata: {\"type\":\"content_block_delta\","
                + "\"index\":0,\"delta\":{\"type\":\"signature_delta\""));
        anthropic.server().enqueue(sse(cut));
        var observer = new RecordingObserver();

        assertThatThrownBy(() -> anthropic.client().call(request(true), context(observer)))
                .isInstanceOfSatisfying(ModelConnectionException.class,
                        e -> assertThat(e.contentDelivered()).isFalse());
        assertThat(observer.events()).isEmpty();
    }

    @Test
    void aMalformedServerToolInputIsReportedNotSwallowed() {
        anthropic.server().enqueue(sse(read(STREAMED).replace("non birth date\\\"}", "non birth date\\\"")));

        assertThatThrownBy(() -> anthropic.client().call(request(true), context(new RecordingObserver())))
                .isInstanceOfSatisfying(ModelConnectionException.class, e -> {
                    assertThat(e.getMessage())
                            .contains("server_tool_use srvtoolu_01WYG3ziw53XMcoyKL4XcZmE")
                            .doesNotContain("claude shannon");
                    assertThat(e.contentDelivered()).isTrue();
                });
    }
}
