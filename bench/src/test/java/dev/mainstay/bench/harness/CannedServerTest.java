package dev.mainstay.bench.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CannedServerTest {
    private static final String TOOLS = "\"tools\":[{\"name\":\"calculator\"},{\"name\":\"get_weather\"}]";
    private static final String SYSTEM = "\"system\":" + CannedReplies.quote(ReferenceRun.SYSTEM_PROMPT);
    private static final String FIRST = "{" + SYSTEM + "," + TOOLS + ",\"messages\":[{\"role\":\"user\",\"content\":"
            + CannedReplies.quote(ReferenceRun.TASK) + "}]}";

    private static CannedServer server;
    private static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void start() throws IOException {
        server = CannedServer.start("127.0.0.1", 0, Duration.ZERO);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void firstTurnAsksForBothToolsAtOnce() throws Exception {
        var response = post(FIRST, true);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("request-id")).hasValueSatisfying(id -> assertThat(id).startsWith("req_"));
        assertThat(response.body()).contains("\"stop_reason\":\"tool_use\"")
                .contains("\"name\":\"calculator\",\"input\":{\"expression\":\"17.5 * 2340 / 100\"}")
                .contains("\"name\":\"get_weather\",\"input\":{\"location\":\"Lisbon\"}");
    }

    @Test
    void secondTurnWithBothToolResultsGetsTheFinalAnswer() throws Exception {
        var response = post(second(ReferenceTools.calculator("17.5 * 2340 / 100"), ReferenceTools.weather("Lisbon")),
                true);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"stop_reason\":\"end_turn\"").contains(ReferenceRun.EXPECTED_IN_ANSWER);
    }

    @Test
    void aToolResultThatIsNotTheToolsOutputIsRefusedNamingWhatIsMissing() throws Exception {
        var response = post(second("error: the expression is empty", ReferenceTools.weather("Lisbon")), true);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("invalid_request_error").contains("a tool result lacks '409.5'");
    }

    @Test
    void requestsWithoutTheSystemPromptOrTheToolsAreRefused() throws Exception {
        assertThat(post(FIRST.replace(SYSTEM, "\"system\":\"be brief\""), true).body())
                .contains("the reference system prompt is missing");
        assertThat(post(FIRST.replace("get_weather", "weather"), true).body())
                .contains("both reference tools must be declared");
    }

    @Test
    void requestsWithoutAnApiKeyAreUnauthorized() throws Exception {
        assertThat(post(FIRST, false).statusCode()).isEqualTo(401);
    }

    @Test
    void streamedAnswersAreServerSentEventsEndingInMessageStop() throws Exception {
        var response = post(FIRST.replace("{" + SYSTEM, "{\"stream\": true," + SYSTEM), true);

        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("text/event-stream"));
        assertThat(response.body()).startsWith("event: message_start\n")
                .contains("\"type\":\"input_json_delta\"")
                .contains("\"stop_reason\":\"tool_use\"")
                .endsWith("event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n");
    }

    @Test
    void statsCountAnsweredAndRefusedRequests() throws Exception {
        long answered = server.answered();
        post(FIRST, true);

        var stats = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + CannedServer.STATS_PATH)).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(server.answered()).isEqualTo(answered + 1);
        assertThat(stats.body()).contains("\"in_flight\":0").contains("\"answered\":");
    }

    private static String second(String calculatorResult, String weatherResult) {
        return "{" + SYSTEM + "," + TOOLS + ",\"messages\":[{\"role\":\"user\",\"content\":"
                + CannedReplies.quote(ReferenceRun.TASK) + "},{\"role\":\"user\",\"content\":["
                + "{\"type\":\"tool_result\",\"tool_use_id\":\"a\",\"content\":" + CannedReplies.quote(calculatorResult)
                + "},{\"type\":\"tool_result\",\"tool_use_id\":\"b\",\"content\":" + CannedReplies.quote(weatherResult)
                + "}]}]}";
    }

    private static HttpResponse<String> post(String body, boolean withKey) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/v1/messages"))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (withKey) {
            request.header("x-api-key", ReferenceRun.API_KEY);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
