package dev.mainstay.server.internal.service;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * In-process wake-ups on two channels: "run R has new events" ({@link #runChanged}, for event streams) and "run R's
 * execution on this node ended" ({@link #executionEnded}, for waiters on its status, who need not re-read the run
 * after every batch of events — at 0 ms model latency that was ten reads of the run row per run). The second wakes
 * the first channel's waiters too. Only a hint that saves a poll — the store is the truth, and a waiter on a run
 * executing on another node simply polls. (Workers wait on the store's own work signal.) Take a {@link Ticket}
 * before reading the store and wait on it after, so a signal between the read and the wait is not missed.
 * Thread-safe.
 */
public final class RunSignals {
    private final ConcurrentHashMap<String, CompletableFuture<Void>> runs = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, CompletableFuture<Void>> ends = new ConcurrentHashMap<>();

    /** Wakes everyone waiting on {@code runId}'s events. */
    public void runChanged(String runId) {
        wake(runs, runId);
    }

    /** Wakes everyone waiting on {@code runId}: its status may have changed (finished, cancelled, handed back). */
    public void executionEnded(String runId) {
        wake(ends, runId);
        wake(runs, runId);
    }

    /**
     * Wakes the waiters on {@code runId}'s status: its execution began on this node, so they can stop polling the
     * store and wait for {@link #executionEnded}.
     */
    public void executionStarted(String runId) {
        wake(ends, runId);
    }

    private static void wake(ConcurrentHashMap<String, CompletableFuture<Void>> waiters, String runId) {
        var future = waiters.remove(runId);
        if (future != null) {
            future.complete(null);
        }
    }

    /** A wait for new events of {@code runId} (or the end of its execution). */
    public Ticket ticket(String runId) {
        return new Ticket(runs, runId, runs.computeIfAbsent(runId, id -> new CompletableFuture<>()));
    }

    /** A wait for the end of {@code runId}'s execution on this node, or a cancellation. */
    public Ticket statusTicket(String runId) {
        return new Ticket(ends, runId, ends.computeIfAbsent(runId, id -> new CompletableFuture<>()));
    }

    /** A wait taken before reading the store. */
    public static final class Ticket {
        private final ConcurrentHashMap<String, CompletableFuture<Void>> waiters;
        private final String runId;
        private final CompletableFuture<Void> future;

        private Ticket(ConcurrentHashMap<String, CompletableFuture<Void>> waiters, String runId,
                CompletableFuture<Void> future) {
            this.waiters = waiters;
            this.runId = runId;
            this.future = future;
        }

        /** Waits for a signal, at most {@code timeout}; true when signalled. */
        public boolean await(Duration timeout) throws InterruptedException {
            try {
                future.get(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
                return true;
            } catch (TimeoutException e) {
                waiters.remove(runId, future);
                return false;
            } catch (ExecutionException e) {
                return true;
            }
        }
    }
}
