package dev.mainstay.tools.weather;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mainstay.json.Json;
import java.util.Optional;

/**
 * Turns Open-Meteo's forecast JSON into the compact report {@code get_weather} gives the model. The service is
 * outside our control, so every field is checked: a missing or mistyped value becomes {@code null}, and the whole
 * response is refused only when its structure is wrong.
 */
final class WeatherReport {
    private WeatherReport() {}

    /** The report, or empty when {@code forecast} does not have Open-Meteo's shape. */
    static Optional<ObjectNode> from(Place place, JsonNode forecast, int days) {
        if (!forecast.isObject() || !forecast.path("current").isObject() || !forecast.path("daily").isObject()) {
            return Optional.empty();
        }
        JsonNode daily = forecast.path("daily");
        JsonNode dates = daily.path("time");
        if (!dates.isArray()) {
            return Optional.empty();
        }
        var report = Json.object();
        report.put("location", place.label());
        report.put("latitude", place.latitude());
        report.put("longitude", place.longitude());

        JsonNode current = forecast.path("current");
        var now = report.putObject("current");
        now.set("temperature_c", number(current.path("temperature_2m")));
        now.set("wind_kmh", number(current.path("wind_speed_10m")));
        now.set("weather", weather(current.path("weather_code")));
        now.set("precipitation_mm", number(current.path("precipitation")));

        var list = report.putArray("daily");
        int count = Math.min(dates.size(), days);
        for (int i = 0; i < count; i++) {
            var day = list.addObject();
            JsonNode date = dates.path(i);
            day.set("date", date.isTextual() && date.textValue().length() <= 32 ? date : Json.mapper().nullNode());
            day.set("min_c", number(daily.path("temperature_2m_min").path(i)));
            day.set("max_c", number(daily.path("temperature_2m_max").path(i)));
            day.set("precipitation_probability_pct", number(daily.path("precipitation_probability_max").path(i)));
            day.set("precipitation_mm", number(daily.path("precipitation_sum").path(i)));
            day.set("weather", weather(daily.path("weather_code").path(i)));
        }
        return Optional.of(report);
    }

    private static JsonNode number(JsonNode node) {
        return node.isNumber() ? node : Json.mapper().nullNode();
    }

    private static JsonNode weather(JsonNode code) {
        if (!code.isNumber() || !code.canConvertToInt()) {
            return Json.mapper().nullNode();
        }
        return Json.mapper().getNodeFactory().textNode(WeatherCodes.describe(code.intValue()));
    }
}
