package dev.mainstay.store;

import dev.mainstay.event.RunEvent;
import dev.mainstay.journal.Fence;
import java.time.Instant;
import java.util.List;

/**
 * Every run's events, kept after the run ends (for at least the configured retention), so a client can follow a
 * run from any node, resume after a disconnect with the last sequence number it saw, and read a finished run's
 * stream again. Thread-safe.
 */
public interface EventLog {
    /**
     * Stores {@code event} (JSON by {@link dev.mainstay.event.EventCodec}) under its own sequence number.
     *
     * @throws dev.mainstay.journal.FencedOutException when the fence is stale: a worker that lost its run publishes
     *     nothing more
     */
    void append(Fence fence, RunEvent event);

    /**
     * Stores {@code events} of the fence's run in one transaction (a batch of text deltas costs one commit).
     * An event whose sequence number is already stored for the run is skipped, so an append retried after an
     * ambiguous failure stores nothing twice.
     *
     * @throws dev.mainstay.journal.FencedOutException when the fence is stale: none of them is stored
     * @throws IllegalArgumentException when an event is of another run than the fence's
     */
    default void appendAll(Fence fence, List<? extends RunEvent> events) {
        events.forEach(event -> append(fence, event));
    }

    /**
     * The events of the tenant's run after sequence {@code afterSeq}, in order, at most {@code limit}.
     * Empty for an unknown run or another tenant's.
     */
    List<StoredEvent> after(String tenantId, String runId, long afterSeq, int limit);

    /** The highest sequence number stored for the run (kept after a purge), 0 when none. */
    long lastSeq(String runId);

    /** Deletes the events of runs that finished before {@code cutoff}; returns how many. */
    int purgeFinishedBefore(Instant cutoff);

    /** An event as stored: its sequence number, SSE name and JSON. */
    record StoredEvent(long seq, String type, String json, Instant at) {}
}
