package dev.mainstay.sim.brain;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The get_weather tool's output, read leniently: {@code {"location", "current": {temperature_c, wind_kmh, weather,
 * precipitation_mm}, "daily": [{date, min_c, max_c, precipitation_probability_pct, precipitation_mm, weather}]}}.
 * Any field may be missing or null; the forecast's first day is today at the place.
 */
record WeatherData(String place, Optional<Current> current, List<Day> days) {
    WeatherData {
        days = List.copyOf(days);
    }

    /** The conditions now; absent numbers are empty. */
    record Current(Optional<BigDecimal> temperatureC, Optional<BigDecimal> windKmh, Optional<String> weather,
            Optional<BigDecimal> precipitationMm) {}

    /** One forecast day; absent numbers are empty. */
    record Day(String date, Optional<String> weather, Optional<BigDecimal> minC, Optional<BigDecimal> maxC,
            Optional<BigDecimal> precipitationProbabilityPct, Optional<BigDecimal> precipitationMm) {}

    /** The data, or empty when the output is not the tool's JSON shape. */
    static Optional<WeatherData> parse(String output, String askedPlace) {
        var json = JsonText.parse(output);
        if (json.isEmpty() || !json.get().path("current").isObject() && !json.get().path("daily").isArray()) {
            return Optional.empty();
        }
        var root = json.get();
        var now = root.path("current");
        Optional<Current> current = now.isObject()
                ? Optional.of(new Current(JsonText.decimal(now, "temperature_c"), JsonText.decimal(now, "wind_kmh"),
                        JsonText.text(now, "weather"), JsonText.decimal(now, "precipitation_mm")))
                : Optional.empty();
        var days = new ArrayList<Day>();
        for (JsonNode day : root.path("daily")) {
            days.add(new Day(JsonText.text(day, "date").orElse(null), JsonText.text(day, "weather"),
                    JsonText.decimal(day, "min_c"), JsonText.decimal(day, "max_c"),
                    JsonText.decimal(day, "precipitation_probability_pct"), JsonText.decimal(day, "precipitation_mm")));
        }
        return Optional.of(new WeatherData(JsonText.text(root, "location").orElse(askedPlace), current, days));
    }

    /** The dates of the forecast days, in order; null where a day has none. */
    List<String> dates() {
        return days.stream().map(Day::date).toList();
    }

    /** A number as people write it: 18.0 → "18", 14.20 → "14.2". */
    static String number(BigDecimal value) {
        var decimal = value.stripTrailingZeros();
        return decimal.scale() < 0 ? decimal.setScale(0).toPlainString() : decimal.toPlainString();
    }
}
