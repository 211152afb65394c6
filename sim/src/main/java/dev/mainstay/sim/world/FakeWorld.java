package dev.mainstay.sim.world;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mainstay.json.Json;
import java.time.InstantSource;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * The outside world of the reference agent's tools, simulated offline: the JSON bodies Open-Meteo's geocoding and
 * forecast APIs and a SearXNG instance would return. The simulator's HTTP server serves them under {@code /world/…}
 * so the real tools can run against them.
 *
 * <p>Deterministic: the same seed and input give the same body, except that the forecast starts at the current
 * date at the place, read from the injected clock, and its "current" block follows the local time of day (a given calendar
 * date always has the same weather). Invalid parameters throw {@link IllegalArgumentException} with a message
 * fit for an Open-Meteo style error body ({@code {"error":true,"reason":…}}). Immutable and thread-safe.
 */
public final class FakeWorld {
    /** Open-Meteo's limits. */
    public static final int MAX_GEOCODE_COUNT = 100;
    public static final int MAX_FORECAST_DAYS = 16;

    private final long seed;
    private final InstantSource clock;
    private final WeatherModel weather;
    private final SearchEngine searchEngine;

    /** A world whose forecasts start today (system clock). */
    public FakeWorld(long seed) {
        this(seed, InstantSource.system());
    }

    public FakeWorld(long seed, InstantSource clock) {
        this.seed = seed;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.weather = new WeatherModel(seed);
        this.searchEngine = new SearchEngine(seed);
    }

    /**
     * Open-Meteo geocoding ({@code GET /v1/search?name=…&count=…}): up to {@code count} places matching
     * {@code name}, or a body without a {@code results} key when nothing matches.
     *
     * @throws IllegalArgumentException when {@code name} is null or {@code count} is outside 1..100
     */
    public String geocode(String name, int count) {
        if (name == null) {
            throw new IllegalArgumentException("Parameter 'name' is required");
        }
        if (count < 1 || count > MAX_GEOCODE_COUNT) {
            throw new IllegalArgumentException("Parameter 'count' must be between 1 and " + MAX_GEOCODE_COUNT
                    + ", but was " + count);
        }
        var body = Json.object();
        var matches = Cities.search(name, count);
        if (!matches.isEmpty()) {
            var results = body.putArray("results");
            for (var city : matches) {
                results.addObject()
                        .put("id", city.id())
                        .put("name", city.name())
                        .put("latitude", city.latitude())
                        .put("longitude", city.longitude())
                        .put("elevation", city.elevation())
                        .put("feature_code", "PPLC")
                        .put("country_code", city.countryCode())
                        .put("timezone", city.timezone())
                        .put("population", city.population())
                        .put("country", city.country())
                        .put("admin1", city.admin1());
            }
        }
        body.put("generationtime_ms", generationTime(Fold.hash(Fold.fold(name))));
        return Json.write(body);
    }

    /**
     * Open-Meteo forecast ({@code GET /v1/forecast?latitude=…&longitude=…&current=…&daily=…&forecast_days=…}) with
     * the current conditions and {@code days} daily entries starting today at the place: local time comes from the
     * time zone of a known city within a degree, else from the longitude, as {@code timezone=auto} would.
     *
     * @throws IllegalArgumentException when a coordinate is out of range or not a number, or {@code days} is
     *     outside 1..16
     */
    public String forecast(double latitude, double longitude, int days) {
        if (!(latitude >= -90 && latitude <= 90)) {
            throw new IllegalArgumentException("Latitude must be in range of -90 to 90°. Given: " + latitude + ".");
        }
        if (!(longitude >= -180 && longitude <= 180)) {
            throw new IllegalArgumentException("Longitude must be in range of -180 to 180°. Given: " + longitude + ".");
        }
        if (days < 1 || days > MAX_FORECAST_DAYS) {
            throw new IllegalArgumentException("Forecast days must be between 1 and " + MAX_FORECAST_DAYS
                    + ", but was " + days + ".");
        }
        var instant = clock.instant();
        var city = Cities.near(latitude, longitude);
        ZoneId zone = city.<ZoneId>map(c -> ZoneId.of(c.timezone()))
                .orElseGet(() -> ZoneOffset.ofHours((int) Math.round(longitude / 15)));
        var offset = zone.getRules().getOffset(instant);
        var local = LocalDateTime.ofInstant(instant, zone);
        var quarter = local.truncatedTo(ChronoUnit.HOURS).plusMinutes(15L * (local.getMinute() / 15));
        var body = Json.object()
                .put("latitude", round(latitude, 4))
                .put("longitude", round(longitude, 4))
                .put("generationtime_ms", generationTime(Fold.mix(Double.hashCode(latitude), Double.hashCode(longitude))))
                .put("utc_offset_seconds", offset.getTotalSeconds())
                .put("timezone", city.map(City::timezone).orElse("GMT"))
                .put("timezone_abbreviation", offset.getTotalSeconds() == 0 ? "GMT" : "GMT" + offset.getId())
                .put("elevation", city.map(City::elevation).orElse(0.0));
        body.set("current_units", units("time", "iso8601", "interval", "seconds", "temperature_2m", "°C",
                "precipitation", "mm", "weather_code", "wmo code", "wind_speed_10m", "km/h"));
        var now = weather.now(latitude, longitude, quarter);
        body.putObject("current")
                .put("time", now.time().toString())
                .put("interval", 900)
                .put("temperature_2m", now.temperatureC())
                .put("precipitation", now.precipitationMm())
                .put("weather_code", now.weatherCode())
                .put("wind_speed_10m", now.windKmh());
        body.set("daily_units", units("time", "iso8601", "weather_code", "wmo code", "temperature_2m_max", "°C",
                "temperature_2m_min", "°C", "precipitation_sum", "mm", "precipitation_probability_max", "%"));
        var daily = body.putObject("daily");
        ArrayNode time = daily.putArray("time");
        ArrayNode code = daily.putArray("weather_code");
        ArrayNode max = daily.putArray("temperature_2m_max");
        ArrayNode min = daily.putArray("temperature_2m_min");
        ArrayNode sum = daily.putArray("precipitation_sum");
        ArrayNode probability = daily.putArray("precipitation_probability_max");
        for (int i = 0; i < days; i++) {
            var day = weather.day(latitude, longitude, local.toLocalDate().plusDays(i));
            time.add(day.date().toString());
            code.add(day.weatherCode());
            max.add(day.maxC());
            min.add(day.minC());
            sum.add(day.precipitationMm());
            probability.add(day.precipitationProbabilityPct());
        }
        return Json.write(body);
    }

    /**
     * SearXNG ({@code GET /search?q=…&format=json}): always five results with title, url and content, best matches
     * from the built-in corpus first, then generic pages about the query.
     *
     * @throws IllegalArgumentException when {@code query} is null or blank
     */
    public String search(String query) {
        if (query == null || query.isBlank()) {
            throw new IllegalArgumentException("Parameter 'q' is required and must not be blank");
        }
        var body = Json.object().put("query", query);
        var hits = searchEngine.search(query);
        body.put("number_of_results", hits.size());
        var results = body.putArray("results");
        for (var hit : hits) {
            results.addObject()
                    .put("url", hit.document().url())
                    .put("title", hit.document().title())
                    .put("content", hit.document().content())
                    .put("engine", "simulator")
                    .put("score", round(hit.score(), 2))
                    .put("category", "general");
        }
        body.putArray("answers");
        body.putArray("corrections");
        body.putArray("infoboxes");
        body.putArray("suggestions");
        body.putArray("unresponsive_engines");
        return Json.write(body);
    }

    private double generationTime(long salt) {
        return round(0.1 + (Fold.mix(seed, salt) >>> 40) / (double) (1L << 24) * 2, 3);
    }

    private static ObjectNode units(String... pairs) {
        var node = Json.object();
        for (int i = 0; i < pairs.length; i += 2) {
            node.put(pairs[i], pairs[i + 1]);
        }
        return node;
    }

    private static double round(double value, int places) {
        double scale = Math.pow(10, places);
        return Math.round(value * scale) / scale;
    }
}
