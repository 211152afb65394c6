package dev.mainstay.store;

import java.util.Objects;

/**
 * A client's {@code Idempotency-Key} with a hash of the request it came with (method, route and body), scoped by
 * tenant. Same key and same hash → the first response again; same key, another hash → a conflict.
 */
public record IdempotencyKey(String key, String requestHash) {
    public IdempotencyKey {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(requestHash, "requestHash");
    }
}
