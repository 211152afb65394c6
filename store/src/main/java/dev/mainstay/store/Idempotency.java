package dev.mainstay.store;

import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Idempotency keys for POSTs other than accepting a run (which {@link Runs#accept} does in its own transaction):
 * the first request with a key runs, and its response is kept for at least the retention; the same key with the
 * same request replays it; the same key with another request is refused; a duplicate while the first runs is told
 * so. Thread-safe.
 */
public interface Idempotency {
    /**
     * How long a key may stay in flight (its first request being processed) before the next request with the same
     * key and request takes it over: the node processing the first died before answering.
     */
    java.time.Duration IN_FLIGHT_TIMEOUT = java.time.Duration.ofMinutes(1);

    /**
     * Runs {@code action} once per tenant and key, keeping its response. The action runs outside any store
     * transaction (it may use the store itself); while it runs, the key is in flight and duplicates get
     * {@link Outcome.KeyInFlight}. When the action throws, the key is forgotten (a retry runs it again) and the
     * exception propagates.
     */
    Outcome execute(String tenantId, IdempotencyKey key, Instant now, Supplier<StoredResponse> action);

    /**
     * What a request with {@code key} would get from an earlier one, without taking the key: {@link Outcome.Replayed}
     * when the same request was answered, {@link Outcome.KeyReused} when the key was used for another request,
     * {@link Outcome.KeyInFlight} while the first is being processed; empty when the key is unknown. Lets a check
     * that would refuse a new request (an exhausted budget) still replay the answer to one already accepted.
     */
    Optional<Outcome> recall(String tenantId, IdempotencyKey key, Instant now);

    /**
     * Keeps the final response of a request that accepted a run while holding its key
     * ({@link Runs#accept(NewRun, Optional, OnBusy, java.util.function.Function, java.time.Duration)} with a hold):
     * from now on, the same request replays {@code response}. Does nothing unless the key is held for this request
     * at {@code now} (same request hash, its hold not lapsed): after the hold, retries were answered the provisional
     * response, and they go on being answered it.
     *
     * @return whether {@code response} is now the kept one
     */
    boolean settle(String tenantId, IdempotencyKey key, StoredResponse response, Instant now);

    sealed interface Outcome {
        record Executed(StoredResponse response) implements Outcome {}

        record Replayed(StoredResponse response) implements Outcome {}

        record KeyReused() implements Outcome {}

        record KeyInFlight() implements Outcome {}
    }

    /** Deletes keys older than {@code cutoff}; returns how many. */
    int purgeBefore(Instant cutoff);
}
