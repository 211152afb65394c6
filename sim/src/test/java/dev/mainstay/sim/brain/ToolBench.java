package dev.mainstay.sim.brain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mainstay.json.Json;
import dev.mainstay.model.ToolResultBlock;
import dev.mainstay.model.ToolUseBlock;
import dev.mainstay.sim.world.FakeWorld;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A tiny in-test executor for the reference tools, with the output shapes of the real tools: arithmetic is
 * evaluated locally, weather and search read {@link FakeWorld}, notes live in a map. Any tool can be made to fail
 * or to return a fixed output.
 */
final class ToolBench {
    private record Fixed(String output, boolean isError) {}

    private final FakeWorld world;
    private final Map<String, String> notes = new LinkedHashMap<>();
    private final Map<String, Fixed> fixed = new HashMap<>();
    private final List<ToolUseBlock> calls = new ArrayList<>();

    ToolBench(FakeWorld world) {
        this.world = world;
    }

    ToolBench failing(String tool, String message) {
        fixed.put(tool, new Fixed(message, true));
        return this;
    }

    ToolBench answering(String tool, String output) {
        fixed.put(tool, new Fixed(output, false));
        return this;
    }

    ToolBench withNote(String title, String body) {
        notes.put(title, body);
        return this;
    }

    List<ToolUseBlock> calls() {
        return List.copyOf(calls);
    }

    List<String> toolNames() {
        return calls.stream().map(ToolUseBlock::name).toList();
    }

    Map<String, String> notes() {
        return Map.copyOf(notes);
    }

    ToolResultBlock run(ToolUseBlock use) {
        calls.add(use);
        var override = fixed.get(use.name());
        if (override != null) {
            return new ToolResultBlock(use.id(), override.output(), override.isError());
        }
        try {
            return new ToolResultBlock(use.id(), execute(use.name(), use.input()), false);
        } catch (IllegalArgumentException | ArithmeticException e) {
            return new ToolResultBlock(use.id(), e.getMessage(), true);
        }
    }

    private String execute(String tool, ObjectNode input) {
        return switch (tool) {
            case "calculator" -> TestCalculator.evaluate(input.path("expression").asText());
            case "get_weather" -> weather(input.path("location").asText(), input.path("days").asInt(1));
            case "web_search" -> search(input.path("query").asText(), input.path("max_results").asInt(5));
            case "save_note" -> {
                var title = input.path("title").asText();
                notes.put(title, input.path("body").asText());
                yield "Saved note \"" + title + "\" (id " + (new ArrayList<>(notes.keySet()).indexOf(title) + 1) + ").";
            }
            case "list_notes" -> {
                var body = Json.object();
                var list = body.putArray("notes");
                int id = 1;
                for (var title : notes.keySet()) {
                    list.addObject().put("id", id++).put("title", title).put("updated_at", "2026-11-25T12:00:00Z");
                }
                yield Json.write(body);
            }
            case "read_note" -> {
                var body = notes.get(input.path("title").asText());
                if (body == null) {
                    throw new IllegalArgumentException("No note titled \"" + input.path("title").asText() + "\".");
                }
                yield body;
            }
            default -> throw new IllegalArgumentException("unknown tool " + tool);
        };
    }

    private String weather(String location, int days) {
        var places = Json.parse(world.geocode(location, 1));
        if (!places.has("results")) {
            throw new IllegalArgumentException("No place found named \"" + location + "\".");
        }
        var place = places.path("results").get(0);
        var forecast = Json.parse(world.forecast(place.path("latitude").asDouble(), place.path("longitude").asDouble(), days));
        var out = Json.object();
        out.put("location", place.path("name").asText() + ", " + place.path("country").asText());
        out.set("latitude", place.path("latitude"));
        out.set("longitude", place.path("longitude"));
        var current = forecast.path("current");
        out.putObject("current")
                .put("temperature_c", current.path("temperature_2m").asDouble())
                .put("wind_kmh", current.path("wind_speed_10m").asDouble())
                .put("weather", words(current.path("weather_code").asInt()))
                .put("precipitation_mm", current.path("precipitation").asDouble());
        var daily = forecast.path("daily");
        var list = out.putArray("daily");
        for (int i = 0; i < daily.path("time").size(); i++) {
            list.addObject()
                    .put("date", daily.path("time").get(i).asText())
                    .put("min_c", at(daily, "temperature_2m_min", i).asDouble())
                    .put("max_c", at(daily, "temperature_2m_max", i).asDouble())
                    .put("precipitation_probability_pct", at(daily, "precipitation_probability_max", i).asInt())
                    .put("precipitation_mm", at(daily, "precipitation_sum", i).asDouble())
                    .put("weather", words(at(daily, "weather_code", i).asInt()));
        }
        return Json.write(out);
    }

    private static JsonNode at(JsonNode daily, String field, int index) {
        return daily.path(field).get(index);
    }

    private String search(String query, int max) {
        var results = Json.parse(world.search(query)).path("results");
        var out = Json.object().put("query", query);
        var list = out.putArray("results");
        for (int i = 0; i < Math.min(max, results.size()); i++) {
            var result = results.get(i);
            list.addObject().put("title", result.path("title").asText()).put("url", result.path("url").asText())
                    .put("snippet", result.path("content").asText());
        }
        return Json.write(out);
    }

    static String words(int code) {
        return switch (code) {
            case 0 -> "clear sky";
            case 1 -> "mainly clear";
            case 2 -> "partly cloudy";
            case 3 -> "overcast";
            case 45, 48 -> "fog";
            case 51, 53, 55, 56, 57 -> "drizzle";
            case 61 -> "light rain";
            case 63 -> "rain";
            case 65, 66, 67 -> "heavy rain";
            case 71, 73, 75, 77 -> "snow";
            case 80, 81, 82 -> "rain showers";
            case 95, 96, 99 -> "thunderstorm";
            default -> "unknown";
        };
    }
}
