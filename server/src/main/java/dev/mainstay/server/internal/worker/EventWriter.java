package dev.mainstay.server.internal.worker;

import dev.mainstay.event.RunEvent;
import dev.mainstay.journal.Fence;
import dev.mainstay.journal.FencedOutException;
import dev.mainstay.server.internal.service.RunSignals;
import dev.mainstay.store.EventLog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores one execution's events in the event log, in order, under its fence, off the run's thread: the run hands an
 * event over and goes on. Events reach the store one of two ways, whichever comes first:
 *
 * <ul>
 *   <li>with the run's next write ({@link #storeWith}): the journal append or the finish that follows carries every
 *       event handed over before it, in its own transaction — at a fast model most events cost no commit of their
 *       own;
 *   <li>by the writer thread, which waits up to {@link #LINGER} for such a write, then stores what has gathered as
 *       one batch (a burst of text deltas is one commit). A stream follower sees an event at most that much later
 *       than it could have — while a model call streams, for instance.
 * </ul>
 *
 * Both take the events under one lock, in the order they were handed over, and hold it until they are stored, so a
 * later event is never stored before an earlier one. Each stored batch wakes the run's local streams.
 *
 * <p>A batch the writer failed to store is retried as it was (the log skips sequence numbers already stored), for
 * about a lease; events a failed {@link #storeWith} took go back to the head of the queue. A refused fence stops the
 * writer: a run given up publishes nothing more. When the store keeps failing, the writer stops and says so
 * ({@link #onFailure}): the execution is given up, so the run is resumed by a later claim and its stream continues
 * from the last event stored — truncated never, gapped never. {@link #flush} waits until everything handed over is
 * stored.
 */
final class EventWriter {
    private static final Logger log = LoggerFactory.getLogger(EventWriter.class);
    static final int MAX_BATCH = 200;
    /** How long the writer thread waits for the run's next write to carry the events before it stores them itself. */
    static final Duration LINGER = Duration.ofMillis(20);

    private final EventLog events;
    private final Fence fence;
    private final RunSignals signals;
    private final Duration retryFor;
    private final long lingerNanos;
    /** Held by whoever takes the oldest pending events, until they are stored: events are stored in order. */
    private final ReentrantLock storing = new ReentrantLock();
    private final List<RunEvent> pending = new ArrayList<>();
    private boolean writing;
    private boolean carrying;
    private boolean urgent;
    private boolean stopped;
    private boolean sealed;
    /** The sequence number of the last event handed over; 0 before the first. */
    private long lastSeq;
    /** Whether a {@code RunFinished} was handed over. */
    private boolean toldTheEnd;
    private volatile Runnable onFailure = () -> {};

    EventWriter(EventLog events, Fence fence, RunSignals signals, Duration retryFor) {
        this(events, fence, signals, retryFor, LINGER);
    }

    EventWriter(EventLog events, Fence fence, RunSignals signals, Duration retryFor, Duration linger) {
        this.events = events;
        this.fence = fence;
        this.signals = signals;
        this.retryFor = retryFor;
        this.lingerNanos = linger.toNanos();
    }

    /** Hands {@code event} over; never blocks on the store. */
    synchronized void offer(RunEvent event) {
        if (stopped || sealed) {
            return;
        }
        if (event instanceof dev.mainstay.event.RunFinished) {
            toldTheEnd = true;
        }
        lastSeq = Math.max(lastSeq, event.meta().seq());
        pending.add(event);
        startWriter();
        if (pending.size() >= MAX_BATCH) {
            notifyAll(); // a full batch does not linger
        }
    }

    private void startWriter() {
        if (!writing) {
            writing = true;
            Thread.ofVirtual().name("events-" + fence.runId()).start(this::drain);
        }
    }

    /**
     * Runs {@code write} with every event handed over and not yet stored — none when the writer stopped — which
     * {@code write} must store in its own transaction (see {@link dev.mainstay.store.Store#inOneTransaction}).
     * Waits for a batch the writer is storing first. When {@code write} throws, its events are given back to the
     * writer (or, on a refused fence, the writer stops); the exception is rethrown.
     */
    <T> T storeWith(Function<List<RunEvent>, T> write) {
        storing.lock();
        try {
            List<RunEvent> taken;
            synchronized (this) {
                taken = stopped ? List.of() : List.copyOf(pending);
                pending.clear();
                carrying = true;
            }
            T result;
            try {
                result = write.apply(taken);
            } catch (FencedOutException e) {
                stop();
                throw e;
            } catch (RuntimeException e) {
                synchronized (this) {
                    if (!stopped && !taken.isEmpty()) {
                        pending.addAll(0, taken);
                        startWriter();
                    }
                }
                throw e;
            }
            if (!taken.isEmpty()) {
                signals.runChanged(fence.runId());
            }
            return result;
        } finally {
            synchronized (this) {
                carrying = false;
                notifyAll();
            }
            storing.unlock();
        }
    }

    /** What to do when the store keeps refusing the events (not when the fence was refused). */
    void onFailure(Runnable action) {
        onFailure = action;
    }

    /**
     * Takes no more events, but still stores those handed over (a {@link #storeWith} takes them): for a worker that
     * ends the run itself, with an event of its own numbered after every event of the run.
     *
     * @return the sequence number of the last event handed over, 0 when there was none
     */
    synchronized long seal() {
        sealed = true;
        return lastSeq;
    }

    /** Stops publishing: what is not stored yet never will be. */
    synchronized void stop() {
        stopped = true;
        pending.clear();
        notifyAll();
    }

    /**
     * Waits until every event handed over is stored (or the writer stopped), at most {@code max}. From now on the
     * writer no longer lingers.
     */
    synchronized boolean flush(Duration max) throws InterruptedException {
        urgent = true;
        notifyAll();
        long deadline = System.nanoTime() + max.toNanos();
        while (writing || carrying || !pending.isEmpty() && !stopped) {
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
            if (!lingered()) {
                return;
            }
            storing.lock();
            try {
                List<RunEvent> batch;
                synchronized (this) {
                    if (pending.isEmpty() || stopped) {
                        continue; // a write carried them meanwhile; lingered() ends the writer
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
            } finally {
                storing.unlock();
            }
        }
    }

    /**
     * Waits until the pending events have lingered (or a batch is full, or a flush asks); false — and the writer
     * ends — when there is nothing left to store.
     */
    private synchronized boolean lingered() {
        long until = System.nanoTime() + lingerNanos;
        while (!pending.isEmpty() && !stopped && !urgent && pending.size() < MAX_BATCH) {
            long left = until - System.nanoTime();
            if (left <= 0) {
                break;
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (pending.isEmpty() || stopped) {
            writing = false;
            notifyAll();
            return false;
        }
        return true;
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

    /** Whether this execution handed over its run's {@code RunFinished}. */
    synchronized boolean toldTheEnd() {
        return toldTheEnd;
    }

    /** The sequence number of the last event handed over; 0 before the first. */
    synchronized long lastHandedSeq() {
        return lastSeq;
    }
}
