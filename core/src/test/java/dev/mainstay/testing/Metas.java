package dev.mainstay.testing;

import dev.mainstay.event.EventMeta;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/** Event metadata for tests that build run events by hand. */
public final class Metas {
    private static final AtomicLong SEQ = new AtomicLong();

    private Metas() {}

    /** Metadata for an event of {@code runId} in tenant {@code default}, at the epoch, with a fresh sequence number. */
    public static EventMeta of(String runId) {
        return new EventMeta(runId, "default", SEQ.incrementAndGet(), Instant.EPOCH);
    }
}
