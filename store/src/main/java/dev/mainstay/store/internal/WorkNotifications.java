package dev.mainstay.store.internal;

import dev.mainstay.store.RunQueue;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wakes idle workers when a run may have become claimable. In this process: a generation counter that every signal
 * raises, and waiters that remember the generation they last saw, so a signal arriving while a worker was busy
 * claiming wakes its next wait at once. Across PostgreSQL nodes: {@code NOTIFY mainstay_runs} (per schema, see
 * {@link #channel}), sent after the commit
 * on a platform thread of its own, coalesced: many signals while one NOTIFY is pending send one, and NOTIFYs go out
 * at most every {@link #NOTIFY_SPACING} — under load every accept and finish signals, and each NOTIFY is a round
 * trip that takes PostgreSQL's global notification lock, for other nodes that at worst poll anyway. And a
 * {@code LISTEN} connection opened on the first waiter, read by a daemon platform thread that reconnects after a
 * failure. While it is down, waiters simply time out: the wait is also the poll.
 */
final class WorkNotifications implements AutoCloseable {
    /** The channel in the {@code public} schema; a store in another schema uses {@code mainstay_runs_<schema>}. */
    static final String CHANNEL = "mainstay_runs";
    private static final Logger log = LoggerFactory.getLogger(WorkNotifications.class);
    private static final int LISTEN_POLL_MILLIS = 500;
    /** The least time between two NOTIFYs of this node: other nodes learn of new work at most this much later. */
    static final Duration NOTIFY_SPACING = Duration.ofMillis(10);

    private final Database db;
    private final String channel;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private long generation;
    private final AtomicBoolean notifyPending = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final ScheduledExecutorService notifier;
    private volatile long lastNotifyNanos = System.nanoTime() - NOTIFY_SPACING.toNanos();
    private Thread listener;

    WorkNotifications(Database db) {
        this.db = db;
        this.notifier = db.dialect() == Dialect.POSTGRESQL
                ? Executors.newSingleThreadScheduledExecutor(daemon("mainstay-store-notify"))
                : null;
        this.channel = notifier == null ? CHANNEL : channel(db.read("read the current schema",
                h -> h.createQuery("SELECT current_schema()").mapTo(String.class).findOne().orElse("public")));
    }

    /**
     * The channel of the store's schema: deployments in separate schemas of one database (and test runs) do not wake
     * each other. NOTIFY channels are database-wide identifiers of at most 63 bytes.
     */
    static String channel(String schema) {
        if (schema == null || schema.equals("public")) {
            return CHANNEL;
        }
        var name = CHANNEL + "_" + schema.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        return name.length() > 63 ? name.substring(0, 63) : name;
    }

    /** Signals this process's waiters and, on PostgreSQL, every node's. Never blocks on the database. */
    void signal() {
        signalLocal();
        if (notifier != null && !closed.get() && notifyPending.compareAndSet(false, true)) {
            long wait = lastNotifyNanos + NOTIFY_SPACING.toNanos() - System.nanoTime();
            try {
                notifier.schedule(this::sendNotify, Math.max(0, wait), TimeUnit.NANOSECONDS);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                notifyPending.set(false);
            }
        }
    }

    private void sendNotify() {
        notifyPending.set(false);
        lastNotifyNanos = System.nanoTime();
        try {
            db.execute("notify other nodes of work", "NOTIFY " + channel);
        } catch (RuntimeException e) {
            log.debug("NOTIFY {} failed; other nodes will find the work when they poll", channel, e);
        }
    }

    private void signalLocal() {
        lock.lock();
        try {
            generation++;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    RunQueue.WorkSignal waiter() {
        if (notifier != null) {
            startListener();
        }
        lock.lock();
        try {
            var waiter = new Waiter(generation);
            return waiter;
        } finally {
            lock.unlock();
        }
    }

    private final class Waiter implements RunQueue.WorkSignal {
        private long seen;

        Waiter(long seen) {
            this.seen = seen;
        }

        @Override
        public boolean await(Duration max) throws InterruptedException {
            long remaining = Math.max(0, max.toNanos());
            lock.lockInterruptibly();
            try {
                while (generation == seen && remaining > 0 && !closed.get()) {
                    remaining = changed.awaitNanos(remaining);
                }
                boolean signalled = generation != seen;
                seen = generation;
                return signalled;
            } finally {
                lock.unlock();
            }
        }
    }

    private synchronized void startListener() {
        if (listener != null || closed.get()) {
            return;
        }
        listener = daemon("mainstay-store-listen").newThread(this::listen);
        listener.start();
    }

    private void listen() {
        long backoffMillis = 100;
        while (!closed.get()) {
            try (var connection = connect()) {
                try (var statement = connection.createStatement()) {
                    statement.execute("LISTEN " + channel);
                }
                backoffMillis = 100;
                // a run may have been enqueued while nobody listened
                signalLocal();
                var pg = connection.unwrap(PGConnection.class);
                while (!closed.get()) {
                    var notifications = pg.getNotifications(LISTEN_POLL_MILLIS);
                    if (notifications != null && notifications.length > 0) {
                        signalLocal();
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (closed.get()) {
                    return;
                }
                log.warn("listening for work on {} failed ({}); workers poll until it is back", channel,
                        e.getMessage());
                try {
                    Thread.sleep(backoffMillis);
                } catch (InterruptedException interrupted) {
                    return;
                }
                backoffMillis = Math.min(5_000, backoffMillis * 2);
            }
        }
    }

    private Connection connect() throws SQLException {
        var config = db.config();
        var properties = new Properties();
        config.user().ifPresent(u -> properties.setProperty("user", u));
        config.password().ifPresent(p -> properties.setProperty("password", p));
        properties.setProperty("connectTimeout", String.valueOf(Math.max(1, config.connectTimeout().toSeconds())));
        properties.setProperty("ApplicationName", "mainstay-listen");
        return DriverManager.getConnection(config.url(), properties);
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> Thread.ofPlatform().name(name).daemon(true).unstarted(runnable);
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        signalLocal();
        if (notifier != null) {
            notifier.shutdown();
            try {
                notifier.awaitTermination(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Thread running;
        synchronized (this) {
            running = listener;
        }
        if (running != null) {
            try {
                running.join(LISTEN_POLL_MILLIS * 4L);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
