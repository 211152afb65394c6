package dev.mainstay.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mainstay.json.Json;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AdminApiTest {
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

    @Test
    void reportsHealthAndModeWithoutAKey() {
        var health = http.get("/health");

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(Json.parse(health.body())).isEqualTo(Json.parse("{\"status\":\"ok\",\"mode\":\"scripted\"}"));
    }

    @Test
    void showsTheCurrentFaultProfile() {
        simulator.setFaults(FaultProfile.named("overload").forModels(Set.of("claude-opus-4-1")));

        var faults = Json.parse(http.get("/admin/faults").body());

        assertThat(faults.get("rate_529").asDouble()).isEqualTo(0.30);
        assertThat(faults.get("retry_after_ms").asLong()).isEqualTo(2_000);
        assertThat(faults.get("models").get(0).asText()).isEqualTo("claude-opus-4-1");
        assertThat(faults.get("latency").get("base_ms").asLong()).isZero();
    }

    @Test
    void replacesTheFaultProfileFromJson() {
        var body = """
                {"profile":"flaky","rate_529":0.5,"latency":{"base_ms":20},"cut_after_events":2,
                 "models":["claude-sonnet-4-5"]}
                """;

        var response = http.put("/admin/faults", body);

        assertThat(response.statusCode()).isEqualTo(200);
        var expected = FaultProfile.named("flaky").toBuilder()
                .rate529(0.5)
                .latency(new Latency(Duration.ofMillis(20), Duration.ofMillis(100), Duration.ZERO))
                .cutAfterEvents(2)
                .models(Set.of("claude-sonnet-4-5"))
                .build();
        assertThat(simulator.faults()).isEqualTo(expected);
        assertThat(Json.parse(response.body()).get("rate_529").asDouble()).isEqualTo(0.5);
    }

    @Test
    void roundTripsEveryPresetThroughTheAdminApi() {
        for (var name : FaultProfile.NAMES) {
            simulator.setFaults(FaultProfile.named(name));
            var shown = http.get("/admin/faults").body();
            simulator.setFaults(FaultProfile.NONE);

            assertThat(http.put("/admin/faults", shown).statusCode()).isEqualTo(200);
            assertThat(simulator.faults()).as(name).isEqualTo(FaultProfile.named(name));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "not json",
        "[1,2]",
        "{\"rate_529\": 1.5}",
        "{\"rate_429\": -0.1}",
        "{\"rate_429\": \"often\"}",
        "{\"rate_429\": 0.6, \"rate_529\": 0.6}",
        "{\"profile\": \"apocalypse\"}",
        "{\"rate_529\": 0.1, \"surprise\": true}",
        "{\"latency\": {\"base_ms\": -5}}",
        "{\"retry_after_ms\": 1.5}",
        "{\"models\": \"claude\"}",
        "{\"cut_after_events\": -1}"
    })
    void rejectsAnInvalidProfileWithAProblemAndChangesNothing(String body) {
        var before = FaultProfile.named("flaky");
        simulator.setFaults(before);

        var response = http.put("/admin/faults", body);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        var problem = Json.parse(response.body());
        assertThat(problem.get("type").asText()).isEqualTo("https://mainstay.dev/problems/invalid-fault-profile");
        assertThat(problem.get("status").asInt()).isEqualTo(400);
        assertThat(problem.get("detail").asText()).isNotBlank();
        assertThat(simulator.faults()).isEqualTo(before);
    }

    @Test
    void listsEveryProblemOfAProfileAtOnce() {
        var problem = Json.parse(http.put("/admin/faults", "{\"rate_529\": 2, \"hang_rate\": -1, \"x\": 1}").body());

        assertThat(problem.get("detail").asText()).contains("rate_529", "hang_rate", "unknown field 'x'");
    }

    @Test
    void switchesTheModeAndRejectsUnknownModes() {
        var response = http.put("/admin/mode", "{\"mode\":\"RunAway\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Json.parse(response.body()).get("mode").asText()).isEqualTo("runaway");
        assertThat(simulator.mode()).isEqualTo(SimMode.RUNAWAY);
        assertThat(Json.parse(http.get("/admin/mode").body()).get("mode").asText()).isEqualTo("runaway");

        var bad = http.put("/admin/mode", "{\"mode\":\"chaotic\"}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(Json.parse(bad.body()).get("detail").asText()).contains("scripted, runaway, obedient");
        assertThat(http.put("/admin/mode", "{}").statusCode()).isEqualTo(400);
        assertThat(simulator.mode()).isEqualTo(SimMode.RUNAWAY);
    }

    @Test
    void countsRequestsByOutcomeAndModelAndResets() {
        http.postMessages(Requests.simple(false));
        http.postMessages(Requests.forModel("claude-haiku-4-5"));
        simulator.setFaults(FaultProfile.named("outage"));
        http.postMessages(Requests.simple(false));
        http.post("/v1/messages", Requests.simple(false));

        var stats = Json.parse(http.get("/admin/stats").body());

        assertThat(stats).isEqualTo(Json.parse("""
                {"requests":4,"by_outcome":{"401":1,"529":1,"ok":2},
                 "by_model":{"claude-haiku-4-5":1,"claude-sonnet-4-5":2}}
                """));
        var reset = http.post("/admin/stats/reset", "");
        assertThat(Json.parse(reset.body())).isEqualTo(Json.parse("{\"requests\":0,\"by_outcome\":{},\"by_model\":{}}"));
        assertThat(simulator.stats().requests()).isZero();
    }
}
