package dev.mainstay.testing;

import dev.mainstay.model.ContentBlock;
import dev.mainstay.model.StreamObserver;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

/** Records what a streaming call passed to its observer, in order. */
public final class RecordingObserver implements StreamObserver {
    /** One callback; {@code block} is null for a text delta, {@code text} null for a completed block. */
    public record Event(int index, String text, ContentBlock block) {}

    private final List<Event> events = new CopyOnWriteArrayList<>();
    private final CountDownLatch firstDelta = new CountDownLatch(1);

    @Override
    public void onTextDelta(int index, String text) {
        events.add(new Event(index, text, null));
        firstDelta.countDown();
    }

    @Override
    public void onBlockComplete(int index, ContentBlock block) {
        events.add(new Event(index, null, block));
    }

    public List<Event> events() {
        return List.copyOf(events);
    }

    public List<String> textDeltas() {
        return events.stream().filter(e -> e.text() != null).map(Event::text).toList();
    }

    public List<ContentBlock> completedBlocks() {
        return events.stream().filter(e -> e.block() != null).map(Event::block).toList();
    }

    /** Counted down when the first text delta arrives. */
    public CountDownLatch firstDelta() {
        return firstDelta;
    }
}
