package dev.mainstay.server.internal.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mainstay.json.Json;
import dev.mainstay.store.IdempotencyKey;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The {@code Idempotency-Key} header of a POST, with the hash of the request it came with: method, path and the
 * body in canonical form (keys sorted, no whitespace), so the same request written differently is still the same
 * request, and the same key on another route or with another body is not.
 */
final class IdempotencyHeader {
    static final String NAME = "Idempotency-Key";
    static final int MAX_LENGTH = 255;

    private IdempotencyHeader() {}

    static Optional<IdempotencyKey> read(Context ctx, Optional<ObjectNode> body) {
        var raw = ctx.header(NAME);
        if (raw == null) {
            return Optional.empty();
        }
        if (raw.isEmpty() || raw.length() > MAX_LENGTH || !raw.matches("[\\x20-\\x7e]+")) {
            throw ProblemException.of(ProblemType.INVALID_IDEMPOTENCY_KEY, NAME + " must be 1 to " + MAX_LENGTH
                    + " printable ASCII characters");
        }
        return Optional.of(new IdempotencyKey(raw, hash(ctx.method().name(), ctx.path(), body)));
    }

    static String hash(String method, String path, Optional<ObjectNode> body) {
        var canonical = method + " " + path + "\n" + body.map(b -> Json.write(canonical(b))).orElse("");
        try {
            var digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    /** {@code node} with every object's keys sorted, recursively. */
    static JsonNode canonical(JsonNode node) {
        if (node.isObject()) {
            var sorted = new TreeMap<String, JsonNode>();
            node.properties().forEach(e -> sorted.put(e.getKey(), canonical(e.getValue())));
            var out = Json.object();
            sorted.forEach(out::set);
            return out;
        }
        if (node.isArray()) {
            var out = Json.mapper().createArrayNode();
            node.forEach(item -> out.add(canonical(item)));
            return out;
        }
        return node;
    }
}
