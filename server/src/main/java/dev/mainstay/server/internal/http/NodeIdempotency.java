package dev.mainstay.server.internal.http;

import dev.mainstay.store.Idempotency;
import dev.mainstay.store.IdempotencyKey;
import dev.mainstay.store.StoredResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The store's {@link Idempotency} behind this node's {@link KeyFlights}: duplicates of a request in flight here wait
 * for its answer instead of each asking the store, and answers given here are replayed from memory. The outcomes
 * are the store's: a replay, a reused key (422), a key in flight (409).
 */
final class NodeIdempotency implements Idempotency {
    /** How long a duplicate waits here for the first request with its key, as the store would. */
    static final Duration WAIT = Duration.ofSeconds(5);
    private final Idempotency store;
    private final KeyFlights flights;

    NodeIdempotency(Idempotency store, KeyFlights flights) {
        this.store = Objects.requireNonNull(store, "store");
        this.flights = Objects.requireNonNull(flights, "flights");
    }

    @Override
    public Outcome execute(String tenantId, IdempotencyKey key, Instant now, Supplier<StoredResponse> action) {
        KeyFlights.Turn turn;
        try {
            turn = flights.take(tenantId, key, WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome.KeyInFlight();
        }
        return switch (turn) {
            case KeyFlights.Turn.Answered answered -> new Outcome.Replayed(answered.response());
            case KeyFlights.Turn.OtherRequest ignored -> new Outcome.KeyReused();
            case KeyFlights.Turn.StillRunning ignored -> new Outcome.KeyInFlight();
            case KeyFlights.Lead lead -> {
                try (lead) {
                    var outcome = store.execute(tenantId, key, now, action);
                    switch (outcome) {
                        case Outcome.Executed executed -> lead.answer(executed.response());
                        case Outcome.Replayed replayed -> lead.answer(replayed.response());
                        case Outcome.KeyReused ignored -> { }
                        case Outcome.KeyInFlight ignored -> { }
                    }
                    yield outcome;
                }
            }
        };
    }

    @Override
    public Optional<Outcome> recall(String tenantId, IdempotencyKey key, Instant now) {
        var known = flights.recall(tenantId, key);
        if (known.isPresent()) {
            return known.map(turn -> turn instanceof KeyFlights.Turn.Answered answered
                    ? new Outcome.Replayed(answered.response()) : new Outcome.KeyReused());
        }
        return store.recall(tenantId, key, now);
    }

    @Override
    public boolean settle(String tenantId, IdempotencyKey key, StoredResponse response, Instant now) {
        return store.settle(tenantId, key, response, now);
    }

    @Override
    public int purgeBefore(Instant cutoff) {
        return store.purgeBefore(cutoff);
    }
}
