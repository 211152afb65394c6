package dev.mainstay.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.mainstay.json.Json;
import dev.mainstay.testing.RecordingSleeper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FaultInjectionTest {
    private Simulator simulator;
    private SimHttp http;

    private void start(FaultProfile faults) {
        simulator = Simulator.start(SimulatorConfig.defaults().withBrain(TestBrains.toolCaller()).withFaults(faults));
        http = new SimHttp(simulator);
    }

    @AfterEach
    void stop() {
        if (simulator != null) {
            simulator.close();
        }
    }

    private static void assertEnvelope(java.net.http.HttpResponse<String> response, int status, String type) {
        assertThat(response.statusCode()).isEqualTo(status);
        var body = Json.parse(response.body());
        assertThat(body.get("type").asText()).isEqualTo("error");
        assertThat(body.get("error").get("type").asText()).isEqualTo(type);
        assertThat(body.get("request_id").asText())
                .isEqualTo(response.headers().firstValue("request-id").orElseThrow());
    }

    @Test
    void answers429WithRetryAfterSecondsAndAnExhaustedRateLimit() {
        start(FaultProfile.builder().rate429(1.0).retryAfter(Duration.ofMillis(2_500)).build());

        var response = http.postMessages(Requests.simple(false));

        assertEnvelope(response, 429, "rate_limit_error");
        assertThat(response.headers().firstValue("retry-after")).hasValue("3");
        assertThat(response.headers().firstValue("anthropic-ratelimit-requests-remaining")).hasValue("0");
        var reset = Instant.parse(response.headers().firstValue("anthropic-ratelimit-requests-reset").orElseThrow());
        assertThat(reset).isAfter(Instant.now());
        assertThat(simulator.stats().count(Outcome.RATE_LIMITED)).isEqualTo(1);
    }

    @Test
    void answers529OverloadedWithTheRealEnvelope() {
        start(FaultProfile.named("outage"));

        var response = http.postMessages(Requests.simple(true));

        assertEnvelope(response, 529, "overloaded_error");
        assertThat(Json.parse(response.body()).get("error").get("message").asText()).isEqualTo("Overloaded");
        assertThat(response.headers().firstValue("request-id")).isPresent();
    }

    @Test
    void answers500ApiError() {
        start(FaultProfile.builder().rate500(1.0).build());

        assertEnvelope(http.postMessages(Requests.simple(false)), 500, "api_error");
        assertThat(simulator.stats().count(Outcome.SERVER_ERROR)).isEqualTo(1);
    }

    @Test
    void sendsAnOverloadedErrorEventInTheMiddleOfA200Stream() {
        start(FaultProfile.builder().midStreamOverloadRate(1.0).build());

        var response = http.postMessages(Json.write(Requests.withWeatherTool(true)));

        assertThat(response.statusCode()).isEqualTo(200);
        var events = SimHttp.events(response.body());
        var names = SimHttp.names(events);
        assertThat(names.getLast()).isEqualTo("error");
        assertThat(names).startsWith("message_start", "content_block_start", "ping", "content_block_delta")
                .doesNotContain("message_delta", "message_stop");
        assertThat(Json.parse(events.getLast().data()))
                .isEqualTo(Json.parse("{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}"));
        assertThat(simulator.stats().count(Outcome.STREAM_ERROR)).isEqualTo(1);
    }

    @Test
    void turnsAMidStreamOverloadIntoA529ForANonStreamingRequest() {
        start(FaultProfile.builder().midStreamOverloadRate(1.0).build());

        assertEnvelope(http.postMessages(Requests.simple(false)), 529, "overloaded_error");
        assertThat(simulator.stats().count(Outcome.OVERLOADED)).isEqualTo(1);
    }

    @Test
    void cutsAStreamAfterNEventsWithoutMessageStop() {
        start(FaultProfile.builder().cutStreamRate(1.0).cutAfterEvents(4).build());

        var raw = RawHttp.post(simulator, "/v1/messages", Requests.simple(true));

        assertThat(raw).startsWith("HTTP/1.1 200");
        assertThat(RawHttp.endedCleanly(raw)).as("the chunked body must not be terminated").isFalse();
        assertThat(SimHttp.names(SimHttp.events(RawHttp.dechunk(raw))))
                .containsExactly("message_start", "content_block_start", "ping", "content_block_delta");
        assertThat(simulator.stats().count(Outcome.CUT)).isEqualTo(1);
    }

    @Test
    void aCompleteStreamEndsItsChunkedBodyCleanly() {
        start(FaultProfile.NONE);

        var raw = RawHttp.post(simulator, "/v1/messages", Requests.simple(true));

        assertThat(RawHttp.endedCleanly(raw)).isTrue();
        assertThat(SimHttp.names(SimHttp.events(RawHttp.dechunk(raw))).getLast()).isEqualTo("message_stop");
    }

    @Test
    void cutsANonStreamingBodyHalfWay() {
        start(FaultProfile.builder().cutStreamRate(1.0).build());

        assertThatThrownBy(() -> http.postMessages(Requests.simple(false))).isInstanceOf(UncheckedIOException.class);
        assertThat(simulator.stats().count(Outcome.CUT)).isEqualTo(1);
    }

    @Test
    void answersMalformedJsonWithA200AndATruncatedBody() {
        start(FaultProfile.builder().malformedJsonRate(1.0).build());

        var response = http.postMessages(Requests.simple(false));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).startsWith("{\"id\":\"msg_");
        assertThatThrownBy(() -> Json.parse(response.body())).isInstanceOf(IllegalArgumentException.class);
        assertThat(simulator.stats().count(Outcome.MALFORMED)).isEqualTo(1);
    }

    @Test
    void appliesFaultsOnlyToTheModelsInScope() {
        start(FaultProfile.named("outage").forModels(Set.of("claude-opus-4-1")));

        assertThat(http.postMessages(Requests.forModel("claude-opus-4-1")).statusCode()).isEqualTo(529);
        assertThat(http.postMessages(Requests.forModel("claude-sonnet-4-5")).statusCode()).isEqualTo(200);
        var stats = simulator.stats();
        assertThat(stats.countForModel("claude-opus-4-1")).isEqualTo(1);
        assertThat(stats.countForModel("claude-sonnet-4-5")).isEqualTo(1);
        assertThat(stats.count(Outcome.OVERLOADED)).isEqualTo(1);
        assertThat(stats.count(Outcome.OK)).isEqualTo(1);
        assertThat(stats.requests()).isEqualTo(2);
    }

    @Test
    void replacesTheFaultProfileAtRunTime() {
        start(FaultProfile.NONE);
        assertThat(http.postMessages(Requests.simple(false)).statusCode()).isEqualTo(200);

        simulator.setFaults(FaultProfile.named("outage"));

        assertThat(simulator.faults()).isEqualTo(FaultProfile.named("outage"));
        assertThat(http.postMessages(Requests.simple(false)).statusCode()).isEqualTo(529);
    }

    @Test
    void appliesLatencyThroughTheInjectedSleeper() {
        var sleeper = new RecordingSleeper();
        var latency = new Latency(Duration.ofMillis(300), Duration.ZERO, Duration.ofMillis(10));
        simulator = Simulator.start(SimulatorConfig.defaults().withBrain(TestBrains.fixedText("abcdefgh"))
                .withFaults(FaultProfile.NONE.withLatency(latency)), sleeper);
        http = new SimHttp(simulator);

        assertThat(http.postMessages(Requests.simple(false)).statusCode()).isEqualTo(200);

        assertThat(sleeper.sleeps()).containsExactly(Duration.ofMillis(300), Duration.ofMillis(20));
    }

    @Test
    void streamsEachDeltaAfterItsPerTokenTime() {
        var sleeper = new RecordingSleeper();
        var latency = new Latency(Duration.ofMillis(200), Duration.ZERO, Duration.ofMillis(5));
        simulator = Simulator.start(SimulatorConfig.defaults().withBrain(TestBrains.toolCaller())
                .withFaults(FaultProfile.NONE.withLatency(latency)), sleeper);
        http = new SimHttp(simulator);

        var events = SimHttp.events(http.postMessages(Requests.simple(true)).body());

        var deltas = events.stream().filter(e -> e.name().equals("content_block_delta")).toList();
        var sleeps = sleeper.sleeps();
        assertThat(sleeps.getFirst()).isEqualTo(Duration.ofMillis(200));
        assertThat(sleeps.subList(1, sleeps.size())).hasSize(deltas.size()).allSatisfy(d -> {
            assertThat(d).isPositive();
            assertThat(d.toMillis() % 5).isZero();
        });
    }

    @Test
    void drawsJitterBelowItsBound() {
        var sleeper = new RecordingSleeper();
        var latency = new Latency(Duration.ofMillis(100), Duration.ofMillis(50), Duration.ZERO);
        simulator = Simulator.start(SimulatorConfig.defaults().withBrain(TestBrains.fixedText("x"))
                .withFaults(FaultProfile.NONE.withLatency(latency)), sleeper);
        http = new SimHttp(simulator);

        for (int i = 0; i < 5; i++) {
            http.postMessages(Requests.simple(false));
        }

        assertThat(sleeper.sleeps()).filteredOn(d -> !d.isZero()).hasSize(5)
                .allSatisfy(d -> assertThat(d).isBetween(Duration.ofMillis(100), Duration.ofMillis(150)));
        assertThat(sleeper.sleeps().stream().distinct().count()).isGreaterThan(1);
    }

    @Test
    void holdsAHungRequestUntilTheSimulatorCloses() throws Exception {
        start(FaultProfile.named("hang"));

        var pending = http.postMessagesAsync(Requests.simple(false));
        await().atMost(Duration.ofSeconds(10)).until(() -> simulator.hangingRequests() == 1);
        assertThat(pending).isNotDone();

        simulator.close();

        assertThatThrownBy(() -> pending.get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(IOException.class);
    }

    @Test
    void releasesAHungRequestWhenItsClientGivesUp() throws IOException {
        start(FaultProfile.named("hang"));
        var body = Requests.simple(false).getBytes(java.nio.charset.StandardCharsets.UTF_8);

        try (var socket = new java.net.Socket("127.0.0.1", simulator.port())) {
            var out = socket.getOutputStream();
            out.write(("POST /v1/messages HTTP/1.1\r\nHost: localhost\r\nx-api-key: k\r\nContent-Length: "
                    + body.length + "\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            await().atMost(Duration.ofSeconds(10)).until(() -> simulator.hangingRequests() == 1);
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> simulator.hangingRequests() == 0);
        assertThat(simulator.stats().count(Outcome.HANG)).isEqualTo(1);
    }
}
