package dev.mainstay.anthropic;

import static dev.mainstay.anthropic.Fixtures.context;
import static dev.mainstay.anthropic.Fixtures.json;
import static dev.mainstay.anthropic.Fixtures.read;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mainstay.json.Json;
import dev.mainstay.model.Message;
import dev.mainstay.model.ModelRequest;
import dev.mainstay.model.Role;
import dev.mainstay.model.TextBlock;
import dev.mainstay.model.ToolDefinition;
import dev.mainstay.model.ToolResultBlock;
import dev.mainstay.model.ToolUseBlock;
import dev.mainstay.promptcache.PromptCachePolicy;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Asserts the JSON the server received, field by field, for requests built from Mainstay's types. */
class RequestMappingTest {
    private static final String WEATHER_SCHEMA = """
            {"type":"object","properties":{"location":{"type":"string","description":"City"},\
            "days":{"type":"integer","minimum":1}},"required":["location"],"additionalProperties":false}""";
    private static final String CALC_SCHEMA = """
            {"type":"object","properties":{"expression":{"type":"string"}},"required":["expression"]}""";

    @RegisterExtension
    final FakeAnthropicServer anthropic = new FakeAnthropicServer();

    private static ModelRequest toolConversation() {
        var conversation = List.of(
                Message.user("Weather in Lyon, and what is 2*21?"),
                Message.assistant(List.of(
                        new TextBlock("Checking."),
                        new ToolUseBlock("toolu_1", "get_weather", Json.parseObject("{\"location\":\"Lyon\"}")),
                        new ToolUseBlock("toolu_2", "calculator", Json.parseObject("{\"expression\":\"2*21\"}")))),
                new Message(Role.USER, List.of(
                        new ToolResultBlock("toolu_1", "weather backend unavailable", true),
                        new ToolResultBlock("toolu_2", "42", false))));
        var tools = List.of(
                new ToolDefinition("get_weather", "Current weather", Json.parseObject(WEATHER_SCHEMA)),
                new ToolDefinition("calculator", "Evaluates arithmetic", Json.parseObject(CALC_SCHEMA)));
        return new ModelRequest("claude-haiku-5-5", "You are a careful assistant.", conversation, tools,
                2048, false, true);
    }

    @Test
    void sendsSystemToolsAndEveryBlockKindWithCacheBreakpoints() throws InterruptedException {
        callWith(toolConversation());

        var body = sentBody();
        assertThat(body.path("model").asText()).isEqualTo("claude-haiku-5-5");
        assertThat(body.path("max_tokens").asInt()).isEqualTo(2048);
        assertThat(body.has("stream")).isFalse();
        assertThat(body.path("system")).isEqualTo(Json.parse("""
                [{"type":"text","text":"You are a careful assistant.","cache_control":{"type":"ephemeral"}}]"""));

        assertThat(body.path("tools")).hasSize(2);
        assertThat(body.path("tools").get(0).path("name").asText()).isEqualTo("get_weather");
        assertThat(body.path("tools").get(0).path("input_schema")).isEqualTo(Json.parse(WEATHER_SCHEMA));
        assertThat(body.path("tools").get(0).has("cache_control")).isFalse();
        assertThat(body.path("tools").get(1).path("description").asText()).isEqualTo("Evaluates arithmetic");
        assertThat(body.path("tools").get(1).path("cache_control")).isEqualTo(Json.parse("{\"type\":\"ephemeral\"}"));

        var messages = body.path("messages");
        assertThat(messages).hasSize(3);
        assertThat(messages.get(0)).as("where the previous call ended: read from the cache").isEqualTo(Json.parse("""
                {"role":"user","content":[{"type":"text","text":"Weather in Lyon, and what is 2*21?",
                  "cache_control":{"type":"ephemeral"}}]}"""));
        assertThat(messages.get(1)).isEqualTo(Json.parse("""
                {"role":"assistant","content":[
                  {"type":"text","text":"Checking."},
                  {"type":"tool_use","id":"toolu_1","name":"get_weather","input":{"location":"Lyon"}},
                  {"type":"tool_use","id":"toolu_2","name":"calculator","input":{"expression":"2*21"}}]}"""));
        assertThat(messages.get(2)).isEqualTo(Json.parse("""
                {"role":"user","content":[
                  {"type":"tool_result","tool_use_id":"toolu_1","content":"weather backend unavailable","is_error":true},
                  {"type":"tool_result","tool_use_id":"toolu_2","content":"42","is_error":false,
                   "cache_control":{"type":"ephemeral"}}]}"""));
    }

    @Test
    void aLongLivedPolicyCachesToolsAndSystemForAnHourAndTheConversationForFiveMinutes() throws InterruptedException {
        anthropic.reconfigure(config -> config.withPromptCache(PromptCachePolicy.auto(true)));

        callWith(toolConversation());

        var body = sentBody();
        var hour = Json.parse("{\"type\":\"ephemeral\",\"ttl\":\"1h\"}");
        assertThat(body.path("tools").get(1).path("cache_control")).isEqualTo(hour);
        assertThat(body.path("system").get(0).path("cache_control")).isEqualTo(hour);
        assertThat(body.path("messages").get(2).path("content").get(1).path("cache_control"))
                .isEqualTo(Json.parse("{\"type\":\"ephemeral\"}"));
        assertThat(body.toString().split("cache_control", -1)).hasSize(1 + 4);
    }

    @Test
    void sendsNoMarkerWhenThePolicyIsOff() throws InterruptedException {
        anthropic.reconfigure(config -> config.withPromptCache(PromptCachePolicy.OFF));

        callWith(toolConversation());

        assertThat(sentBody().toString()).doesNotContain("cache_control");
    }

    @Test
    void omitsSystemToolsAndCacheControlWhenTheRequestHasNone() throws InterruptedException {
        callWith(Fixtures.request(false));

        var body = sentBody();
        assertThat(body.has("system")).isFalse();
        assertThat(body.has("tools")).isFalse();
        assertThat(body.toString()).doesNotContain("cache_control");
    }

    @Test
    void leavesPromptCachingOffUnlessAsked() throws InterruptedException {
        var tools = List.of(new ToolDefinition("calculator", "Evaluates arithmetic", Json.parseObject(CALC_SCHEMA)));
        var request = new ModelRequest("claude-sonnet-5-5", "Be brief.", List.of(Message.user("2+2?")), tools, 64,
                false, false);

        callWith(request);

        var body = sentBody();
        assertThat(body.path("system").get(0).path("text").asText()).isEqualTo("Be brief.");
        assertThat(body.toString()).doesNotContain("cache_control");
    }

    @Test
    void usesTheConfiguredDefaultModelWhenTheRequestNamesNone() throws InterruptedException {
        anthropic.reconfigure(config -> config.withDefaultModel("claude-opus-5-5"));

        callWith(Fixtures.request(false).withModel(""));

        assertThat(sentBody().path("model").asText()).isEqualTo("claude-opus-5-5");
    }

    @Test
    void asksForAnEventStreamWhenStreaming() throws InterruptedException {
        anthropic.server().enqueue(Fixtures.sse(read("stream-text-and-tool-use.sse")));

        anthropic.client().call(Fixtures.request(true), context());

        var recorded = anthropic.server().takeRequest(5, TimeUnit.SECONDS);
        assertThat(recorded).isNotNull();
        assertThat(Json.parse(recorded.getBody().utf8()).path("stream").asBoolean()).isTrue();
        assertThat(recorded.getHeaders().get("accept")).isEqualTo("text/event-stream");
    }

    @Test
    void asksForExtendedThinkingWithItsBudget() throws InterruptedException {
        var request = new ModelRequest("claude-sonnet-5-5", "", List.of(Message.user("2+2?")), List.of(), 4096,
                false, false, 2048);

        callWith(request);

        var body = sentBody();
        assertThat(body.path("thinking")).isEqualTo(Json.parse("{\"type\":\"enabled\",\"budget_tokens\":2048}"));
        assertThat(body.path("max_tokens").asInt()).isEqualTo(4096);
    }

    @Test
    void leavesThinkingOutWhenTheRequestHasNoBudget() throws InterruptedException {
        callWith(Fixtures.request(false));

        assertThat(sentBody().has("thinking")).isFalse();
    }

    @Test
    void sendsEveryBlockTheModelSaidBackAsItCame() throws InterruptedException {
        anthropic.server().enqueue(json(200, read(ContentBlockFidelityTest.WHOLE)));
        var question = Message.user("When was Claude Shannon born? Note it.");
        var said = anthropic.client().call(new ModelRequest("claude-sonnet-5-5", "", List.of(question), List.of(),
                4096, false, false, 2048), context());
        anthropic.server().takeRequest(5, TimeUnit.SECONDS);
        var conversation = List.of(question, Message.assistant(said.content()),
                new Message(Role.USER, List.of(new ToolResultBlock("toolu_01A09q90qw90lq917835lq9", "saved", false))));

        callWith(new ModelRequest("claude-sonnet-5-5", "", conversation, List.of(), 4096, false, false, 2048));

        var sentBack = sentBody().path("messages").get(1);
        assertThat(sentBack.path("role").asText()).isEqualTo("assistant");
        var received = Json.parse(read(ContentBlockFidelityTest.WHOLE)).path("content");
        assertThat(sentBack.path("content")).hasSize(received.size());
        for (int i = 0; i < received.size(); i++) {
            assertThat(sentBack.path("content").get(i)).as("block %d (%s)", i, received.get(i).path("type"))
                    .isEqualTo(received.get(i));
        }
    }

    private void callWith(ModelRequest request) {
        anthropic.server().enqueue(json(200, read("message-text-and-tool-use.json")));
        anthropic.client().call(request, context());
    }

    private JsonNode sentBody() throws InterruptedException {
        var recorded = anthropic.server().takeRequest(5, TimeUnit.SECONDS);
        assertThat(recorded).as("the request the server received").isNotNull();
        return Json.parse(recorded.getBody().utf8());
    }
}
