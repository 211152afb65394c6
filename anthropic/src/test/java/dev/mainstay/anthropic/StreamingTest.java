package dev.mainstay.anthropic;

import dev.mainstay.testing.RecordingObserver;
import static dev.mainstay.anthropic.Fixtures.context;
import static dev.mainstay.anthropic.Fixtures.read;
import static dev.mainstay.anthropic.Fixtures.request;
import static dev.mainstay.anthropic.Fixtures.sse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mainstay.json.Json;
import dev.mainstay.model.ModelConnectionException;
import dev.mainstay.model.StopReason;
import dev.mainstay.model.TextBlock;
import dev.mainstay.model.ToolUseBlock;
import dev.mainstay.model.Usage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class StreamingTest {
    @RegisterExtension
    final FakeAnthropicServer anthropic = new FakeAnthropicServer();

    @Test
    void feedsTextDeltasInOrderAndEachBlockAsItCompletes() {
        anthropic.server().enqueue(sse(read("stream-text-and-tool-use.sse")));
        var observer = new RecordingObserver();

        anthropic.client().call(request(true), context(observer));

        var toolUse = new ToolUseBlock("toolu_01T1x1fJ34qAmk2tNTrN7Up6", "get_weather",
                Json.parseObject("{\"location\":\"San Francisco, CA\",\"unit\":\"fahrenheit\"}"));
        assertThat(observer.events()).containsExactly(
                new RecordingObserver.Event(0, "Okay", null),
                new RecordingObserver.Event(0, ", let's check", null),
                new RecordingObserver.Event(0, " the weather.", null),
                new RecordingObserver.Event(0, null, new TextBlock("Okay, let's check the weather.")),
                new RecordingObserver.Event(1, null, toolUse));
    }

    @Test
    void accumulatesTheStreamIntoTheSameResponseANonStreamingCallGives() {
        anthropic.server().enqueue(sse(read("stream-text-and-tool-use.sse")));

        var response = anthropic.client().call(request(true), context(new RecordingObserver()));

        assertThat(response.id()).isEqualTo("msg_014p7gG3wDgGV9EUtLvnow3U");
        assertThat(response.model()).isEqualTo("claude-sonnet-5-5");
        assertThat(response.text()).isEqualTo("Okay, let's check the weather.");
        assertThat(response.toolUses()).singleElement().satisfies(toolUse -> {
            assertThat(toolUse.name()).isEqualTo("get_weather");
            assertThat(toolUse.input().path("location").asText()).isEqualTo("San Francisco, CA");
        });
        assertThat(response.stopReason()).isEqualTo(StopReason.TOOL_USE);
        assertThat(response.usage()).isEqualTo(new Usage(472, 89, 0, 410));
        assertThat(response.requestId()).isEqualTo("req_stream_01");
        assertThat(anthropic.server().getRequestCount()).isEqualTo(1);
    }

    @Test
    void aStreamThatEndsBeforeMessageStopIsAConnectionFailureAfterDeliveredContent() {
        anthropic.server().enqueue(sse(read("stream-start-and-first-delta.sse")));
        var observer = new RecordingObserver();

        assertThatThrownBy(() -> anthropic.client().call(request(true), context(observer)))
                .isInstanceOfSatisfying(ModelConnectionException.class, e -> {
                    assertThat(e.contentDelivered()).isTrue();
                    assertThat(e.getMessage()).contains("message_stop");
                });
        assertThat(observer.textDeltas()).containsExactly("Hello");
    }

    @Test
    void aMalformedToolInputIsReportedNotSwallowed() {
        var broken = read("stream-text-and-tool-use.sse")
                .replace("\\\"fahrenheit\\\"}", "\\\"fahrenheit\\\"");
        anthropic.server().enqueue(sse(broken));

        assertThatThrownBy(() -> anthropic.client().call(request(true), context(new RecordingObserver())))
                .isInstanceOfSatisfying(ModelConnectionException.class, e -> {
                    assertThat(e.contentDelivered()).isTrue();
                    assertThat(e.getMessage()).contains("toolu_01T1x1fJ34qAmk2tNTrN7Up6");
                });
    }
}
