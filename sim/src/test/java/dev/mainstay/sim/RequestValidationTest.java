package dev.mainstay.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mainstay.json.Json;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RequestValidationTest {
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

    private static void assertEnvelope(HttpResponse<String> response, int status, String type, String messagePart) {
        assertThat(response.statusCode()).isEqualTo(status);
        var body = Json.parse(response.body());
        assertThat(body.get("type").asText()).isEqualTo("error");
        assertThat(body.get("error").get("type").asText()).isEqualTo(type);
        assertThat(body.get("error").get("message").asText()).contains(messagePart);
        assertThat(body.get("request_id").asText()).startsWith("req_")
                .isEqualTo(response.headers().firstValue("request-id").orElseThrow());
    }

    @Test
    void acceptsTheKeyAsXApiKeyOrAsBearerToken() {
        assertThat(http.post("/v1/messages", Requests.simple(false), "x-api-key", "k").statusCode()).isEqualTo(200);
        assertThat(http.post("/v1/messages", Requests.simple(false), "Authorization", "Bearer k").statusCode())
                .isEqualTo(200);
    }

    @Test
    void refusesARequestWithoutAKeyWith401AndNeverEchoesKeys() {
        assertEnvelope(http.post("/v1/messages", Requests.simple(false)), 401, "authentication_error", "x-api-key");
        var blankBearer = http.post("/v1/messages", Requests.simple(false), "Authorization", "Bearer  ");
        assertEnvelope(blankBearer, 401, "authentication_error", "x-api-key");
        var basic = http.post("/v1/messages", Requests.simple(false), "Authorization", "Basic c2VjcmV0LXZhbHVl");
        assertEnvelope(basic, 401, "authentication_error", "x-api-key");
        assertThat(basic.body()).doesNotContain("c2VjcmV0LXZhbHVl");
        assertThat(simulator.stats().count(Outcome.UNAUTHENTICATED)).isEqualTo(3);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "no model | {\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]} | model: Field required",
        "model not a string | {\"model\":5,\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]} | model: Input should be a valid string",
        "no max_tokens | {\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]} | max_tokens: Field required",
        "zero max_tokens | {\"model\":\"m\",\"max_tokens\":0,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]} | max_tokens: Input should be greater than or equal to 1",
        "text max_tokens | {\"model\":\"m\",\"max_tokens\":\"9\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]} | max_tokens: Input should be a valid integer",
        "no messages | {\"model\":\"m\",\"max_tokens\":10} | messages: Field required",
        "empty messages | {\"model\":\"m\",\"max_tokens\":10,\"messages\":[]} | messages: at least one message is required",
        "bad role | {\"model\":\"m\",\"max_tokens\":10,\"messages\":[{\"role\":\"system\",\"content\":\"hi\"}]} | messages.0.role: Input should be 'user' or 'assistant'",
        "empty content | {\"model\":\"m\",\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":\"\"}]} | messages.0: all messages must have non-empty content",
        "unknown block | {\"model\":\"m\",\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image\"}]}]} | messages.0.content.0.type",
        "not json | {\"model\": | There was an error parsing the body of your request",
        "stream not boolean | {\"model\":\"m\",\"max_tokens\":10,\"stream\":\"yes\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]} | stream: Input should be a valid boolean",
        "tool without schema | {\"model\":\"m\",\"max_tokens\":10,\"tools\":[{\"name\":\"t\"}],\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]} | tools.0.input_schema: Field required",
        "bad cache marker | {\"model\":\"m\",\"max_tokens\":10,\"system\":[{\"type\":\"text\",\"text\":\"s\",\"cache_control\":{\"type\":\"forever\"}}],\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]} | system.0.cache_control.type",
        "orphan tool_result | {\"model\":\"m\",\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_x\",\"content\":\"r\"}]}]} | unexpected `tool_use_id` found in `tool_result` blocks: toolu_x",
        "unanswered tool_use | {\"model\":\"m\",\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":\"q\"},{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\",\"id\":\"toolu_y\",\"name\":\"t\",\"input\":{}}]},{\"role\":\"user\",\"content\":\"and?\"}]} | `tool_use` ids were found without `tool_result` blocks immediately after: toolu_y",
    })
    void refusesAnInvalidRequestWith400NamingTheField(String caseName, String body, String message) {
        assertEnvelope(http.postMessages(body), 400, "invalid_request_error", message);
        assertThat(simulator.stats().count(Outcome.INVALID_REQUEST)).isEqualTo(1);
    }

    @Test
    void acceptsAPrefilledFinalAssistantMessage() {
        var body = """
                {"model":"m","max_tokens":10,"messages":[{"role":"user","content":"hi"},
                 {"role":"assistant","content":"Sure,"}]}
                """;
        assertThat(http.postMessages(body).statusCode()).isEqualTo(200);
    }

    @Test
    void refusesMoreThanFourCacheMarkers() {
        var marked = "{\"type\":\"text\",\"text\":\"x\",\"cache_control\":{\"type\":\"ephemeral\"}}";
        var body = "{\"model\":\"m\",\"max_tokens\":10,\"system\":[" + String.join(",", java.util.Collections.nCopies(5, marked))
                + "],\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        assertEnvelope(http.postMessages(body), 400, "invalid_request_error", "A maximum of 4 blocks with cache_control");
    }

    @Test
    void refusesABodyOverTheLimitWith413() {
        var huge = "x".repeat((int) dev.mainstay.sim.internal.MessagesEndpoint.MAX_BODY_BYTES + 1);
        var body = "{\"model\":\"m\",\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":\"" + huge + "\"}]}";

        assertEnvelope(http.postMessages(body), 413, "request_too_large", "maximum allowed number of bytes");
        assertThat(simulator.stats().count(Outcome.TOO_LARGE)).isEqualTo(1);
    }

    @Test
    void countTokensNeedsAKeyAndValidMessagesButNoMaxTokens() {
        var body = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        assertEnvelope(http.post("/v1/messages/count_tokens", body), 401, "authentication_error", "x-api-key");
        assertThat(http.post("/v1/messages/count_tokens", body, "x-api-key", "k").statusCode()).isEqualTo(200);
        assertEnvelope(http.post("/v1/messages/count_tokens", "{\"model\":\"m\"}", "x-api-key", "k"), 400,
                "invalid_request_error", "messages: Field required");
    }
}
