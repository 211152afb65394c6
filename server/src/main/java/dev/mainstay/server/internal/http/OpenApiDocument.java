package dev.mainstay.server.internal.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The OpenAPI 3.1 description of the API, {@code openapi.json} on the classpath, served as it is. */
public final class OpenApiDocument {
    public static final String RESOURCE = "/dev/mainstay/server/openapi.json";

    private OpenApiDocument() {}

    public static String load() {
        try (var in = OpenApiDocument.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
