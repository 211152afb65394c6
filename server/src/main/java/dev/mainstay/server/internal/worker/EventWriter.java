package dev.mainstay.server.internal.worker;

import dev.mainstay.event.RunEvent;
import dev.mainstay.journal.Fence;
import dev.mainstay.journal.FencedOutException;
import dev.mainstay.server.internal.service.RunSignals;
import dev.mainstay.store.EventLog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores one execution's events in the event log, in order, under its fence, off the run's thread: the run hands an
 * event over and goes on; a writer thread stores what has gathered as one batch (a burst of text deltas is one
 * commit) and wakes the run's local streams. A failed batch is retried as it was (the log skips sequence numbers
 * already stored), for about a lease; a refused fence stops the writer: a run given up publishes nothing more. When
 * the store keeps failing, the writer stops and says so ({@link #onFailure}): the execution is given up, so the run
 * is resumed by a later claim and its stream continues from the last event stored — truncated never, gapped never.
 * {@link #flush} waits until everything handed over is stored — a run is finished only after its events are.
 */
final class EventWriter {
    private static final Logger log = LoggerFactory.getLogger(EventWriter.class);
    static final int MAX_BATCH = 200;

    private final EventLog events;
    private final Fence fence;
    private final RunSignals signals;
    private final Duration retryFor;
    private final List<RunEvent> pending = new ArrayList<>();
    private boolean writing;
    private boolean stopped;
    private volatile Runnable onFailure = () -> {};

    EventWriter(EventLog events, Fence fence, RunSignals signals, Duration retryFor) {
        this.events = events;
        this.fence = fence;
        this.signals = signals;
        this.retryFor = retryFor;
    }

    /** Hands {@code event} over; never blocks on the store. */
    synchronized void offer(RunEvent event) {
        if (stopped) {
            return;
        }
        pending.add(event);
        if (!writing) {
            writing = true;
            Thread.ofVirtual().name("events-" + fence.runId()).start(this::drain);
        }
    }

    /** What to do when the store keeps refusing the events (not when the fence was refused). */
    void onFailure(Runnable action) {
        onFailure = action;
    }

    /** Stops publishing: what is not stored yet never will be. */
    synchronized void stop() {
        stopped = true;
        pending.clear();
        notifyAll();
    }

    /** Waits until every event handed over is stored (or the writer stopped), at most {@code max}. */
    synchronized boolean flush(Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (writing || !pending.isEmpty() && !stopped) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return !stopped;
    }

    private void drain() {
        while (true) {
            List<RunEvent> batch;
            synchronized (this) {
                if (pending.isEmpty() || stopped) {
                    writing = false;
                    notifyAll();
                    return;
                }
                int n = Math.min(MAX_BATCH, pending.size());
                batch = new ArrayList<>(pending.subList(0, n));
                pending.subList(0, n).clear();
            }
            var outcome = store(batch);
            if (outcome != Stored.OK) {
                stop();
                if (outcome == Stored.FAILED) {
                    onFailure.run();
                }
            }
            signals.runChanged(fence.runId());
        }
    }

    private enum Stored { OK, FENCED, FAILED }

    private Stored store(List<RunEvent> batch) {
        long deadline = System.nanoTime() + retryFor.toNanos();
        long backoff = 50;
        while (true) {
            try {
                events.appendAll(fence, batch);
                return Stored.OK;
            } catch (FencedOutException e) {
                return Stored.FENCED;
            } catch (RuntimeException e) {
                if (System.nanoTime() > deadline) {
                    log.warn("events of run {} could not be stored; this worker gives the run up: {}",
                            fence.runId(), e.getMessage());
                    return Stored.FAILED;
                }
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return Stored.FAILED;
                }
                backoff = Math.min(backoff * 2, 1_000);
            }
        }
    }
}
