package dev.mainstay.sim.internal;

import dev.mainstay.json.Json;
import io.javalin.http.Context;

/** RFC 9457 problem details for the admin API: a stable {@code type}, a title, the status and what was wrong. */
public final class Problems {
    public static final String TYPE_PREFIX = "https://mainstay.dev/problems/";

    private Problems() {}

    public static void write(Context ctx, int status, String slug, String title, String detail) {
        var problem = Json.object()
                .put("type", TYPE_PREFIX + slug)
                .put("title", title)
                .put("status", status)
                .put("detail", detail);
        ctx.status(status).contentType("application/problem+json").result(Json.write(problem));
    }
}
