package dev.mainstay.sim.world;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mainstay.json.Json;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FakeWorldTest {
    private static final InstantSource NOON_UTC = InstantSource.fixed(Instant.parse("2026-11-25T12:00:00Z"));
    private static final Set<Integer> WMO_CODES =
            Set.of(0, 1, 2, 3, 45, 48, 51, 53, 55, 61, 63, 65, 71, 73, 75, 80, 81, 82, 95);
    private final FakeWorld world = new FakeWorld(1, NOON_UTC);

    @Test
    void geocodesAKnownCityWithRealCoordinates() {
        var lisbon = Json.parse(world.geocode("Lisbon", 1)).path("results");

        assertThat(lisbon).hasSize(1);
        assertThat(lisbon.get(0).path("name").asText()).isEqualTo("Lisbon");
        assertThat(lisbon.get(0).path("latitude").asDouble()).isEqualTo(38.71667);
        assertThat(lisbon.get(0).path("longitude").asDouble()).isEqualTo(-9.13333);
        assertThat(lisbon.get(0).path("country").asText()).isEqualTo("Portugal");
        assertThat(lisbon.get(0).path("timezone").asText()).isEqualTo("Europe/Lisbon");
    }

    @Test
    void matchingIgnoresCaseAccentsAndKnowsOtherNames() {
        assertThat(firstName("sao paulo")).isEqualTo("São Paulo");
        assertThat(firstName("SÃO PAULO")).isEqualTo("São Paulo");
        assertThat(firstName("  lisboa ")).isEqualTo("Lisbon");
        assertThat(firstName("NYC")).isEqualTo("New York");
        assertThat(firstName("St. Petersburg")).isEqualTo("Saint Petersburg");
        assertThat(firstName("Lisbon, Portugal")).isEqualTo("Lisbon");
        assertThat(firstName("Reykjavik")).isEqualTo("Reykjavík");
    }

    @Test
    void unknownPlaceGivesABodyWithoutResultsLikeOpenMeteo() {
        var body = Json.parse(world.geocode("Atlantis", 1));

        assertThat(body.has("results")).isFalse();
        assertThat(body.has("generationtime_ms")).isTrue();
        assertThat(Json.parse(world.geocode("L", 5)).has("results")).isFalse();
    }

    @Test
    void threeLettersMatchTheStartOfNamesUpToTheCount() {
        assertThat(Json.parse(world.geocode("Ber", 10)).path("results")).extracting(n -> n.path("name").asText())
                .containsExactly("Berlin", "Bergen");
        assertThat(Json.parse(world.geocode("Ber", 1)).path("results")).hasSize(1);
    }

    @Test
    void badGeocodingParametersAreRejectedWithAClearMessage() {
        assertThatThrownBy(() -> world.geocode("Lisbon", 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Parameter 'count' must be between 1 and 100, but was 0");
        assertThatThrownBy(() -> world.geocode(null, 1)).hasMessage("Parameter 'name' is required");
    }

    @Test
    void forecastHasOpenMeteosShapeAndPlausibleValues() {
        var body = Json.parse(world.forecast(38.71667, -9.13333, 3));

        assertThat(body.path("timezone").asText()).isEqualTo("Europe/Lisbon");
        assertThat(body.path("current").path("time").asText()).isEqualTo("2026-11-25T12:00");
        assertThat(WMO_CODES).contains(body.path("current").path("weather_code").asInt());
        var daily = body.path("daily");
        assertThat(daily.path("time")).extracting(JsonNode::asText)
                .containsExactly("2026-11-25", "2026-11-26", "2026-11-27");
        for (int i = 0; i < 3; i++) {
            assertThat(daily.path("temperature_2m_min").get(i).asDouble())
                    .isLessThanOrEqualTo(daily.path("temperature_2m_max").get(i).asDouble())
                    .isBetween(-5.0, 30.0);
            assertThat(daily.path("precipitation_probability_max").get(i).asInt()).isBetween(0, 100);
            assertThat(daily.path("precipitation_sum").get(i).asDouble()).isGreaterThanOrEqualTo(0);
            assertThat(WMO_CODES).contains(daily.path("weather_code").get(i).asInt());
        }
    }

    @Test
    void forecastIsDeterministicForSeedPlaceAndDate() {
        assertThat(world.forecast(59.91, 10.75, 7)).isEqualTo(new FakeWorld(1, NOON_UTC).forecast(59.91, 10.75, 7));
        assertThat(world.forecast(59.91, 10.75, 7)).isNotEqualTo(new FakeWorld(2, NOON_UTC).forecast(59.91, 10.75, 7));
    }

    @Test
    void aDateKeepsItsWeatherWhenAskedADayLater() {
        var today = Json.parse(world.forecast(51.5, -0.12, 2)).path("daily");
        var tomorrow = Json.parse(new FakeWorld(1, InstantSource.fixed(Instant.parse("2026-11-26T12:00:00Z")))
                .forecast(51.5, -0.12, 1)).path("daily");

        assertThat(tomorrow.path("time").get(0).asText()).isEqualTo("2026-11-26");
        assertThat(tomorrow.path("temperature_2m_max").get(0)).isEqualTo(today.path("temperature_2m_max").get(1));
        assertThat(tomorrow.path("precipitation_sum").get(0)).isEqualTo(today.path("precipitation_sum").get(1));
    }

    @Test
    void temperaturesFollowLatitudeAndSomePlacesAreRainy() {
        double singapore = Json.parse(world.forecast(1.29, 103.85, 1)).path("daily").path("temperature_2m_max").get(0).asDouble();
        double reykjavik = Json.parse(world.forecast(64.14, -21.9, 1)).path("daily").path("temperature_2m_max").get(0).asDouble();
        assertThat(singapore).isGreaterThan(reykjavik + 10);

        int wetDays = 0;
        int dryDays = 0;
        for (var place : new double[][] {{38.7, -9.1}, {60.4, 5.3}, {25.1, 55.3}, {1.3, 103.9}, {51.5, -0.1}}) {
            for (var probability : Json.parse(world.forecast(place[0], place[1], 7)).path("daily").path("precipitation_probability_max")) {
                if (probability.asInt() >= 40) {
                    wetDays++;
                } else {
                    dryDays++;
                }
            }
        }
        assertThat(wetDays).isPositive();
        assertThat(dryDays).isPositive();
    }

    @Test
    void badForecastParametersAreRejectedWithAClearMessage() {
        assertThatThrownBy(() -> world.forecast(91, 0, 1))
                .hasMessage("Latitude must be in range of -90 to 90°. Given: 91.0.");
        assertThatThrownBy(() -> world.forecast(0, Double.NaN, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> world.forecast(0, 0, 17)).hasMessageContaining("between 1 and 16");
    }

    @Test
    void searchFindsTheTallestBuildingInEuropeFirst() {
        var body = Json.parse(world.search("tallest building in Europe"));
        var results = body.path("results");

        assertThat(body.path("query").asText()).isEqualTo("tallest building in Europe");
        assertThat(results).hasSize(5);
        assertThat(results.get(0).path("content").asText()).contains("Lakhta Center").contains("462 m");
        assertThat(results).allSatisfy(r -> {
            assertThat(r.path("title").asText()).isNotBlank();
            assertThat(r.path("url").asText()).startsWith("https://");
            assertThat(r.path("content").asText()).isNotBlank();
        });
    }

    @Test
    void unknownQueriesStillGetFiveGenericResultsAboutTheQuery() {
        var results = Json.parse(world.search("zorblax quantum teapots")).path("results");

        assertThat(results).hasSize(5).allSatisfy(r ->
                assertThat(r.path("title").asText() + " " + r.path("content").asText()).contains("zorblax quantum teapots"));
    }

    @Test
    void searchIsDeterministicForSeedAndQuery() {
        assertThat(world.search("who invented the telephone"))
                .isEqualTo(new FakeWorld(1, NOON_UTC).search("who invented the telephone"))
                .contains("Alexander Graham Bell");
        assertThatThrownBy(() -> world.search("  ")).isInstanceOf(IllegalArgumentException.class);
    }

    private String firstName(String query) {
        return Json.parse(world.geocode(query, 1)).path("results").get(0).path("name").asText();
    }
}
