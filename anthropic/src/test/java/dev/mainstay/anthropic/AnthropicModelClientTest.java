package dev.mainstay.anthropic;

import static dev.mainstay.anthropic.Fixtures.context;
import static dev.mainstay.anthropic.Fixtures.json;
import static dev.mainstay.anthropic.Fixtures.read;
import static dev.mainstay.anthropic.Fixtures.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mainstay.json.Json;
import dev.mainstay.model.StopReason;
import dev.mainstay.model.TextBlock;
import dev.mainstay.model.ToolUseBlock;
import dev.mainstay.model.Usage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AnthropicModelClientTest {
    @RegisterExtension
    final FakeAnthropicServer anthropic = new FakeAnthropicServer();

    @Test
    void mapsTextAndToolUseWithUsageIncludingCacheTokens() {
        anthropic.server().enqueue(json(200, read("message-text-and-tool-use.json")));

        var response = anthropic.client().call(request(false), context());

        assertThat(response.id()).isEqualTo("msg_01XFDUDYJgAACzvnptvVoYEL");
        assertThat(response.model()).isEqualTo("claude-sonnet-5-5");
        assertThat(response.content()).containsExactly(
                new TextBlock("I'll look up the weather in Lyon."),
                new ToolUseBlock("toolu_01A09q90qw90lq917835lq9", "get_weather",
                        Json.parseObject("{\"location\":\"Lyon, FR\",\"days\":3}")));
        assertThat(response.stopReason()).isEqualTo(StopReason.TOOL_USE);
        assertThat(response.usage()).isEqualTo(new Usage(2095, 503, 1200, 300));
        assertThat(response.requestId()).isEqualTo("req_011CSHoEeqs5C35K2UUqR7Fy");
    }

    @Test
    void keepsAnUnknownStopReason() {
        anthropic.server().enqueue(json(200, read("message-with-thinking-and-new-stop-reason.json")));

        var response = anthropic.client().call(request(false), context());

        assertThat(response.content()).last().isEqualTo(new TextBlock("42"));
        assertThat(response.stopReason().value()).isEqualTo("model_context_window_exceeded_v9");
        assertThat(response.stopReason().isKnown()).isFalse();
        assertThat(response.usage()).isEqualTo(new Usage(12, 6, 0, 0));
    }

    @Test
    void postsOnceToMessagesWithTheKeyAndNoSdkRetry() throws InterruptedException {
        anthropic.server().enqueue(json(200, read("message-text-and-tool-use.json")));

        anthropic.client().call(request(false), context());

        var recorded = anthropic.server().takeRequest(5, TimeUnit.SECONDS);
        assertThat(recorded).isNotNull();
        assertThat(recorded.getMethod()).isEqualTo("POST");
        assertThat(recorded.getUrl().encodedPath()).isEqualTo("/v1/messages");
        assertThat(recorded.getHeaders().get("authorization")).isEqualTo("Bearer " + Fixtures.API_KEY);
        assertThat(recorded.getHeaders().get("x-stainless-retry-count")).isEqualTo("0");
        assertThat(anthropic.server().getRequestCount()).isEqualTo(1);
    }

    @Test
    void namesItselfAnthropicAndDefaultsToTheNewestSonnet() {
        assertThat(anthropic.client().name()).isEqualTo("anthropic");
        assertThat(AnthropicModelClient.DEFAULT_MODEL).isEqualTo("claude-sonnet-5-5");
        assertThat(anthropic.client().config().defaultModel()).isEqualTo(AnthropicModelClient.DEFAULT_MODEL);
    }
}
