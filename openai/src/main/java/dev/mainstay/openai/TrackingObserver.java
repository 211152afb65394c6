package dev.mainstay.openai;

import dev.mainstay.model.ContentBlock;
import dev.mainstay.model.StreamObserver;

/**
 * Passes every callback on and remembers whether anything reached the caller's observer: once it has, a failed
 * call reports {@code contentDelivered()} and must not be retried transparently. Used on the calling thread; the
 * flag is volatile because cancellation reads the call's state from another thread.
 */
final class TrackingObserver implements StreamObserver {
    private final StreamObserver delegate;
    private volatile boolean delivered;

    TrackingObserver(StreamObserver delegate) {
        this.delegate = delegate;
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

    boolean delivered() {
        return delivered;
    }
}
