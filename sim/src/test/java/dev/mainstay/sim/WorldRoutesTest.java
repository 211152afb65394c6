package dev.mainstay.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mainstay.json.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The fake world's routes: parameters checked, bodies from FakeWorld (whose content is tested on its own). */
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

    @Test
    void servesGeocodingForecastAndSearchFromTheFakeWorld() {
        var places = Json.parse(http.get("/world/geocoding/v1/search?name=Lisbon&count=1&language=en&format=json").body());
        var place = places.get("results").get(0);
        assertThat(place.get("name").asText()).isEqualTo("Lisbon");

        var forecast = http.get("/world/forecast/v1/forecast?latitude=" + place.get("latitude").asDouble()
                + "&longitude=" + place.get("longitude").asDouble()
                + "&current=temperature_2m,precipitation,weather_code,wind_speed_10m"
                + "&daily=weather_code,temperature_2m_max,temperature_2m_min,precipitation_sum,precipitation_probability_max"
                + "&timezone=auto&forecast_days=3");
        assertThat(forecast.statusCode()).isEqualTo(200);
        assertThat(Json.parse(forecast.body()).get("daily").get("time")).hasSize(3);

        var search = http.get("/world/searxng/search?q=java+virtual+threads&format=json");
        assertThat(search.statusCode()).isEqualTo(200);
        assertThat(Json.parse(search.body()).get("results").isArray()).isTrue();
        assertThat(search.body()).isEqualTo(http.get("/world/searxng/search?q=java+virtual+threads&format=json").body());
    }

    @Test
    void answersAnUnknownPlaceWithoutResults() {
        var body = Json.parse(http.get("/world/geocoding/v1/search?name=Qwxzzy&count=1").body());

        assertThat(body.has("results")).isFalse();
    }
}
