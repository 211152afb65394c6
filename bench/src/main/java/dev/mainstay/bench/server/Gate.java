package dev.mainstay.bench.server;

import dev.mainstay.journal.Journal;
import dev.mainstay.journal.JournalException;
import dev.mainstay.store.StoreException;
import dev.mainstay.tools.notes.NoteStore;
import dev.mainstay.tools.notes.NoteStoreException;
import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The switch between one in-process node and the database it shares: {@link State#OPEN} lets calls through,
 * {@link State#PAUSED} holds them until resumed (as a SIGSTOPped process holds its next round trip),
 * {@link State#DEAD} refuses them for good (as the database is unreachable from a killed process — here the process
 * lives on, so its threads are refused rather than gone). Thread-safe; calls through a {@link GatedView} consult it.
 */
final class Gate {
    /** The longest a call is held at a paused gate before it fails; the suite pauses for 8 s, so this bounds a bug. */
    static final Duration MAX_HOLD = Duration.ofMinutes(3);
    /** The message of every call a dead gate refuses. */
    static final String KILLED = "node killed";

    enum State { OPEN, PAUSED, DEAD }

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Duration maxHold;
    private volatile State state = State.OPEN; // written under the lock; read without it on the open path
    private int held;

    Gate() {
        this(MAX_HOLD);
    }

    Gate(Duration maxHold) {
        this.maxHold = maxHold;
    }

    State state() {
        return state;
    }

    /** Holds every call from now on, until {@link #resume}. A dead gate stays dead. */
    void pause() {
        set(State.PAUSED);
    }

    /** Lets calls through again, the held ones first. A dead gate stays dead. */
    void resume() {
        set(State.OPEN);
    }

    /** Refuses every call from now on, the held ones too. For good. */
    void kill() {
        set(State.DEAD);
    }

    private void set(State next) {
        lock.lock();
        try {
            if (state != State.DEAD) {
                state = next;
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Returns when a call to {@code part} may go through: at once when open, when resumed when paused.
     *
     * @throws RuntimeException what {@code part} throws when its database is unreachable ({@link #refusal}): when the
     *     gate is dead or dies while the call waits, when the call waited longer than the bound, or when the waiting
     *     thread is interrupted (its interrupt status is kept)
     */
    void pass(Class<?> part) {
        if (state == State.OPEN) {
            return;
        }
        lock.lock();
        try {
            long left = maxHold.toNanos();
            if (state == State.PAUSED) {
                held++;
                changed.signalAll();
                try {
                    while (state == State.PAUSED) {
                        if (left <= 0) {
                            throw refusal(part, "held at a paused gate for more than " + maxHold);
                        }
                        left = changed.awaitNanos(left);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw refusal(part, "interrupted at a paused gate");
                } finally {
                    held--;
                }
            }
            if (state == State.DEAD) {
                throw refusal(part, KILLED);
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * What {@code part} of the store throws when its database fails, as the real store would: the journal a
     * {@link JournalException}, the notes a {@link NoteStoreException}, everything else a {@link StoreException}.
     * The worker and the API tell infrastructure from bugs by these types.
     */
    static RuntimeException refusal(Class<?> part, String message) {
        if (Journal.class.isAssignableFrom(part)) {
            return new JournalException(message, null);
        }
        if (NoteStore.class.isAssignableFrom(part)) {
            return new NoteStoreException(message);
        }
        return new StoreException(message);
    }

    /** Waits at most {@code max} until at least {@code calls} calls are held at this gate; whether they are. */
    boolean awaitHeld(int calls, Duration max) throws InterruptedException {
        lock.lock();
        try {
            long left = max.toNanos();
            while (held < calls) {
                if (left <= 0) {
                    return false;
                }
                left = changed.awaitNanos(left);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        return "Gate[" + state() + "]";
    }
}
