package dev.mainstay.event;

import java.time.Instant;
import java.util.Objects;

/**
 * What every run event carries: the run, its tenant, the event's place in the run's sequence and when it happened.
 * Sequence numbers are per run, from 1, without gaps, in the order listeners receive the events; a resumed run
 * continues its sequence, so a client that has seen event N of a run asks for what follows N.
 */
public record EventMeta(String runId, String tenantId, long seq, Instant at) {
    public EventMeta {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(at, "at");
        if (seq < 1) {
            throw new IllegalArgumentException("event sequence numbers start at 1, but was " + seq);
        }
    }
}
