package dev.mainstay.reliability.testing;

import dev.mainstay.reliability.event.ReliabilityEvent;
import dev.mainstay.reliability.event.ReliabilityListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every event it receives, in order. Thread-safe. */
public final class RecordingListener implements ReliabilityListener {
    private final List<ReliabilityEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public void onEvent(ReliabilityEvent event) {
        events.add(event);
    }

    public List<ReliabilityEvent> events() {
        return List.copyOf(events);
    }

    public <T extends ReliabilityEvent> List<T> events(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
