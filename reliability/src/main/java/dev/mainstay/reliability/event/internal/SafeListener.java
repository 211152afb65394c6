package dev.mainstay.reliability.event.internal;

import dev.mainstay.reliability.event.ReliabilityEvent;
import dev.mainstay.reliability.event.ReliabilityListener;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The wrapper behind {@link ReliabilityListener#safe}: logs and swallows what the delegate throws. */
public final class SafeListener implements ReliabilityListener {
    private static final Logger LOG = LoggerFactory.getLogger(ReliabilityListener.class);
    private final ReliabilityListener delegate;

    public SafeListener(ReliabilityListener delegate) {
        this.delegate = Objects.requireNonNull(delegate, "listener");
    }

    @Override
    public void onEvent(ReliabilityEvent event) {
        try {
            delegate.onEvent(event);
        } catch (RuntimeException e) {
            // observability must never break the call it observes; the exception's message is not logged, it
            // could carry anything
            LOG.warn("reliability listener {} failed on {}: {}",
                    delegate.getClass().getName(), event.getClass().getSimpleName(), e.getClass().getName());
        }
    }
}
