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
     * URL, a header or a key. {@code backendUnavailable} says the service could not answer for infrastructure
     * reasons (5xx, 429, a timeout, a connection failure, a body that could not be read), as opposed to a request it
     * refused (another 4xx) or a call this side gave up (cancelled, no time left).
     */
    record Failed(String reason, boolean backendUnavailable) implements HttpResult {
        public Failed {
            Objects.requireNonNull(reason, "reason");
        }

        /** The service could not answer: worth counting against its circuit breaker. */
        public static Failed unavailable(String reason) {
            return new Failed(reason, true);
        }

        /** The request was refused or abandoned; the service itself worked or was never asked. */
        public static Failed rejected(String reason) {
            return new Failed(reason, false);
        }
    }
}
