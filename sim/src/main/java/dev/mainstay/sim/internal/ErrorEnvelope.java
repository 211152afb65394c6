package dev.mainstay.sim.internal;

import dev.mainstay.json.Json;
import dev.mainstay.model.ApiErrorType;
import io.javalin.http.Context;

/** Writes the Messages API error envelope: {@code {"type":"error","error":{"type":…,"message":…},"request_id":…}}. */
public final class ErrorEnvelope {
    private ErrorEnvelope() {}

    public static String json(ApiErrorType type, String message, String requestId) {
        var root = Json.object().put("type", "error");
        root.putObject("error").put("type", type.value()).put("message", message);
        root.put("request_id", requestId);
        return Json.write(root);
    }

    public static void write(Context ctx, int status, ApiErrorType type, String message) {
        ctx.status(status)
                .contentType("application/json")
                .result(json(type, message, RequestIds.of(ctx)));
    }
}
