package dev.mainstay.store;

import java.util.Objects;

/** An HTTP response kept for an idempotency key, replayed as it was (status and body). */
public record StoredResponse(int status, String contentType, String body) {
    public StoredResponse {
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(body, "body");
    }
}
