package dev.mainstay.server.internal.service;

/** The runs executing on this node, as the API sees them: a cancellation reaches a local run directly. */
public interface LocalRuns {
    LocalRuns NONE = runId -> false;

    /** Cancels {@code runId} if it executes on this node; false when it does not. */
    boolean cancel(String runId);

    /**
     * Whether {@code runId} executes on this node now (and was not given up): its end will be signalled through
     * {@link RunSignals#executionEnded}, so a waiter need not poll the store meanwhile.
     */
    default boolean isExecuting(String runId) {
        return false;
    }
}
