package dev.mainstay.tools.weather;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mainstay.time.Cancellation;
import dev.mainstay.tools.internal.HttpResult;
import dev.mainstay.tools.internal.JsonHttp;
import dev.mainstay.tools.internal.Text;
import dev.mainstay.tools.internal.Urls;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * The two Open-Meteo endpoints {@code get_weather} uses: geocoding ({@code /v1/search}) and forecast
 * ({@code /v1/forecast}). Neither needs a key. Thread-safe. Every call is bounded by the timeout it is given and
 * aborts on cancellation; failures come back as values with a short reason.
 */
public final class OpenMeteoClient {
    public static final URI DEFAULT_GEOCODING_URL = URI.create("https://geocoding-api.open-meteo.com");
    public static final URI DEFAULT_FORECAST_URL = URI.create("https://api.open-meteo.com");

    /** How many candidates to fetch when the location names a region or country to choose by. */
    static final int QUALIFIED_CANDIDATES = 10;

    private static final String CURRENT = "temperature_2m,precipitation,weather_code,wind_speed_10m";
    private static final String DAILY = "weather_code,temperature_2m_max,temperature_2m_min,precipitation_sum,"
            + "precipitation_probability_max";

    private final JsonHttp http;
    private final String geocodingBase;
    private final String forecastBase;

    public OpenMeteoClient(JsonHttp http, URI geocodingBase, URI forecastBase) {
        this.http = Objects.requireNonNull(http, "http");
        this.geocodingBase = Urls.withoutTrailingSlash(geocodingBase);
        this.forecastBase = Urls.withoutTrailingSlash(forecastBase);
    }

    /** The outcome of a geocoding lookup. */
    public sealed interface Lookup {
        record Found(Place place) implements Lookup {}

        record NotFound() implements Lookup {}

        /** {@code backendUnavailable}: the service could not answer (see {@link HttpResult.Failed}). */
        record Failed(String reason, boolean backendUnavailable) implements Lookup {}
    }

    /**
     * Finds {@code location}. A location with a comma ("Lisbon, Portugal") searches for the part before it and
     * keeps the first candidate whose country, country code or region matches the part after it.
     */
    public Lookup geocode(String location, Duration timeout, Cancellation cancellation) {
        int comma = location.indexOf(',');
        String name = (comma < 0 ? location : location.substring(0, comma)).strip();
        String qualifier = comma < 0 ? "" : location.substring(comma + 1).strip();
        if (name.isEmpty()) {
            return new Lookup.NotFound();
        }
        int count = qualifier.isEmpty() ? 1 : QUALIFIED_CANDIDATES;
        var uri = URI.create(geocodingBase + "/v1/search?name=" + encode(name) + "&count=" + count
                + "&language=en&format=json");
        return switch (http.send(HttpRequest.newBuilder(uri).GET(), timeout, cancellation)) {
            case HttpResult.Failed failed -> new Lookup.Failed(failed.reason(), failed.backendUnavailable());
            case HttpResult.Ok ok -> pick(ok.body(), qualifier);
        };
    }

    private static Lookup pick(JsonNode body, String qualifier) {
        if (!body.isObject()) {
            return new Lookup.Failed("unexpected geocoding response", true);
        }
        JsonNode results = body.path("results");
        if (results.isMissingNode() || results.isNull()) {
            return new Lookup.NotFound();
        }
        if (!results.isArray()) {
            return new Lookup.Failed("unexpected geocoding response", true);
        }
        for (JsonNode candidate : results) {
            if (qualifier.isEmpty() || matches(candidate, qualifier)) {
                var place = toPlace(candidate);
                return place == null ? new Lookup.Failed("unexpected geocoding response", true) : new Lookup.Found(place);
            }
        }
        return new Lookup.NotFound();
    }

    private static boolean matches(JsonNode candidate, String qualifier) {
        var wanted = qualifier.toLowerCase(Locale.ROOT);
        for (var field : new String[] {"country", "country_code", "admin1"}) {
            var value = candidate.path(field);
            if (value.isTextual() && value.textValue().toLowerCase(Locale.ROOT).equals(wanted)) {
                return true;
            }
        }
        return false;
    }

    private static Place toPlace(JsonNode candidate) {
        JsonNode name = candidate.path("name");
        JsonNode latitude = candidate.path("latitude");
        JsonNode longitude = candidate.path("longitude");
        if (!name.isTextual() || !latitude.isNumber() || !longitude.isNumber()) {
            return null;
        }
        return new Place(
                Text.truncate(name.textValue(), 100),
                optionalText(candidate.path("admin1")),
                optionalText(candidate.path("country")),
                latitude.decimalValue(),
                longitude.decimalValue());
    }

    private static String optionalText(JsonNode node) {
        return node.isTextual() ? Text.truncate(node.textValue(), 100) : null;
    }

    /** The outcome of a forecast request: Open-Meteo's JSON, or a reason. */
    public sealed interface ForecastResult {
        record Ok(JsonNode body) implements ForecastResult {}

        /** {@code backendUnavailable}: the service could not answer (see {@link HttpResult.Failed}). */
        record Failed(String reason, boolean backendUnavailable) implements ForecastResult {}
    }

    /** Current conditions and {@code days} days of daily forecast (1..16) at {@code place}, in its local time zone. */
    public ForecastResult forecast(Place place, int days, Duration timeout, Cancellation cancellation) {
        if (days < 1 || days > 16) {
            throw new IllegalArgumentException("days must be between 1 and 16, but was " + days);
        }
        var uri = URI.create(forecastBase + "/v1/forecast?latitude=" + place.latitude().toPlainString()
                + "&longitude=" + place.longitude().toPlainString()
                + "&current=" + CURRENT + "&daily=" + DAILY + "&timezone=auto&forecast_days=" + days);
        return switch (http.send(HttpRequest.newBuilder(uri).GET(), timeout, cancellation)) {
            case HttpResult.Failed failed -> new ForecastResult.Failed(failed.reason(), failed.backendUnavailable());
            case HttpResult.Ok ok -> new ForecastResult.Ok(ok.body());
        };
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
