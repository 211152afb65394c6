package dev.mainstay.store;

import java.time.Instant;
import java.util.function.Supplier;

/**
 * Idempotency keys for POSTs other than accepting a run (which {@link Runs#accept} does in its own transaction):
 * the first request with a key runs, and its response is kept for at least the retention; the same key with the
 * same request replays it; the same key with another request is refused; a duplicate while the first runs is told
 * so. Thread-safe.
 */
public interface Idempotency {
    /** Runs {@code action} once per tenant and key, keeping its response. */
    Outcome execute(String tenantId, IdempotencyKey key, Instant now, Supplier<StoredResponse> action);

    sealed interface Outcome {
        record Executed(StoredResponse response) implements Outcome {}

        record Replayed(StoredResponse response) implements Outcome {}

        record KeyReused() implements Outcome {}

        record KeyInFlight() implements Outcome {}
    }

    /** Deletes keys older than {@code cutoff}; returns how many. */
    int purgeBefore(Instant cutoff);
}
