package dev.mainstay.server.internal.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mainstay.json.Json;
import dev.mainstay.store.StoredResponse;
import io.javalin.http.Context;
import java.util.regex.Pattern;

/** Writes responses: JSON documents, replays of kept responses, problems. */
final class Responses {
    static final String JSON = "application/json";
    static final String REPLAYED_HEADER = "Idempotent-Replayed";
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private Responses() {}

    static void json(Context ctx, int status, JsonNode body) {
        ctx.status(status).contentType(JSON).result(Json.write(body));
    }

    static StoredResponse stored(int status, JsonNode body) {
        return new StoredResponse(status, JSON, Json.write(body));
    }

    static void send(Context ctx, StoredResponse response) {
        ctx.status(response.status()).contentType(response.contentType()).result(response.body());
    }

    /** A kept response, replayed as it was, marked as a replay. */
    static void replay(Context ctx, StoredResponse response) {
        ctx.header(REPLAYED_HEADER, "true");
        send(ctx, response);
    }

    static void problem(Context ctx, Problem problem) {
        problem.retryAfterSeconds().ifPresent(s -> ctx.header("Retry-After", String.valueOf(s)));
        if (problem.type() == ProblemType.UNAUTHENTICATED) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"mainstay\"");
        }
        ctx.status(problem.type().status()).contentType(Problem.CONTENT_TYPE)
                .result(Json.write(problem.toJson(ctx.path())));
    }

    /** The path parameter {@code name} when it can be an id; otherwise the object cannot exist: 404. */
    static String id(Context ctx, String name, String what) {
        var value = ctx.pathParam(name);
        if (!ID.matcher(value).matches()) {
            throw notFound(what);
        }
        return value;
    }

    static ProblemException notFound(String what) {
        return ProblemException.of(ProblemType.NOT_FOUND, "no such " + what);
    }
}
