package dev.mainstay.agent;

import dev.mainstay.event.EventMeta;
import dev.mainstay.event.RunEvent;
import dev.mainstay.event.internal.RunEvents;
import java.time.InstantSource;
import java.util.function.Function;

/**
 * Publishes one run's events with their sequence numbers. Numbering and delivery happen under one lock, so
 * listeners receive a run's events in sequence order even when tool calls on other threads emit them. With no
 * listener, an event is numbered but never built: its sequence number is spent, so the numbers a resumed run
 * continues from are the same whether anyone listened or not.
 */
final class RunEmitter {
    private final RunEvents listeners;
    private final InstantSource clock;
    private final String runId;
    private final String tenantId;
    private long next;

    RunEmitter(RunEvents listeners, InstantSource clock, String runId, String tenantId, long firstSeq) {
        this.listeners = listeners;
        this.clock = clock;
        this.runId = runId;
        this.tenantId = tenantId;
        this.next = firstSeq;
    }

    synchronized void emit(Function<EventMeta, RunEvent> event) {
        if (listeners.isEmpty()) {
            next++;
            return;
        }
        listeners.onEvent(event.apply(new EventMeta(runId, tenantId, next++, clock.instant())));
    }
}
