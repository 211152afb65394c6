package dev.mainstay.time;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/** The owner's side of a {@link Cancellation}: call {@link #cancel()} to fire every registered callback once. */
public final class CancellationSource implements Cancellation {
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final ConcurrentHashMap<Object, Runnable> callbacks = new ConcurrentHashMap<>();

    @Override
    public boolean isCancelled() {
        return cancelled.get();
    }

    @Override
    public Registration onCancel(Runnable callback) {
        var key = new Object();
        callbacks.put(key, callback);
        if (cancelled.get() && callbacks.remove(key) != null) {
            callback.run();
        }
        return () -> callbacks.remove(key);
    }

    /** Fires every callback once; later calls do nothing. Callback failures are ignored. */
    public void cancel() {
        if (cancelled.compareAndSet(false, true)) {
            for (var key : callbacks.keySet()) {
                var callback = callbacks.remove(key);
                if (callback != null) {
                    try {
                        callback.run();
                    } catch (RuntimeException ignored) {
                        // a failing callback must not stop the others from running
                    }
                }
            }
        }
    }
}
