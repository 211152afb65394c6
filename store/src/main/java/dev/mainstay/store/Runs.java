package dev.mainstay.store;

import java.util.Optional;
import java.util.function.Function;

/**
 * Runs of every tenant. Every read is scoped by tenant: a run of another tenant does not exist for the caller.
 * Thread-safe.
 */
public interface Runs {
    /**
     * Accepts a run in one transaction: checks and records the idempotency key (if any), checks the conversation
     * (exists for the run's tenant and user; busy → {@code onBusy}), stores the run as queued, and keeps the
     * response {@code respond} builds for the key. Nothing is stored unless the result is {@link Admission.Accepted}.
     * A duplicate arriving while the first is in its transaction waits for it, then gets {@link Admission.Replayed}
     * (if the first takes longer than a few seconds, {@link Admission.KeyInFlight}). {@code respond} runs inside the
     * transaction: keep it quick and free of side effects. Workers are signalled after the commit.
     *
     * @throws IllegalArgumentException when the run's tenant does not exist
     */
    default Admission accept(NewRun run, Optional<IdempotencyKey> key, OnBusy onBusy,
            Function<RunRecord, StoredResponse> respond) {
        return accept(run, key, onBusy, respond, java.time.Duration.ZERO);
    }

    /**
     * {@link #accept(NewRun, Optional, OnBusy, Function)}, for a request that goes on after the run is accepted
     * (it waits for the run to finish) and answers something else than {@code respond}'s response: with a positive
     * {@code holdKey}, the key is kept with {@code respond}'s response as a provisional one, but held — the same
     * request gets {@link Admission.KeyInFlight} — until {@link Idempotency#settle} keeps the final response, or for
     * at most {@code holdKey}. After that the provisional response is replayed: the run exists, and it is never
     * accepted twice.
     */
    Admission accept(NewRun run, Optional<IdempotencyKey> key, OnBusy onBusy,
            Function<RunRecord, StoredResponse> respond, java.time.Duration holdKey);

    Optional<RunRecord> find(String tenantId, String runId);

    /** @throws IllegalArgumentException when the filter's cursor is not one this store gave out */
    Page<RunRecord> list(String tenantId, RunFilter filter);

    /**
     * Asks for the run to be cancelled: a queued run is cancelled at once; a running one is flagged, and its worker
     * cancels it when it next renews its lease. A finished run is left as it is.
     *
     * @return the run as it is after the request, empty when the tenant has no such run
     */
    Optional<RunRecord> requestCancel(String tenantId, String runId, java.time.Instant now);
}
