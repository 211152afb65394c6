package dev.mainstay.anthropic;

/**
 * The abort handle of one model call. The cancellation callback calls {@link #abort()} from any thread; the transport
 * attaches the cancel action of the HTTP exchange when it starts it. Cancelling the exchange ends it wherever it is:
 * connecting, waiting for headers or reading the body. Whatever is attached when {@code abort()} runs, or is
 * attached after it, is cancelled. Thread-safe.
 */
final class InFlightCall {
    private boolean aborted;
    private Runnable cancelExchange;

    /** Aborts the call: cancels the attached exchange, now or when it is attached. Idempotent. */
    void abort() {
        Runnable cancel;
        synchronized (this) {
            if (aborted) {
                return;
            }
            aborted = true;
            cancel = cancelExchange;
            cancelExchange = null;
        }
        if (cancel != null) {
            cancel.run();
        }
    }

    synchronized boolean isAborted() {
        return aborted;
    }

    /** The cancel action of the exchange now running; run at once when the call was already aborted. */
    void attach(Runnable cancel) {
        synchronized (this) {
            if (!aborted) {
                cancelExchange = cancel;
                return;
            }
        }
        cancel.run();
    }
}
