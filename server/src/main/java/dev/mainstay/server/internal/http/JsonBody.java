package dev.mainstay.server.internal.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mainstay.json.Json;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads a request's JSON body strictly: {@code application/json} only (415), at most {@link #MAX_BYTES} (413), one
 * JSON object with no duplicate keys and nothing after it (400). Nothing here throws anything but
 * {@link ProblemException} for bad input.
 */
final class JsonBody {
    /** The largest request body accepted. A run's input is at most 20,000 characters; this leaves room. */
    static final int MAX_BYTES = 128 * 1024;

    private static final ObjectReader STRICT = Json.mapper().reader()
            .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .without(JsonParser.Feature.ALLOW_COMMENTS);

    private JsonBody() {}

    /** The body as a JSON object; empty when the request has no body at all. */
    static Optional<ObjectNode> read(Context ctx) {
        byte[] bytes = bytes(ctx);
        if (bytes.length == 0) {
            return Optional.empty();
        }
        checkContentType(ctx.contentType());
        JsonNode node;
        try {
            node = STRICT.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw ProblemException.of(ProblemType.INVALID_JSON, "the body is not valid JSON: "
                    + e.getOriginalMessage().replaceAll("\\s*\\R.*", ""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!(node instanceof ObjectNode object)) {
            throw ProblemException.of(ProblemType.INVALID_JSON, "the body must be a JSON object");
        }
        return Optional.of(object);
    }

    /** The raw body, at most {@link #MAX_BYTES}. */
    static byte[] bytes(Context ctx) {
        long declared = ctx.req().getContentLengthLong();
        if (declared > MAX_BYTES) {
            throw tooLarge();
        }
        try (var in = ctx.req().getInputStream()) {
            var bytes = in.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw tooLarge();
            }
            return bytes;
        } catch (IOException e) {
            throw ProblemException.of(ProblemType.INVALID_REQUEST, "the request body could not be read");
        }
    }

    private static ProblemException tooLarge() {
        return ProblemException.of(ProblemType.PAYLOAD_TOO_LARGE,
                "the request body must be at most " + MAX_BYTES + " bytes");
    }

    static void checkContentType(String contentType) {
        if (contentType == null) {
            throw ProblemException.of(ProblemType.UNSUPPORTED_MEDIA_TYPE,
                    "send the body with Content-Type: application/json");
        }
        var parts = contentType.split(";");
        if (!parts[0].trim().equalsIgnoreCase("application/json")) {
            throw ProblemException.of(ProblemType.UNSUPPORTED_MEDIA_TYPE, "the body must be application/json, not "
                    + parts[0].trim().replaceAll("[^\\x20-\\x7e]", "?"));
        }
        for (int i = 1; i < parts.length; i++) {
            var param = parts[i].trim().toLowerCase(Locale.ROOT).replace("\"", "");
            if (param.startsWith("charset=") && !param.equals("charset=utf-8")) {
                throw ProblemException.of(ProblemType.UNSUPPORTED_MEDIA_TYPE, "the body must be UTF-8");
            }
        }
    }
}
