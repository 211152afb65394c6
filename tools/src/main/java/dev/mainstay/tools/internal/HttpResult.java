package dev.mainstay.tools.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/** What one JSON call to an outside service produced: a parsed body, or a one-line reason it failed. */
public sealed interface HttpResult {
    /** A 2xx response whose body parsed as JSON. */
    record Ok(JsonNode body) implements HttpResult {
        public Ok {
            Objects.requireNonNull(body, "body");
        }
    }

    /**
     * The call failed. {@code reason} is short and safe to show the model ("HTTP 503", "timed out"); it never holds a
     * URL, a header or a key.
     */
    record Failed(String reason) implements HttpResult {
        public Failed {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
