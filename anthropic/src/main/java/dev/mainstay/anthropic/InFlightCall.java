package dev.mainstay.anthropic;

/**
 * The abort handle of one model call. The cancellation callback calls {@link #abort()} from any thread; the transport
 * attaches the cancel action of the HTTP exchange when it starts it. Cancelling the exchange ends it wherever it is:
 * connecting, waiting for headers or reading the body. Whatever is attached when {@code abort()} runs, or is
 * attached after it, is cancelled. It also carries the call's absolute deadline, fixed when the call began, so that
 * the time the SDK spends preparing the request counts against it. Thread-safe.
 */
final class InFlightCall {
    private final long deadlineNanos;
    private boolean aborted;
    private Runnable cancelExchange;

    /** @param deadlineNanos the instant on {@link System#nanoTime()} by which the whole call must be over */
    InFlightCall(long deadlineNanos) {
        this.deadlineNanos = deadlineNanos;
    }

    /** The call's deadline on {@link System#nanoTime()}: each exchange's time limit is what is left of it. */
    long deadlineNanos() {
        return deadlineNanos;
    }

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
