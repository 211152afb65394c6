package dev.mainstay.model.internal;

import dev.mainstay.model.ContentBlock;
import dev.mainstay.model.StreamObserver;
import java.util.Objects;

/**
 * A {@link StreamObserver} that forwards everything and remembers whether anything reached the caller. Once it has,
 * a failed stream must not be retried or sent to another model: the caller would see the content twice. Every
 * layer that needs to know (provider clients, retry, fallback) wraps the observer it was given in one of these.
 * Thread-safe for one writer: the flag is volatile because cancellation and policies read it from other threads.
 */
public final class DeliveryTracker implements StreamObserver {
    private final StreamObserver delegate;
    private volatile boolean delivered;

    public DeliveryTracker(StreamObserver delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    @Override
    public void onTextDelta(int index, String text) {
        delivered = true;
        delegate.onTextDelta(index, text);
    }

    @Override
    public void onBlockComplete(int index, ContentBlock block) {
        delivered = true;
        delegate.onBlockComplete(index, block);
    }

    public boolean delivered() {
        return delivered;
    }
}
