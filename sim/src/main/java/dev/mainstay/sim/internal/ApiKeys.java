package dev.mainstay.sim.internal;

import io.javalin.http.Context;

/**
 * The simulator accepts any non-empty API key, sent as {@code x-api-key} (LangChain4j, Spring AI) or as
 * {@code Authorization: Bearer …} (the official Java and TypeScript SDKs). The key is never stored or logged.
 */
final class ApiKeys {
    private static final String BEARER = "Bearer ";

    private ApiKeys() {}

    static boolean present(Context ctx) {
        var key = ctx.header("x-api-key");
        if (key != null && !key.isBlank()) {
            return true;
        }
        var authorization = ctx.header("Authorization");
        return authorization != null
                && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
                && !authorization.substring(BEARER.length()).isBlank();
    }
}
