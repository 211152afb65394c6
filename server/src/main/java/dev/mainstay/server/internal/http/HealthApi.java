package dev.mainstay.server.internal.http;

import dev.mainstay.json.Json;
import dev.mainstay.reliability.health.HealthCheck;
import dev.mainstay.reliability.health.HealthStatus;
import dev.mainstay.store.Store;
import io.javalin.http.Context;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;

/**
 * {@code GET /healthz} (the process is alive) and {@code GET /readyz} (it should get traffic): the store answers, its
 * migrations are applied, the node is not draining. Model breaker states are reported beside them — an open breaker
 * is the provider's trouble, shared by every node, so it does not take the node out of rotation; every breaker open
 * shows as {@code down} for the operator.
 */
final class HealthApi {
    private final Store store;
    private final List<HealthCheck> checks;
    private final BooleanSupplier draining;

    HealthApi(Store store, List<HealthCheck> checks, BooleanSupplier draining) {
        this.store = store;
        this.checks = List.copyOf(checks);
        this.draining = draining;
    }

    void live(Context ctx) {
        Responses.json(ctx, 200, Json.object().put("status", "ok"));
    }

    void ready(Context ctx) {
        Store.Health health;
        try {
            health = store.health();
        } catch (RuntimeException e) {
            health = new Store.Health(false, false, "the store could not be asked");
        }
        boolean isDraining = draining.getAsBoolean();
        boolean ready = health.ok() && !isDraining;
        var node = Json.object().put("status", ready ? "ready" : "not_ready").put("draining", isDraining);
        var list = node.putArray("checks");
        list.addObject().put("name", "store").put("status", health.reachable() ? "up" : "down")
                .put("detail", health.detail());
        list.addObject().put("name", "migrations").put("status", health.migrated() ? "up" : "down")
                .put("detail", health.migrated() ? "applied" : "not applied");
        for (var check : checks) {
            HealthStatus status;
            try {
                status = check.check();
            } catch (RuntimeException e) {
                status = HealthStatus.down("the check failed");
            }
            list.addObject().put("name", check.name()).put("status", status.state().name().toLowerCase(Locale.ROOT))
                    .put("detail", status.detail());
        }
        if (!ready) {
            ctx.header("Retry-After", "5");
        }
        Responses.json(ctx, ready ? 200 : 503, node);
    }
}
