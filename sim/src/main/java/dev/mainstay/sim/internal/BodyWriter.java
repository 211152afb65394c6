package dev.mainstay.sim.internal;

import io.javalin.http.Context;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Writes a non-streaming message body, whole or with the drawn fault: truncated JSON, or a cut connection. */
final class BodyWriter {
    private BodyWriter() {}

    static void write(Context ctx, String json, Fault fault) {
        var bytes = json.getBytes(StandardCharsets.UTF_8);
        ctx.status(200).contentType("application/json");
        switch (fault) {
            case Fault.Malformed malformed -> ctx.result(Arrays.copyOf(bytes, bytes.length / 2));
            case Fault.Cut cut -> writeThenCut(ctx, bytes);
            default -> ctx.result(bytes);
        }
    }

    /** Announces the whole length, sends half of it, then closes the connection. */
    private static void writeThenCut(Context ctx, byte[] bytes) {
        var response = ctx.res();
        response.setContentLengthLong(bytes.length);
        try {
            var out = response.getOutputStream();
            out.write(bytes, 0, bytes.length / 2);
            out.flush();
        } catch (IOException e) {
            // the client left first; the cut happened anyway
        }
        Connections.abort(ctx);
    }
}
