package dev.mainstay.anthropic;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The abort handle of one model call. The cancellation callback calls {@link #abort()} from any thread; the calling
 * thread attaches what is in flight as the call progresses: first the pending HTTP exchange (until the response
 * headers arrive), then the open response or stream. Whatever is attached when {@code abort()} runs, or is attached
 * after it, is cancelled or closed. Thread-safe.
 */
final class InFlightCall {
    private static final Logger log = LoggerFactory.getLogger(InFlightCall.class);

    private final Object lock = new Object();
    private boolean aborted;
    private Runnable exchange;
    private AutoCloseable response;

    /** Aborts the call: cancels the pending exchange and closes the open response. Idempotent. */
    void abort() {
        Runnable pendingExchange;
        AutoCloseable openResponse;
        synchronized (lock) {
            if (aborted) {
                return;
            }
            aborted = true;
            pendingExchange = exchange;
            openResponse = response;
            exchange = null;
            response = null;
        }
        if (pendingExchange != null) {
            pendingExchange.run();
        }
        closeQuietly(openResponse);
    }

    boolean isAborted() {
        synchronized (lock) {
            return aborted;
        }
    }

    /**
     * The cancel action of the exchange waiting for response headers; run at once when the call was already aborted,
     * else at most once, by {@link #abort()}, unless {@link #detachExchange()} came first.
     */
    void attachExchange(Runnable cancelPending) {
        synchronized (lock) {
            if (!aborted) {
                exchange = cancelPending;
                return;
            }
        }
        cancelPending.run();
    }

    void detachExchange() {
        synchronized (lock) {
            exchange = null;
        }
    }

    /** The open response or stream; closed at once when the call was already aborted. */
    void attachResponse(AutoCloseable open) {
        synchronized (lock) {
            if (!aborted) {
                response = open;
                return;
            }
        }
        closeQuietly(open);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            log.debug("closing an aborted response failed: {}", e.getClass().getSimpleName());
        }
    }
}
