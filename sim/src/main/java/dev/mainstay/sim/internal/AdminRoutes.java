package dev.mainstay.sim.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mainstay.json.Json;
import dev.mainstay.sim.SimMode;
import dev.mainstay.sim.Simulator;
import dev.mainstay.sim.SimulatorStats;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.TreeMap;

/**
 * The operator's switches, on the simulator's own port without authentication (it is a loopback service):
 * {@code GET|PUT /admin/faults}, {@code GET|PUT /admin/world-faults}, {@code GET|PUT /admin/mode},
 * {@code GET /admin/stats}, {@code GET /admin/world-stats}, {@code POST /admin/stats/reset} (resets both),
 * {@code GET /health}. A rejected change answers 400 problem+json and changes nothing.
 */
public final class AdminRoutes {
    private final Simulator simulator;

    public AdminRoutes(Simulator simulator) {
        this.simulator = simulator;
    }

    public void mount(RoutesConfig routes) {
        routes.get("/health", ctx -> json(ctx, Json.object().put("status", "ok").put("mode", simulator.mode().wire())));
        routes.get("/admin/faults", ctx -> json(ctx, FaultProfileJson.write(simulator.faults())));
        routes.put("/admin/faults", this::putFaults);
        routes.get("/admin/world-faults", ctx -> json(ctx, WorldFaultsJson.write(simulator.worldFaults())));
        routes.put("/admin/world-faults", this::putWorldFaults);
        routes.get("/admin/world-stats", ctx -> {
            var counts = Json.object();
            simulator.worldStats().sorted().forEach(counts::put);
            json(ctx, counts);
        });
        routes.get("/admin/mode", ctx -> json(ctx, modeJson()));
        routes.put("/admin/mode", this::putMode);
        routes.get("/admin/stats", ctx -> json(ctx, statsJson(simulator.stats())));
        routes.post("/admin/stats/reset", ctx -> {
            simulator.resetStats();
            json(ctx, statsJson(simulator.stats()));
        });
    }

    private void putFaults(Context ctx) {
        try {
            simulator.setFaults(FaultProfileJson.read(ctx.body()));
        } catch (IllegalArgumentException e) {
            Problems.write(ctx, 400, "invalid-fault-profile", "Invalid fault profile", e.getMessage());
            return;
        }
        json(ctx, FaultProfileJson.write(simulator.faults()));
    }

    private void putWorldFaults(Context ctx) {
        try {
            simulator.setWorldFaults(WorldFaultsJson.read(ctx.body()));
        } catch (IllegalArgumentException e) {
            Problems.write(ctx, 400, "invalid-world-faults", "Invalid world faults", e.getMessage());
            return;
        }
        json(ctx, WorldFaultsJson.write(simulator.worldFaults()));
    }

    private void putMode(Context ctx) {
        SimMode mode;
        try {
            var body = Json.parseObject(ctx.body());
            var name = body.get("mode");
            if (name == null || !name.isTextual()) {
                throw new IllegalArgumentException("the body must be {\"mode\": \"scripted|runaway|obedient\"}");
            }
            mode = SimMode.parse(name.textValue());
        } catch (IllegalArgumentException e) {
            Problems.write(ctx, 400, "invalid-mode", "Invalid simulator mode", e.getMessage());
            return;
        }
        simulator.setMode(mode);
        json(ctx, modeJson());
    }

    private ObjectNode modeJson() {
        return Json.object().put("mode", simulator.mode().wire());
    }

    static ObjectNode statsJson(SimulatorStats stats) {
        var root = Json.object().put("requests", stats.requests());
        var outcomes = root.putObject("by_outcome");
        stats.sortedOutcomes().forEach(outcomes::put);
        var models = root.putObject("by_model");
        new TreeMap<>(stats.byModel()).forEach(models::put);
        return root;
    }

    private static void json(Context ctx, ObjectNode body) {
        ctx.contentType("application/json").result(Json.write(body));
    }
}
