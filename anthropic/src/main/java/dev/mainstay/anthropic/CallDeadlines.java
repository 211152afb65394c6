package dev.mainstay.anthropic;

import java.util.Comparator;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * Ends HTTP exchanges that outlive their deadline, with one thread that ticks instead of one wake-up per exchange.
 *
 * <p>OkHttp enforces its timeouts with Okio's watchdog: every exchange, and every socket read and write, enters and
 * leaves a queue that a watchdog thread waits on, and the watchdog is woken whenever the head changes — several
 * thread wake-ups per model call, which cost more CPU than Mainstay's whole loop (docs/benchmarks/overhead.md).
 * Here an exchange is registered once with its deadline and unregistered when it ends; a single daemon thread wakes
 * every {@value #TICK_MILLIS} ms while exchanges are in flight, and expires those past their deadline. A deadline
 * therefore fires up to one tick late. After {@value #LINGER_MILLIS} ms with nothing registered the thread parks
 * until the next registration, so an idle client costs nothing.
 *
 * <p>Thread-safe. {@link #close()} stops the thread; exchanges still registered are not expired.
 */
final class CallDeadlines implements AutoCloseable {
    static final long TICK_MILLIS = 10;
    static final long LINGER_MILLIS = 1_000;

    /** A registration that never expires and unregisters nothing. */
    static final Registration NONE = new Registration() {
        @Override
        public boolean expired() {
            return false;
        }

        @Override
        public void close() {}
    };

    private static final Comparator<Entry> BY_DEADLINE =
            Comparator.comparingLong(Entry::deadlineNanos).thenComparingLong(Entry::sequence);

    private final ConcurrentSkipListSet<Entry> entries = new ConcurrentSkipListSet<>(BY_DEADLINE);
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicBoolean sleeping = new AtomicBoolean();
    private final AtomicBoolean started = new AtomicBoolean();
    private final LongSupplier nanoTime;
    private final String threadName;
    private volatile Thread ticker;
    private volatile boolean closed;

    /**
     * @param nanoTime the clock deadlines are read on, {@code System::nanoTime} in production
     * @param threadName the name of the ticking thread, started on the first registration
     */
    CallDeadlines(LongSupplier nanoTime, String threadName) {
        this.nanoTime = nanoTime;
        this.threadName = threadName;
    }

    /**
     * Runs {@code onExpiry} once the exchange is still registered {@code timeoutNanos} from now (up to a tick later).
     * The caller closes the returned registration when the exchange ends.
     */
    Registration register(long timeoutNanos, Runnable onExpiry) {
        return registerAt(nanoTime.getAsLong() + timeoutNanos, onExpiry);
    }

    /** Runs {@code onExpiry} once the exchange is still registered at {@code deadlineNanos} (up to a tick later). */
    Registration registerAt(long deadlineNanos, Runnable onExpiry) {
        var entry = new Entry(deadlineNanos, sequence.incrementAndGet(), onExpiry, entries);
        entries.add(entry);
        wakeTicker();
        return entry;
    }

    /** Expires every registration whose deadline is at or before {@code nowNanos}; what the ticking thread does. */
    void expireDue(long nowNanos) {
        for (var entry : entries) { // in deadline order
            if (entry.deadlineNanos - nowNanos > 0) {
                return;
            }
            if (entries.remove(entry)) {
                entry.expire();
            }
        }
    }

    /** How many exchanges are registered. */
    int registered() {
        return entries.size();
    }

    /** Whether the ticking thread is parked until the next registration. */
    boolean idle() {
        return sleeping.get();
    }

    @Override
    public void close() {
        closed = true;
        var thread = ticker;
        if (thread != null) {
            LockSupport.unpark(thread);
        }
    }

    private void wakeTicker() {
        if (!started.get() && started.compareAndSet(false, true)) {
            var thread = Thread.ofPlatform().daemon().name(threadName).unstarted(this::tick);
            ticker = thread;
            thread.start();
            return;
        }
        if (sleeping.get() && sleeping.compareAndSet(true, false)) {
            LockSupport.unpark(ticker);
        }
    }

    private void tick() {
        long tick = TimeUnit.MILLISECONDS.toNanos(TICK_MILLIS);
        long linger = TimeUnit.MILLISECONDS.toNanos(LINGER_MILLIS);
        long lastBusy = nanoTime.getAsLong();
        while (!closed) {
            long now = nanoTime.getAsLong();
            expireDue(now);
            if (!entries.isEmpty()) {
                lastBusy = now;
            } else if (now - lastBusy >= linger) {
                sleeping.set(true);
                if (entries.isEmpty() && !closed) {
                    LockSupport.park(this); // a registration unparks
                }
                sleeping.set(false);
                lastBusy = nanoTime.getAsLong();
                continue;
            }
            LockSupport.parkNanos(this, tick);
        }
    }

    /** One exchange's deadline; closing it unregisters the exchange. */
    interface Registration extends AutoCloseable {
        /** Whether the deadline passed while the exchange was registered, and its expiry action ran. */
        boolean expired();

        @Override
        void close();
    }

    private static final class Entry implements Registration {
        private final long deadlineNanos;
        private final long sequence;
        private final Runnable onExpiry;
        private final ConcurrentSkipListSet<Entry> owner;
        private volatile boolean expired;

        Entry(long deadlineNanos, long sequence, Runnable onExpiry, ConcurrentSkipListSet<Entry> owner) {
            this.deadlineNanos = deadlineNanos;
            this.sequence = sequence;
            this.onExpiry = onExpiry;
            this.owner = owner;
        }

        long deadlineNanos() {
            return deadlineNanos;
        }

        long sequence() {
            return sequence;
        }

        void expire() {
            expired = true;
            onExpiry.run();
        }

        @Override
        public boolean expired() {
            return expired;
        }

        @Override
        public void close() {
            owner.remove(this);
        }
    }
}
