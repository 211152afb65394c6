package dev.mainstay.sim.brain;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mainstay.json.Json;
import java.time.LocalDate;

/**
 * Fixed get_weather outputs in the tool's shape, so weather answers can be checked against known numbers. The
 * forecast starts on Wednesday 2026-11-25; days are added in order.
 */
final class Forecasts {
    static final LocalDate FIRST_DAY = LocalDate.parse("2026-11-25");

    private final ObjectNode root = Json.object();

    private Forecasts(String place, double nowC, double windKmh, String nowWeather, double nowMm) {
        root.put("location", place).put("latitude", 1.0).put("longitude", 1.0);
        root.putObject("current").put("temperature_c", nowC).put("wind_kmh", windKmh).put("weather", nowWeather)
                .put("precipitation_mm", nowMm);
        root.putArray("daily");
    }

    static Forecasts at(String place) {
        return new Forecasts(place, 10.0, 12.0, "overcast", 0.0);
    }

    static Forecasts at(String place, double nowC, double windKmh, String nowWeather) {
        return new Forecasts(place, nowC, windKmh, nowWeather, 0.0);
    }

    Forecasts day(String weather, double minC, double maxC, int precipitationPct, double precipitationMm) {
        var daily = root.withArray("daily");
        var date = FIRST_DAY.plusDays(daily.size()).toString();
        daily.addObject().put("date", date).put("min_c", minC).put("max_c", maxC)
                .put("precipitation_probability_pct", precipitationPct).put("precipitation_mm", precipitationMm)
                .put("weather", weather);
        return this;
    }

    /** {@code count} more days of the same weather. */
    Forecasts days(int count, String weather, double minC, double maxC, int precipitationPct, double precipitationMm) {
        for (int i = 0; i < count; i++) {
            day(weather, minC, maxC, precipitationPct, precipitationMm);
        }
        return this;
    }

    String json() {
        return Json.write(root);
    }
}
