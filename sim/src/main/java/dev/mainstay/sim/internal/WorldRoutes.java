package dev.mainstay.sim.internal;

import dev.mainstay.json.Json;
import dev.mainstay.sim.WorldFaults.WorldRoute;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/**
 * Mounts the fake world under {@code /world}: {@code /world/geocoding/v1/search}, {@code /world/forecast/v1/forecast}
 * (Open-Meteo; bad parameters get Open-Meteo's {@code {"error":true,"reason":…}} with 400) and
 * {@code /world/searxng/search} (SearXNG; {@code format=json} is required, as on a SearXNG with JSON enabled).
 * Before answering, each request draws its fault from the {@link WorldFaultInjector}: an HTTP error or a hang
 * replaces the answer.
 */
public final class WorldRoutes {
    static final int MAX_QUERY_CHARS = 400;

    private final WorldApi world;
    private final WorldFaultInjector faults;

    public WorldRoutes(WorldApi world, WorldFaultInjector faults) {
        this.world = world;
        this.faults = faults;
    }

    public void mount(RoutesConfig routes) {
        routes.get("/world/geocoding/v1/search", this::geocode);
        routes.get("/world/forecast/v1/forecast", this::forecast);
        routes.get("/world/searxng/search", this::search);
    }

    private void geocode(Context ctx) {
        if (faults.inject(ctx, WorldRoute.WEATHER)) {
            return;
        }
        var name = ctx.queryParam("name");
        if (name == null || name.isBlank() || name.length() > MAX_QUERY_CHARS) {
            openMeteoError(ctx, "Parameter 'name' is required and must be 1 to " + MAX_QUERY_CHARS + " characters");
            return;
        }
        var count = intParam(ctx, "count", 10, 1, 100);
        if (count == null) {
            openMeteoError(ctx, "Parameter 'count' must be an integer between 1 and 100");
            return;
        }
        try {
            json(ctx, world.geocode(name.trim(), count));
        } catch (IllegalArgumentException e) {
            openMeteoError(ctx, e.getMessage());
        }
    }

    private void forecast(Context ctx) {
        if (faults.inject(ctx, WorldRoute.WEATHER)) {
            return;
        }
        var latitude = doubleParam(ctx, "latitude", -90, 90);
        var longitude = doubleParam(ctx, "longitude", -180, 180);
        if (latitude == null || longitude == null) {
            openMeteoError(ctx, "Parameters 'latitude' (-90 to 90) and 'longitude' (-180 to 180) are required numbers");
            return;
        }
        var days = intParam(ctx, "forecast_days", 7, 1, 16);
        if (days == null) {
            openMeteoError(ctx, "Parameter 'forecast_days' must be an integer between 1 and 16");
            return;
        }
        try {
            json(ctx, world.forecast(latitude, longitude, days));
        } catch (IllegalArgumentException e) {
            openMeteoError(ctx, e.getMessage());
        }
    }

    private void search(Context ctx) {
        if (faults.inject(ctx, WorldRoute.SEARCH)) {
            return;
        }
        var query = ctx.queryParam("q");
        if (query == null || query.isBlank() || query.length() > MAX_QUERY_CHARS) {
            searxError(ctx, "parameter 'q' is required and must be 1 to " + MAX_QUERY_CHARS + " characters");
            return;
        }
        if (!"json".equals(ctx.queryParam("format"))) {
            searxError(ctx, "parameter 'format' must be 'json'");
            return;
        }
        try {
            json(ctx, world.search(query.trim()));
        } catch (IllegalArgumentException e) {
            searxError(ctx, e.getMessage());
        }
    }

    private static Integer intParam(Context ctx, String name, int fallback, int min, int max) {
        var raw = ctx.queryParam(name);
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw.trim());
            return value < min || value > max ? null : value;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Double doubleParam(Context ctx, String name, double min, double max) {
        var raw = ctx.queryParam(name);
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            double value = Double.parseDouble(raw.trim());
            return Double.isFinite(value) && value >= min && value <= max ? value : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static void json(Context ctx, String body) {
        ctx.contentType("application/json").result(body);
    }

    private static void openMeteoError(Context ctx, String reason) {
        ctx.status(400).contentType("application/json")
                .result(Json.write(Json.object().put("error", true).put("reason", reason)));
    }

    private static void searxError(Context ctx, String reason) {
        ctx.status(400).contentType("application/json").result(Json.write(Json.object().put("error", reason)));
    }
}
