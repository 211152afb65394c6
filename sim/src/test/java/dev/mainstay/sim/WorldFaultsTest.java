package dev.mainstay.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mainstay.json.Json;
import dev.mainstay.sim.WorldFaults.RouteFaults;
import dev.mainstay.sim.WorldFaults.WorldRoute;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Fault injection into the fake world: rates, seeding, hangs, the admin API and the counts. */
class WorldFaultsTest {
    private static final String GEOCODE = "/world/geocoding/v1/search?name=Lisbon&count=1";
    private static final String SEARCH = "/world/searxng/search?q=tallest+building&format=json";

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

    @Test
    void failsEveryRequestOfAFailingBackendWith500Or503AndLeavesTheOthersAlone() {
        simulator.setWorldFaults(new WorldFaults(new RouteFaults(1.0, 0), RouteFaults.NONE));

        var statuses = new ArrayList<Integer>();
        for (int i = 0; i < 40; i++) {
            statuses.add(http.get(GEOCODE).statusCode());
        }
        var search = http.get(SEARCH);

        assertThat(statuses).containsOnly(500, 503).contains(500, 503);
        assertThat(search.statusCode()).isEqualTo(200);
        var stats = simulator.worldStats();
        assertThat(stats.count(WorldRoute.WEATHER, "500") + stats.count(WorldRoute.WEATHER, "503")).isEqualTo(40);
        assertThat(stats.faulted(WorldRoute.WEATHER)).isEqualTo(40);
        assertThat(stats.count(WorldRoute.SEARCH, WorldStats.SERVED)).isEqualTo(1);
        assertThat(stats.faulted(WorldRoute.SEARCH)).isZero();
    }

    @Test
    void failsAboutTheConfiguredShareOfRequests() {
        simulator.setWorldFaults(WorldFaults.everywhere(new RouteFaults(0.3, 0)));

        int failed = 0;
        for (int i = 0; i < 200; i++) {
            if (http.get(SEARCH).statusCode() != 200) {
                failed++;
            }
        }

        assertThat(failed).isBetween(40, 80);
        assertThat(simulator.worldStats().requests(WorldRoute.SEARCH)).isEqualTo(200);
    }

    @Test
    void theSameSeedDrawsTheSameWorldFaults() {
        var faults = WorldFaults.everywhere(new RouteFaults(0.5, 0));
        simulator.setWorldFaults(faults);
        var first = statuses(http, 30);
        try (var twin = Simulator.start(SimulatorConfig.defaults())) {
            twin.setWorldFaults(faults);
            assertThat(statuses(new SimHttp(twin), 30)).isEqualTo(first);
        }
    }

    private static List<Integer> statuses(SimHttp client, int n) {
        var statuses = new ArrayList<Integer>();
        for (int i = 0; i < n; i++) {
            statuses.add(client.get(i % 2 == 0 ? GEOCODE : SEARCH).statusCode());
        }
        return statuses;
    }

    @Test
    void aHangingBackendNeverAnswersSoTheClientTimesOut() throws Exception {
        simulator.setWorldFaults(new WorldFaults(RouteFaults.NONE, new RouteFaults(0, 1.0)));
        var client = HttpClient.newHttpClient();
        var request = HttpRequest.newBuilder(simulator.baseUrl().resolve(SEARCH)).timeout(Duration.ofMillis(300))
                .build();

        assertThatThrownBy(() -> client.send(request, HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(HttpTimeoutException.class);
        assertThat(simulator.worldStats().count(WorldRoute.SEARCH, WorldStats.HANG)).isEqualTo(1);
        assertThat(http.get(GEOCODE).statusCode()).isEqualTo(200);
    }

    @Test
    void theAdminApiShowsAndReplacesTheWorldFaults() {
        var response = http.put("/admin/world-faults", "{\"weather\":{\"failure_rate\":0.3,\"hang_rate\":0.05}}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(simulator.worldFaults()).isEqualTo(new WorldFaults(new RouteFaults(0.3, 0.05), RouteFaults.NONE));
        var shown = Json.parse(http.get("/admin/world-faults").body());
        assertThat(shown.get("weather").get("hang_rate").asDouble()).isEqualTo(0.05);
        assertThat(shown.get("search").get("failure_rate").asDouble()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "not json",
        "{\"weather\": 0.3}",
        "{\"weather\": {\"failure_rate\": 1.5}}",
        "{\"search\": {\"failure_rate\": 0.7, \"hang_rate\": 0.7}}",
        "{\"search\": {\"timeout_rate\": 0.1}}",
        "{\"email\": {}}"
    })
    void rejectsInvalidWorldFaultsWithAProblemAndChangesNothing(String body) {
        var before = WorldFaults.everywhere(new RouteFaults(0.1, 0.1));
        simulator.setWorldFaults(before);

        var response = http.put("/admin/world-faults", body);

        assertThat(response.statusCode()).isEqualTo(400);
        var problem = Json.parse(response.body());
        assertThat(problem.get("type").asText()).isEqualTo("https://mainstay.dev/problems/invalid-world-faults");
        assertThat(problem.get("detail").asText()).isNotBlank();
        assertThat(simulator.worldFaults()).isEqualTo(before);
    }

    @Test
    void listsEveryProblemAtOnce() {
        var problem = Json.parse(http.put("/admin/world-faults",
                "{\"weather\": {\"failure_rate\": 2}, \"search\": {\"hang_rate\": -1}, \"x\": 1}").body());

        assertThat(problem.get("detail").asText()).contains("weather.failure_rate", "search.hang_rate", "'x'");
    }

    @Test
    void rejectsRatesThatAddUpToMoreThanOne() {
        assertThatThrownBy(() -> new RouteFaults(0.6, 0.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at most 1");
        assertThatThrownBy(() -> new RouteFaults(-0.1, 0))
                .hasMessageContaining("failureRate must be between 0 and 1");
    }

    @Test
    void countsWorldRequestsUntilReset() {
        http.get(GEOCODE);
        http.get(SEARCH);

        assertThat(Json.parse(http.get("/admin/world-stats").body()))
                .isEqualTo(Json.parse("{\"search.served\":1,\"weather.served\":1}"));
        http.post("/admin/stats/reset", "");
        assertThat(simulator.worldStats().counts()).isEmpty();
    }
}
