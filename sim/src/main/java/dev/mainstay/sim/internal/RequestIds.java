package dev.mainstay.sim.internal;

import io.javalin.http.Context;
import java.util.SplittableRandom;

/**
 * Gives every HTTP request a {@code req_…} id, deterministic for the seed and the order of requests, and keeps it
 * on the request so that the header and the error envelope agree. Thread-safe.
 */
public final class RequestIds {
    private static final String ATTRIBUTE = "mainstay.sim.requestId";
    private static final long SALT = 0x5DEECE66DL;

    private final SplittableRandom random;

    public RequestIds(long seed) {
        this.random = new SplittableRandom(seed ^ SALT);
    }

    /** Assigns the next id to {@code ctx} and sets the {@code request-id} header. */
    public synchronized String assign(Context ctx) {
        var id = Ids.requestId(random);
        ctx.attribute(ATTRIBUTE, id);
        ctx.header("request-id", id);
        return id;
    }

    /** The id assigned to {@code ctx}; empty when none was. */
    public static String of(Context ctx) {
        String id = ctx.attribute(ATTRIBUTE);
        return id == null ? "" : id;
    }
}
