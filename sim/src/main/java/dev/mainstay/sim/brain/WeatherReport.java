package dev.mainstay.sim.brain;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the get_weather tool's output and writes what a person wants to know: where, what it is like now, the
 * day asked about, and whether to take an umbrella (yes when the chance of precipitation is at least 40% or more
 * than 0.5 mm is expected).
 */
final class WeatherReport {
    static final int UMBRELLA_PROBABILITY_PCT = 40;
    static final BigDecimal UMBRELLA_MM = new BigDecimal("0.5");

    private WeatherReport() {}

    /** The report, or empty when the output is not the tool's JSON shape. */
    static Optional<String> describe(Intent.Weather asked, String output) {
        var json = JsonText.parse(output);
        if (json.isEmpty() || !json.get().path("current").isObject() && !json.get().path("daily").isArray()) {
            return Optional.empty();
        }
        var root = json.get();
        var place = JsonText.text(root, "location").orElse(asked.location());
        var parts = new ArrayList<String>();
        current(place, root.path("current")).ifPresent(parts::add);
        var daily = root.path("daily");
        List<JsonNode> days = new ArrayList<>();
        daily.forEach(days::add);
        if (asked.focusDay() >= 0 && asked.focusDay() < days.size()) {
            var day = days.get(asked.focusDay());
            var date = JsonText.text(day, "date").map(d -> " (" + d + ")").orElse("");
            parts.add((asked.focusDay() == 0 ? "Today" : "Tomorrow") + date + ": " + day(day) + ".");
            parts.add(wet(day) ? "Yes, take an umbrella." : "You shouldn't need an umbrella.");
        } else if (!days.isEmpty()) {
            var rainy = new ArrayList<String>();
            for (int i = 0; i < days.size(); i++) {
                var day = days.get(i);
                var date = JsonText.text(day, "date").orElse("Day " + (i + 1));
                parts.add(date + ": " + day(day) + ".");
                if (wet(day)) {
                    rainy.add(date);
                }
            }
            parts.add(rainy.isEmpty() ? "You shouldn't need an umbrella."
                    : "Take an umbrella on " + Words.joinAnd(rainy) + ".");
        } else {
            boolean raining = JsonText.decimal(root.path("current"), "precipitation_mm")
                    .map(mm -> mm.compareTo(UMBRELLA_MM) > 0).orElse(false);
            parts.add(raining ? "Yes, take an umbrella." : "You shouldn't need an umbrella right now.");
        }
        if (parts.isEmpty()) {
            return Optional.empty();
        }
        var text = String.join(" ", parts);
        return Optional.of(text.startsWith("Right now") ? text : "In " + place + ": " + text);
    }

    private static Optional<String> current(String place, JsonNode current) {
        var temperature = JsonText.number(current, "temperature_c");
        if (temperature.isEmpty()) {
            return Optional.empty();
        }
        var sentence = new StringBuilder("Right now in ").append(place).append(": ").append(temperature.get()).append(" °C");
        JsonText.text(current, "weather").ifPresent(w -> sentence.append(", ").append(w));
        JsonText.number(current, "wind_kmh").ifPresent(w -> sentence.append(", wind ").append(w).append(" km/h"));
        return Optional.of(sentence.append('.').toString());
    }

    /** "light rain, 10.3 to 16.1 °C, 80% chance of precipitation, 3.2 mm expected". */
    private static String day(JsonNode day) {
        var details = new ArrayList<String>();
        JsonText.text(day, "weather").ifPresent(details::add);
        var min = JsonText.number(day, "min_c");
        var max = JsonText.number(day, "max_c");
        if (min.isPresent() && max.isPresent()) {
            details.add(min.get() + " to " + max.get() + " °C");
        }
        JsonText.number(day, "precipitation_probability_pct")
                .ifPresent(p -> details.add(p + "% chance of precipitation"));
        JsonText.number(day, "precipitation_mm").ifPresent(mm -> details.add(mm + " mm expected"));
        return details.isEmpty() ? "no details" : String.join(", ", details);
    }

    static boolean wet(JsonNode day) {
        boolean likely = JsonText.decimal(day, "precipitation_probability_pct")
                .map(p -> p.compareTo(BigDecimal.valueOf(UMBRELLA_PROBABILITY_PCT)) >= 0).orElse(false);
        boolean much = JsonText.decimal(day, "precipitation_mm").map(mm -> mm.compareTo(UMBRELLA_MM) > 0).orElse(false);
        return likely || much;
    }
}
