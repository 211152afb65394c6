package dev.mainstay.server.internal.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mainstay.json.Json;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An RFC 9457 problem: what went wrong, for a client to read and a program to branch on. Thrown by handlers as a
 * {@link ProblemException} and rendered as {@code application/problem+json} in one place. The detail is written
 * for the client: it never holds a stack trace, a secret or another tenant's data.
 *
 * @param errors one entry per invalid field, when the request had several
 * @param retryAfterSeconds for 429 and 503: when to try again (also sent as {@code Retry-After})
 * @param extensions extra members, e.g. {@code conversation_id}
 */
public record Problem(ProblemType type, String detail, List<FieldError> errors, Optional<Long> retryAfterSeconds,
        Map<String, String> extensions) {
    public static final String CONTENT_TYPE = "application/problem+json";

    public Problem {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(detail, "detail");
        errors = List.copyOf(errors);
        Objects.requireNonNull(retryAfterSeconds, "retryAfterSeconds");
        extensions = Map.copyOf(extensions);
    }

    public static Problem of(ProblemType type, String detail) {
        return new Problem(type, detail, List.of(), Optional.empty(), Map.of());
    }

    public Problem withRetryAfter(long seconds) {
        return new Problem(type, detail, errors, Optional.of(seconds), extensions);
    }

    public Problem with(String name, String value) {
        var all = new java.util.TreeMap<>(extensions);
        all.put(name, value);
        return new Problem(type, detail, errors, retryAfterSeconds, all);
    }

    public ProblemException exception() {
        return new ProblemException(this);
    }

    public ObjectNode toJson(String instance) {
        var node = Json.object().put("type", type.uri().toString()).put("title", type.title())
                .put("status", type.status()).put("detail", detail).put("instance", instance);
        if (!errors.isEmpty()) {
            var array = node.putArray("errors");
            errors.forEach(e -> array.addObject().put("field", e.field()).put("message", e.message()));
        }
        retryAfterSeconds.ifPresent(s -> node.put("retry_after_seconds", s));
        extensions.forEach(node::put);
        return node;
    }

    /** One invalid field of a request. */
    public record FieldError(String field, String message) {}
}
