package dev.mainstay.sim;

import static dev.mainstay.sim.ErrorEnvelopes.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mainstay.json.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every top-level field is honoured or refused by name; none is silently ignored. */
class RequestFieldsTest {
    private Simulator simulator;
    private SimHttp http;

    @BeforeEach
    void start() {
        simulator = Simulator.start(SimulatorConfig.defaults().withBrain(TestBrains.toolCaller()));
        http = new SimHttp(simulator);
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    /** The simple request with {@code field} set to the JSON {@code value}. */
    private static String with(String field, String value) {
        return Json.write(Requests.base(Requests.MODEL, false).set(field, Json.parse(value)));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
        "foo | 1 | foo: Extra inputs are not permitted",
        "betas | [\"x\"] | betas: Extra inputs are not permitted",
        "temperature | 1.5 | temperature: Input should be less than or equal to 1",
        "temperature | -0.1 | temperature: Input should be greater than or equal to 0",
        "temperature | \"hot\" | temperature: Input should be a valid number",
        "top_p | 2 | top_p: Input should be less than or equal to 1",
        "top_k | 1.5 | top_k: Input should be a valid integer",
        "top_k | -1 | top_k: Input should be greater than or equal to 0",
        "metadata | \"me\" | metadata: Input should be a valid dictionary",
        "metadata | {\"user_id\":7} | metadata.user_id: Input should be a valid string",
        "metadata | {\"team\":\"a\"} | metadata.team: Extra inputs are not permitted",
        "service_tier | \"priority\" | service_tier: Input should be 'auto' or 'standard_only'",
        "container | \"container_1\" | container: the Mainstay simulator does not support code execution containers",
        "mcp_servers | [] | mcp_servers: the Mainstay simulator does not support the MCP connector; declare those tools as custom tools instead",
        "context_management | {} | context_management: the Mainstay simulator does not support context management",
        "output_config | {\"effort\":\"low\"} | output_config: the Mainstay simulator does not support output configuration (effort, structured output formats)",
        "speed | \"fast\" | speed: the Mainstay simulator does not support speed modes other than 'standard'",
        "inference_geo | \"eu\" | inference_geo: the Mainstay simulator does not support choosing where inference runs",
        "cache_control | {\"type\":\"ephemeral\"} | cache_control: the Mainstay simulator does not support automatic prompt caching (a top-level cache_control); put cache_control on the blocks to cache instead",
    })
    void refusesAFieldItCannotHonourWith400NamingIt(String field, String value, String message) {
        assertError(http.postMessages(with(field, value)), 400, "invalid_request_error", message);
        assertThat(simulator.stats().count(Outcome.INVALID_REQUEST)).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
        "temperature | 0.7", "top_p | 0.9", "top_k | 40", "metadata | {\"user_id\":\"u-123\"}",
        "service_tier | \"auto\"", "service_tier | \"standard_only\"", "speed | \"standard\"", "container | null",
        "thread | null", "stop_sequences | []",
    })
    void acceptsTheFieldsItHonoursOrThatAskForNothing(String field, String value) {
        var response = http.postMessages(with(field, value));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    @Test
    void refusesAThreadWithTheErrorCodeTheSdksFallBackOn() {
        var error = assertError(http.postMessages(with("thread", "{\"type\":\"create\"}")), 400,
                "invalid_request_error", "thread: the Mainstay simulator does not support message threads"
                        + " (conversation state held by the server); send the full conversation without `thread`");

        assertThat(error.get("details")).isEqualTo(Json.parse("{\"error_code\":\"thread_unsupported_request\"}"));
    }

    @Test
    void countTokensTakesOnlyTheFieldsTheApiCountsWith() {
        var body = Requests.withWeatherTool(false);
        body.remove("max_tokens");
        body.set("tool_choice", Json.parse("{\"type\":\"auto\"}"));
        assertThat(http.post("/v1/messages/count_tokens", Json.write(body), "x-api-key", "k").statusCode())
                .isEqualTo(200);

        body.put("max_tokens", 10);
        assertError(http.post("/v1/messages/count_tokens", Json.write(body), "x-api-key", "k"), 400,
                "invalid_request_error", "max_tokens: Extra inputs are not permitted");
    }

    @Test
    void treatsConsecutiveMessagesOfOneRoleAsOneTurnAsTheApiMergesThem() {
        var body = """
                {"model":"m","max_tokens":50,"tools":[{"name":"get_weather","input_schema":{"type":"object"}}],
                 "messages":[{"role":"user","content":"hi"},{"role":"user","content":"weather?"},
                  {"role":"assistant","content":"Checking."},
                  {"role":"assistant","content":[{"type":"tool_use","id":"toolu_a","name":"get_weather","input":{}}]},
                  {"role":"user","content":"(one moment)"},
                  {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_a","content":"sunny"}]}]}
                """;

        var response = http.postMessages(body);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(Json.parse(response.body()).get("content").get(0).get("text").asText())
                .isEqualTo("The tool said: sunny");
    }

    @Test
    void acceptsAConversationThatStartsWithTheAssistant() {
        var body = """
                {"model":"m","max_tokens":50,"messages":[{"role":"assistant","content":"Hello, how can I help?"},
                 {"role":"user","content":"Say hello."}]}
                """;

        assertThat(http.postMessages(body).statusCode()).isEqualTo(200);
    }
}
