package dev.mainstay.tools.weather;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mainstay.json.Json;
import dev.mainstay.time.Cancellation;
import dev.mainstay.time.CancellationSource;
import dev.mainstay.tool.OutputTrust;
import dev.mainstay.tool.ToolEffect;
import dev.mainstay.tool.ToolResult;
import dev.mainstay.tools.FakeServers;
import dev.mainstay.tools.TestContexts;
import dev.mainstay.tools.internal.JsonHttp;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class WeatherToolTest {
    static final String LISBON = """
            {"results":[{"id":2267057,"name":"Lisbon","latitude":38.71667,"longitude":-9.13333,"country_code":"PT",\
            "country":"Portugal","admin1":"Lisbon","timezone":"Europe/Lisbon"}],"generationtime_ms":0.5}""";
    static final String FORECAST = """
            {"latitude":38.72,"longitude":-9.14,"timezone":"Europe/Lisbon",\
            "current":{"time":"2026-11-25T12:00","interval":900,"temperature_2m":14.2,"precipitation":0.4,\
            "weather_code":61,"wind_speed_10m":18.0},\
            "daily":{"time":["2026-11-25","2026-11-26"],"weather_code":[61,3],"temperature_2m_max":[16.1,17.0],\
            "temperature_2m_min":[10.3,11.2],"precipitation_sum":[3.2,0.0],"precipitation_probability_max":[80,10]}}""";

    private MockWebServer server;
    private WeatherTool tool;

    @BeforeEach
    void startServer() {
        server = FakeServers.start();
        tool = toolAgainst(FakeServers.baseUri(server));
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private static WeatherTool toolAgainst(URI base) {
        var client = new OpenMeteoClient(new JsonHttp(FakeServers.client()), base, URI.create(base + "/"));
        return new WeatherTool(client, Duration.ofSeconds(10));
    }

    private ToolResult run(String inputJson) {
        return tool.execute(Json.parseObject(inputJson), TestContexts.any());
    }

    @Test
    void declaresReadOnlyUntrustedSpec() {
        assertThat(tool.spec().name()).isEqualTo("get_weather");
        assertThat(tool.spec().effect()).isEqualTo(ToolEffect.READ_ONLY);
        assertThat(tool.spec().outputTrust()).isEqualTo(OutputTrust.UNTRUSTED);
        assertThat(tool.spec().inputSchema().path("properties").path("days").path("maximum").intValue()).isEqualTo(7);
        assertThat(tool.spec().inputSchema().path("required").toString()).isEqualTo("[\"location\"]");
    }

    @Test
    void geocodesThePlaceThenReportsCurrentWeatherAndForecast() throws Exception {
        server.enqueue(FakeServers.json(LISBON));
        server.enqueue(FakeServers.json(FORECAST));

        var result = run("{\"location\":\"Lisbon\",\"days\":2}");

        assertThat(result.isError()).as(result.content()).isFalse();
        assertThat(Json.parse(result.content())).isEqualTo(Json.parse("""
                {"location":"Lisbon, Portugal","latitude":38.71667,"longitude":-9.13333,
                 "current":{"temperature_c":14.2,"wind_kmh":18.0,"weather":"light rain","precipitation_mm":0.4},
                 "daily":[
                   {"date":"2026-11-25","min_c":10.3,"max_c":16.1,"precipitation_probability_pct":80,
                    "precipitation_mm":3.2,"weather":"light rain"},
                   {"date":"2026-11-26","min_c":11.2,"max_c":17.0,"precipitation_probability_pct":10,
                    "precipitation_mm":0.0,"weather":"overcast"}]}"""));

        var geocoding = server.takeRequest(1, TimeUnit.SECONDS).getUrl();
        assertThat(geocoding.encodedPath()).isEqualTo("/v1/search");
        assertThat(geocoding.queryParameter("name")).isEqualTo("Lisbon");
        assertThat(geocoding.queryParameter("count")).isEqualTo("1");
        assertThat(geocoding.queryParameter("language")).isEqualTo("en");
        assertThat(geocoding.queryParameter("format")).isEqualTo("json");

        var forecast = server.takeRequest(1, TimeUnit.SECONDS).getUrl();
        assertThat(forecast.encodedPath()).isEqualTo("/v1/forecast");
        assertThat(forecast.queryParameter("latitude")).isEqualTo("38.71667");
        assertThat(forecast.queryParameter("longitude")).isEqualTo("-9.13333");
        assertThat(forecast.queryParameter("current"))
                .isEqualTo("temperature_2m,precipitation,weather_code,wind_speed_10m");
        assertThat(forecast.queryParameter("daily")).isEqualTo("weather_code,temperature_2m_max,temperature_2m_min,"
                + "precipitation_sum,precipitation_probability_max");
        assertThat(forecast.queryParameter("timezone")).isEqualTo("auto");
        assertThat(forecast.queryParameter("forecast_days")).isEqualTo("2");
    }

    @Test
    void forecastsOneDayByDefault() throws Exception {
        server.enqueue(FakeServers.json(LISBON));
        server.enqueue(FakeServers.json(FORECAST));

        var result = run("{\"location\":\"Lisbon\"}");

        assertThat(Json.parse(result.content()).path("daily").size()).isEqualTo(1);
        server.takeRequest(1, TimeUnit.SECONDS);
        assertThat(server.takeRequest(1, TimeUnit.SECONDS).getUrl().queryParameter("forecast_days")).isEqualTo("1");
    }

    @Test
    void choosesTheCandidateInTheNamedCountry() throws Exception {
        server.enqueue(FakeServers.json("""
                {"results":[
                  {"name":"Paris","latitude":33.66,"longitude":-95.55,"country":"United States","admin1":"Texas"},
                  {"name":"Paris","latitude":48.85341,"longitude":2.3488,"country":"France","admin1":"Île-de-France"}]}"""));
        server.enqueue(FakeServers.json(FORECAST));

        var result = run("{\"location\":\"Paris, France\"}");

        assertThat(Json.parse(result.content()).path("location").textValue()).isEqualTo("Paris, Île-de-France, France");
        var geocoding = server.takeRequest(1, TimeUnit.SECONDS).getUrl();
        assertThat(geocoding.queryParameter("name")).isEqualTo("Paris");
        assertThat(geocoding.queryParameter("count")).isEqualTo("10");
        assertThat(server.takeRequest(1, TimeUnit.SECONDS).getUrl().queryParameter("latitude")).isEqualTo("48.85341");
    }

    @Test
    void reportsAnUnknownPlaceWithoutAskingForAForecast() {
        server.enqueue(FakeServers.json("{\"generationtime_ms\":0.1}"));

        assertThat(run("{\"location\":\"Atlantis\"}")).isEqualTo(ToolResult.error("Unknown place \"Atlantis\""));
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void reportsAFailingForecastServiceAsUnavailable() {
        server.enqueue(FakeServers.json(LISBON));
        server.enqueue(FakeServers.status(500));

        assertThat(run("{\"location\":\"Lisbon\"}"))
                .isEqualTo(ToolResult.unavailable("weather service unavailable: HTTP 500"));
    }

    @Test
    void reportsAFailingGeocodingServiceAsUnavailable() {
        server.enqueue(FakeServers.status(503));

        assertThat(run("{\"location\":\"Lisbon\"}"))
                .isEqualTo(ToolResult.unavailable("weather service unavailable: HTTP 503"));
    }

    @Test
    void reportsATooManyRequestsAnswerAsUnavailable() {
        server.enqueue(FakeServers.status(429));

        assertThat(run("{\"location\":\"Lisbon\"}"))
                .isEqualTo(ToolResult.unavailable("weather service unavailable: HTTP 429"));
    }

    @Test
    void reportsARefusedRequestAsAnOrdinaryErrorNotAsUnavailable() {
        server.enqueue(FakeServers.status(400));

        var result = run("{\"location\":\"Lisbon\"}");

        assertThat(result).isEqualTo(ToolResult.error("weather service unavailable: HTTP 400"));
        assertThat(result.backendUnavailable()).isFalse();
    }

    @Test
    void reportsMalformedJsonAsUnavailable() {
        server.enqueue(FakeServers.json(LISBON));
        server.enqueue(FakeServers.json("{\"current\": {\"temperature_2m\": 14.2,"));

        assertThat(run("{\"location\":\"Lisbon\"}"))
                .isEqualTo(ToolResult.unavailable("weather service unavailable: malformed JSON response"));
    }

    @Test
    void reportsJsonOfTheWrongShapeAsUnavailable() {
        server.enqueue(FakeServers.json(LISBON));
        server.enqueue(FakeServers.json("{\"reason\":\"nope\"}"));

        assertThat(run("{\"location\":\"Lisbon\"}"))
                .isEqualTo(ToolResult.unavailable("weather service unavailable: unexpected forecast response"));
    }

    @Test
    void givesUpWhenTheRunDeadlineIsShorterThanTheServersDelay() {
        server.enqueue(new MockResponse.Builder(FakeServers.json(LISBON)).headersDelay(10, TimeUnit.SECONDS).build());

        var context = TestContexts.withRealDeadline(Duration.ofMillis(300), Cancellation.NEVER);
        var result = tool.execute(Json.parseObject("{\"location\":\"Lisbon\"}"), context);

        assertThat(result.backendUnavailable()).isTrue();
        assertThat(result.content()).startsWith("weather service unavailable: timed out after");
    }

    @Test
    void abortsTheRequestWhenTheRunIsCancelled() throws Exception {
        server.enqueue(new MockResponse.Builder(FakeServers.json(LISBON)).headersDelay(10, TimeUnit.SECONDS).build());
        var cancellation = new CancellationSource();
        var context = TestContexts.withRealDeadline(Duration.ofSeconds(30), cancellation);

        var pending = CompletableFuture.supplyAsync(
                () -> tool.execute(Json.parseObject("{\"location\":\"Lisbon\"}"), context));
        assertThat(server.takeRequest(5, TimeUnit.SECONDS)).isNotNull();
        cancellation.cancel();

        assertThat(pending.get(5, TimeUnit.SECONDS))
                .isEqualTo(ToolResult.error("weather service unavailable: cancelled"));
    }

    @Test
    void reportsARefusedConnectionAsUnavailable() {
        var unreachable = toolAgainst(URI.create("http://127.0.0.1:" + FakeServers.closedPort()));

        assertThat(unreachable.execute(Json.parseObject("{\"location\":\"Lisbon\"}"), TestContexts.any()))
                .isEqualTo(ToolResult.unavailable("weather service unavailable: connection failed"));
    }

    @Test
    void refusesInputOutsideTheSchemaWithoutCallingTheService() {
        assertThat(run("{\"location\":\"Lisbon\",\"days\":8}"))
                .isEqualTo(ToolResult.error("days must be between 1 and 7"));
        assertThat(run("{\"location\":\"Lisbon\",\"days\":1.5}")).isEqualTo(ToolResult.error("days must be an integer"));
        assertThat(run("{\"location\":\"" + "x".repeat(101) + "\"}"))
                .isEqualTo(ToolResult.error("location is too long: 101 characters, the limit is 100"));
        assertThat(run("{}")).isEqualTo(ToolResult.error("location is required"));
        assertThat(server.getRequestCount()).isZero();
    }
}
