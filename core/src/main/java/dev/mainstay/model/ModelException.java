package dev.mainstay.model;

/**
 * Root of every failure of a model call. Sealed: each subclass is one kind of failure with a stable
 * {@link #code()}; one classifier decides which kinds are retried.
 *
 * <p>Messages never contain credentials or request bodies. {@link #contentDelivered()} is true when a streaming
 * call had already passed content to the caller's {@link StreamObserver} before it failed: such a call must not
 * be retried transparently.
 */
public abstract sealed class ModelException extends RuntimeException
        permits ModelApiException, ModelConnectionException, ModelTimeoutException, ModelCancelledException {

    private final boolean contentDelivered;
    private final java.util.List<Failover> attempts = new java.util.concurrent.CopyOnWriteArrayList<>();

    protected ModelException(String message, boolean contentDelivered, Throwable cause) {
        super(message, cause, false, true);
        this.contentDelivered = contentDelivered;
    }

    /** A stable code for metrics, the journal and problem+json, e.g. {@code overloaded_error}, {@code timeout}. */
    public abstract String code();

    public boolean contentDelivered() {
        return contentDelivered;
    }

    /**
     * Records the endpoints a fallback tried before giving up with this failure, the failing one last. Like
     * {@link Throwable#addSuppressed}, it adds to the exception on its way up; the journal keeps the list.
     */
    public void recordAttempts(java.util.List<Failover> tried) {
        attempts.clear();
        attempts.addAll(tried);
    }

    /**
     * The endpoints a fallback link tried, the failing one last; empty when the chain had no fallback link. A call
     * that failed at the first endpoint has one entry.
     */
    public java.util.List<Failover> attempts() {
        return java.util.List.copyOf(attempts);
    }
}
