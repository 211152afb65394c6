package dev.mainstay.event.internal;

import dev.mainstay.event.RunEvent;
import dev.mainstay.event.RunListener;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Delivers each event to every listener in order, isolating the run from listener failures. */
public final class RunEvents implements RunListener {
    private static final Logger log = LoggerFactory.getLogger(RunEvents.class);

    private final List<RunListener> listeners;

    public RunEvents(List<RunListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    public static RunEvents none() {
        return new RunEvents(List.of());
    }

    /** Whether there is no listener: a caller may then skip building the events it would deliver. */
    public boolean isEmpty() {
        return listeners.isEmpty();
    }

    @Override
    public void onEvent(RunEvent event) {
        for (var listener : listeners) {
            try {
                listener.onEvent(event);
            } catch (RuntimeException e) {
                log.warn("run listener {} failed on {}; the run goes on", listener.getClass().getName(),
                        event.getClass().getSimpleName(), e);
            }
        }
    }

    /** A copy with {@code extra} appended after the existing listeners. */
    public RunEvents with(RunListener extra) {
        var all = new java.util.ArrayList<>(listeners);
        all.add(extra);
        return new RunEvents(all);
    }
}
