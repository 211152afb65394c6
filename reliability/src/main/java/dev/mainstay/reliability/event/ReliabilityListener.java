package dev.mainstay.reliability.event;

import dev.mainstay.reliability.event.internal.SafeListener;
import java.util.List;

/**
 * Receives every {@link ReliabilityEvent}. Called synchronously on the thread of the call that caused the event, so
 * an implementation must be thread-safe and must not block.
 *
 * <p>Policies deliver events through {@link #safe(ReliabilityListener)}: a listener that throws is logged and
 * ignored, it never fails the call it observes.
 */
@FunctionalInterface
public interface ReliabilityListener {
    ReliabilityListener NONE = event -> {};

    void onEvent(ReliabilityEvent event);

    /** Delivers each event to every listener in order; one failing listener does not stop the others. */
    static ReliabilityListener composite(List<? extends ReliabilityListener> listeners) {
        var copy = listeners.stream().map(ReliabilityListener::safe).toList();
        return event -> copy.forEach(listener -> listener.onEvent(event));
    }

    /** Wraps {@code listener} so that a runtime exception it throws is logged and swallowed. */
    static ReliabilityListener safe(ReliabilityListener listener) {
        return listener instanceof SafeListener ? listener : new SafeListener(listener);
    }
}
