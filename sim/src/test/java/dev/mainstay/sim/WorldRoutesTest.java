package dev.mainstay.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mainstay.json.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Parameter checking of the fake world's routes; what the world answers is tested with FakeWorld itself. */
class WorldRoutesTest {
    private Simulator simulator;
    private SimHttp http;

    @BeforeEach
    void start() {
        simulator = Simulator.start(SimulatorConfig.defaults());
        http = new SimHttp(simulator);
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "/world/geocoding/v1/search",
        "/world/geocoding/v1/search?name=",
        "/world/geocoding/v1/search?name=Lisbon&count=0",
        "/world/geocoding/v1/search?name=Lisbon&count=many",
        "/world/forecast/v1/forecast?latitude=38.7",
        "/world/forecast/v1/forecast?latitude=91&longitude=0",
        "/world/forecast/v1/forecast?latitude=abc&longitude=0",
        "/world/forecast/v1/forecast?latitude=38.7&longitude=-9.1&forecast_days=17"
    })
    void refusesBadOpenMeteoParametersWithOpenMeteosErrorShape(String path) {
        var response = http.get(path);

        assertThat(response.statusCode()).isEqualTo(400);
        var body = Json.parse(response.body());
        assertThat(body.get("error").asBoolean()).isTrue();
        assertThat(body.get("reason").asText()).isNotBlank();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/world/searxng/search?format=json", "/world/searxng/search?q=java", "/world/searxng/search?q=java&format=html"})
    void refusesBadSearchParameters(String path) {
        var response = http.get(path);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(Json.parse(response.body()).get("error").asText()).isNotBlank();
    }
}
