package dev.mainstay.agent;

import dev.mainstay.event.EventMeta;
import dev.mainstay.event.RunEvent;
import dev.mainstay.event.RunListener;
import java.time.InstantSource;
import java.util.function.Function;

/**
 * Publishes one run's events with their sequence numbers. Numbering and delivery happen under one lock, so
 * listeners receive a run's events in sequence order even when tool calls on other threads emit them.
 */
final class RunEmitter {
    private final RunListener listeners;
    private final InstantSource clock;
    private final String runId;
    private final String tenantId;
    private long next;

    RunEmitter(RunListener listeners, InstantSource clock, String runId, String tenantId, long firstSeq) {
        this.listeners = listeners;
        this.clock = clock;
        this.runId = runId;
        this.tenantId = tenantId;
        this.next = firstSeq;
    }

    synchronized void emit(Function<EventMeta, RunEvent> event) {
        listeners.onEvent(event.apply(new EventMeta(runId, tenantId, next++, clock.instant())));
    }
}
