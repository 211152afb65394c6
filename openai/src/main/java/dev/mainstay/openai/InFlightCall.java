package dev.mainstay.openai;

import java.io.Closeable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The abortable state of one call: the pending exchange, then the open response body. The run's cancellation and
 * the call's deadline timer both call {@link #abort} from other threads; the first reason wins and later ones are
 * ignored. Aborting cancels the exchange (the JDK client then closes the connection) or closes the body, which
 * ends a blocked read. Whatever is attached after an abort is released at once. Thread-safe.
 */
final class InFlightCall {
    private static final Logger log = LoggerFactory.getLogger(InFlightCall.class);

    /** Why a call was aborted. */
    enum Abort {
        CANCELLED,
        TIMED_OUT
    }

    private final Object lock = new Object();
    private Abort abort;
    private Future<?> exchange;
    private Closeable body;

    /** Aborts the call unless it was already aborted. */
    void abort(Abort reason) {
        Future<?> pending;
        Closeable open;
        synchronized (lock) {
            if (abort != null) {
                return;
            }
            abort = reason;
            pending = exchange;
            open = body;
        }
        if (pending != null) {
            pending.cancel(true);
        }
        closeQuietly(open);
    }

    /** The reason the call was aborted, or null while it was not. */
    Abort abortReason() {
        synchronized (lock) {
            return abort;
        }
    }

    void attachExchange(Future<?> pending) {
        synchronized (lock) {
            if (abort == null) {
                exchange = pending;
                return;
            }
        }
        pending.cancel(true);
    }

    void attachBody(Closeable open) {
        synchronized (lock) {
            if (abort == null) {
                body = open;
                return;
            }
        }
        closeQuietly(open);
    }

    /**
     * Throws when the call was aborted: a closed body reads as a normal end of stream, so every read is followed by
     * this check before its result is trusted.
     */
    void checkNotAborted() throws InterruptedIOException {
        var reason = abortReason();
        if (reason != null) {
            throw new InterruptedIOException("call aborted: " + reason);
        }
    }

    private static void closeQuietly(Closeable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (IOException | RuntimeException e) {
            log.debug("closing an aborted response failed: {}", e.getClass().getSimpleName());
        }
    }
}
