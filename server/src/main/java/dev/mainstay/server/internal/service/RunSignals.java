package dev.mainstay.server.internal.service;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * In-process wake-ups: "run R has new events or changed". Only a hint that saves a poll — the store is the truth, and
 * a waiter on a run executing on another node simply polls. (Workers wait on the store's own work signal.) Take a {@link Ticket} before
 * reading the store and wait on it after, so a signal between the read and the wait is not missed. Thread-safe.
 */
public final class RunSignals {
    private final ConcurrentHashMap<String, CompletableFuture<Void>> runs = new ConcurrentHashMap<>();

    /** Wakes everyone waiting on {@code runId}. */
    public void runChanged(String runId) {
        var future = runs.remove(runId);
        if (future != null) {
            future.complete(null);
        }
    }

    public Ticket ticket(String runId) {
        return new Ticket(runId, runs.computeIfAbsent(runId, id -> new CompletableFuture<>()));
    }

    /** A wait taken before reading the store. */
    public final class Ticket {
        private final String runId;
        private final CompletableFuture<Void> future;

        private Ticket(String runId, CompletableFuture<Void> future) {
            this.runId = runId;
            this.future = future;
        }

        /** Waits for a signal, at most {@code timeout}; true when signalled. */
        public boolean await(Duration timeout) throws InterruptedException {
            try {
                future.get(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
                return true;
            } catch (TimeoutException e) {
                runs.remove(runId, future);
                return false;
            } catch (ExecutionException e) {
                return true;
            }
        }
    }
}
