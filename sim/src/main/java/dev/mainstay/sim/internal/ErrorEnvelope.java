package dev.mainstay.sim.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mainstay.json.Json;
import dev.mainstay.model.ApiErrorType;
import io.javalin.http.Context;

/**
 * Writes the Messages API error envelope:
 * {@code {"type":"error","error":{"type":…,"message":…[,"details":{…}]},"request_id":…}}.
 */
public final class ErrorEnvelope {
    private ErrorEnvelope() {}

    public static String json(ApiErrorType type, String message, String requestId) {
        return json(type, message, null, requestId);
    }

    /** @param details {@code error.details}, or {@code null} to leave it out */
    public static String json(ApiErrorType type, String message, ObjectNode details, String requestId) {
        var root = Json.object().put("type", "error");
        var error = root.putObject("error").put("type", type.value()).put("message", message);
        if (details != null) {
            error.set("details", details.deepCopy());
        }
        root.put("request_id", requestId);
        return Json.write(root);
    }

    public static void write(Context ctx, int status, ApiErrorType type, String message) {
        write(ctx, status, type, message, null);
    }

    public static void write(Context ctx, int status, ApiErrorType type, String message, ObjectNode details) {
        ctx.status(status)
                .contentType("application/json")
                .result(json(type, message, details, RequestIds.of(ctx)));
    }

    /** Writes {@code error} as its envelope. */
    public static void write(Context ctx, ApiError error) {
        write(ctx, error.status(), error.type(), error.getMessage(), error.details().orElse(null));
    }
}
