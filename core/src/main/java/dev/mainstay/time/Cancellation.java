package dev.mainstay.time;

/**
 * A signal that a run was cancelled. Thread-safe. Code that blocks (an HTTP call, a tool) registers a callback to
 * abort promptly; loops poll {@link #isCancelled()} between steps.
 */
public interface Cancellation {
    Cancellation NEVER = new Cancellation() {
        @Override
        public boolean isCancelled() {
            return false;
        }

        @Override
        public Registration onCancel(Runnable callback) {
            return () -> {};
        }
    };

    boolean isCancelled();

    /**
     * Runs {@code callback} once when cancelled, immediately if already cancelled. Close the registration when the
     * guarded work ends.
     */
    Registration onCancel(Runnable callback);

    /** Undoes an {@link #onCancel} registration. */
    @FunctionalInterface
    interface Registration extends AutoCloseable {
        @Override
        void close();
    }
}
