package dev.mainstay.tools.weather;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mainstay.json.Json;
import dev.mainstay.tool.ArgumentRole;
import dev.mainstay.tool.OutputTrust;
import dev.mainstay.tool.Tool;
import dev.mainstay.tool.ToolContext;
import dev.mainstay.tool.ToolEffect;
import dev.mainstay.tool.ToolResult;
import dev.mainstay.tool.ToolSpec;
import dev.mainstay.tools.internal.Inputs;
import dev.mainstay.tools.internal.Schemas;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The {@code get_weather} tool: current conditions and a daily forecast from Open-Meteo. Read-only; its output is
 * untrusted (place names come from an outside service). Each of its two HTTP calls is bounded by
 * {@code context.deadline().timeoutFor(spec().timeout())} and aborts when the run is cancelled. Failures are error
 * results: {@code Unknown place "x"} or {@code weather service unavailable: <reason>}; the latter is
 * {@link ToolResult#unavailable} when Open-Meteo could not answer (5xx, 429, timeout, connection failure, unreadable
 * body), so the tool's circuit breaker counts it, and a plain error otherwise (a refused request, a cancelled call).
 */
public final class WeatherTool implements Tool {
    public static final String NAME = "get_weather";
    public static final int MAX_LOCATION_LENGTH = 100;
    public static final int MAX_DAYS = 7;

    private static final String DESCRIPTION = """
            Gets the current weather and a daily forecast for a place (city or town name, optionally followed by a \
            comma and its country or region, e.g. "Lisbon" or "Springfield, Illinois"). Returns JSON with \
            temperatures in °C, wind in km/h, precipitation in mm and probability in %.""";

    private final OpenMeteoClient client;
    private final ToolSpec spec;

    public WeatherTool(OpenMeteoClient client, Duration timeout) {
        this.client = Objects.requireNonNull(client, "client");
        this.spec = new ToolSpec(NAME, DESCRIPTION, schema(), ToolEffect.READ_ONLY, OutputTrust.UNTRUSTED, timeout)
                .withArgument("location", ArgumentRole.CONTENT);
    }

    private static ObjectNode schema() {
        return Schemas.object(
                Schemas.properties(
                        "location", Schemas.string(1, MAX_LOCATION_LENGTH, "Place name, e.g. \"Lisbon, Portugal\""),
                        "days", Schemas.integer(1, MAX_DAYS, 1, "Number of forecast days, today included")),
                List.of("location"));
    }

    @Override
    public ToolSpec spec() {
        return spec;
    }

    @Override
    public ToolResult execute(ObjectNode input, ToolContext context) {
        return Inputs.readThen(input, WeatherTool::question, question -> answer(question, context));
    }

    private static Question question(ObjectNode input) {
        Inputs.allowOnly(input, Set.of("location", "days"));
        return new Question(
                Inputs.requiredString(input, "location", 1, MAX_LOCATION_LENGTH).strip(),
                Inputs.optionalInt(input, "days", 1, MAX_DAYS, 1));
    }

    private ToolResult answer(Question question, ToolContext context) {
        var location = question.location();
        return switch (client.geocode(location, timeout(context), context.cancellation())) {
            case OpenMeteoClient.Lookup.Found found -> forecast(found.place(), question.days(), context);
            case OpenMeteoClient.Lookup.NotFound notFound -> ToolResult.error("Unknown place \"" + location + "\"");
            case OpenMeteoClient.Lookup.Failed failed -> unavailable(failed.reason(), failed.backendUnavailable());
        };
    }

    private ToolResult forecast(Place place, int days, ToolContext context) {
        return switch (client.forecast(place, days, timeout(context), context.cancellation())) {
            case OpenMeteoClient.ForecastResult.Failed failed -> unavailable(failed.reason(), failed.backendUnavailable());
            case OpenMeteoClient.ForecastResult.Ok ok -> WeatherReport.from(place, ok.body(), days)
                    .map(report -> ToolResult.ok(Json.write(report)))
                    .orElseGet(() -> unavailable("unexpected forecast response", true));
        };
    }

    private Duration timeout(ToolContext context) {
        return context.deadline().timeoutFor(spec.timeout());
    }

    private static ToolResult unavailable(String reason, boolean backendUnavailable) {
        var message = "weather service unavailable: " + reason;
        return backendUnavailable ? ToolResult.unavailable(message) : ToolResult.error(message);
    }

    /** What the model asked for, as read from its input: a stripped place name and 1..{@value #MAX_DAYS} days. */
    private record Question(String location, int days) {}
}
