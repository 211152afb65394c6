package dev.mainstay.store.internal;

import dev.mainstay.store.Store;
import dev.mainstay.store.StoreConfig;
import dev.mainstay.store.StoreException;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The write discipline over the connections {@link DatabaseConnections} opened. Writes run in {@link #write} — one
 * transaction; on
 * SQLite through the single writer connection behind a fair lock ({@code BEGIN IMMEDIATE}) — where
 * {@link #writeFirst} (claims, lease renewals) goes ahead of the queue of ordinary writes — on PostgreSQL on a
 * pooled connection (for {@link #writeFirst}, one of a small pool of its own), run again on a deadlock or
 * serialization failure. Reads run in {@link #read}: on SQLite on a
 * small pool of reader connections, which WAL mode lets read while the writer writes.
 *
 * <p>A write begun inside {@link #together} on the same thread joins that transaction instead of opening its own: the
 * store's parts stay one transaction each, and a caller can still commit several of them at once (a journal entry
 * with the run's events, a finish with its last events) — one commit, one fsync on PostgreSQL, one turn of SQLite's
 * write lock. What a part does after its commit (waking workers) is deferred with {@link #afterCommit} until the
 * outer transaction has committed, and dropped when it rolls back.
 *
 * <p>Failures of the database surface as {@link StoreException}, with the SQL exception as the cause (never JDBI's,
 * whose message lists the bound values: note bodies, inputs). Exceptions the work throws itself pass through.
 */
final class Database implements AutoCloseable {
    private static final int TRANSIENT_ATTEMPTS = 3;

    /** A unit of work on a handle. */
    @FunctionalInterface
    interface Work<T> {
        T run(Handle handle);
    }

    private final Dialect dialect;
    private final StoreConfig config;
    private final Jdbi reads;
    private final Jdbi writes;
    /** Where {@link #writeFirst} writes: on PostgreSQL a pool of its own, on SQLite the one writer. */
    private final Jdbi firstWrites;
    private final Optional<ReentrantLock> writer;
    /**
     * SQLite: where ordinary writes queue, in turn, before the writer lock; so at most one of them waits at the writer
     * lock itself, and a {@link #writeFirst} waits for the write under way and that one, not for the whole queue.
     */
    private final ReentrantLock admission = new ReentrantLock(true);
    private final AutoCloseable resources;
    private final int migrations;
    private final java.util.concurrent.ConcurrentHashMap<String, ReentrantLock> localTasks =
            new java.util.concurrent.ConcurrentHashMap<>();
    /** The transaction of {@link #together} open on this thread, if any. */
    private final ThreadLocal<Joined> joined = new ThreadLocal<>();

    /** An open outer transaction: its handle, and what to run once it committed. */
    private static final class Joined {
        final Handle handle;
        final java.util.List<Runnable> afterCommit = new java.util.ArrayList<>();

        Joined(Handle handle) {
            this.handle = handle;
        }
    }

    /** The parts {@link DatabaseConnections#open} opened; {@code resources} closes them. */
    Database(Dialect dialect, StoreConfig config, Jdbi reads, Jdbi writes, Jdbi firstWrites,
            Optional<ReentrantLock> writer, AutoCloseable resources, int migrations) {
        this.dialect = dialect;
        this.config = config;
        this.reads = reads;
        this.writes = writes;
        this.firstWrites = firstWrites;
        this.writer = writer;
        this.resources = resources;
        this.migrations = migrations;
    }

    Dialect dialect() {
        return dialect;
    }

    /**
     * Runs {@code work} in one write transaction and commits it; rolls back when it throws. Inside {@link #together}
     * on this thread, runs it in that transaction instead (committed, or rolled back, with it).
     */
    <T> T write(String what, Work<T> work) {
        return write(what, work, false);
    }

    /**
     * {@link #write}, for the queue's own bookkeeping — claims and lease renewals — which every run in flight waits
     * on: on SQLite it goes ahead of the ordinary writes waiting for the writer, so a node busy journaling hundreds
     * of runs still claims new ones and renews its leases within a write or two, not behind the whole queue (a
     * renewal stuck there for longer than the lease would lose every lease of the node).
     */
    <T> T writeFirst(String what, Work<T> work) {
        return write(what, work, true);
    }

    private <T> T write(String what, Work<T> work, boolean first) {
        var outer = joined.get();
        if (outer != null) {
            return translate(what, () -> work.run(outer.handle));
        }
        if (writer.isPresent()) {
            var lock = writer.get();
            // a write nested in one that holds the writer already takes no turn (and cannot invert the two locks)
            boolean takeTurn = !first && !lock.isHeldByCurrentThread();
            if (takeTurn) {
                admission.lock();
            }
            try {
                lock.lock();
                try {
                    return translate(what, () -> writes.inTransaction(work::run));
                } finally {
                    lock.unlock();
                }
            } finally {
                if (takeTurn) {
                    admission.unlock();
                }
            }
        }
        var jdbi = first ? firstWrites : writes;
        for (int attempt = 1; ; attempt++) {
            try {
                // READ COMMITTED, PostgreSQL's default: setting it per transaction would cost two round trips
                return translate(what, () -> jdbi.inTransaction(work::run));
            } catch (StoreException e) {
                var sql = sqlCause(e);
                if (attempt >= TRANSIENT_ATTEMPTS || sql.isEmpty() || !dialect.isTransient(sql.get())) {
                    throw e;
                }
            }
        }
    }

    /**
     * Runs {@code work} — calls of the store's parts — in one write transaction: every {@link #write} it makes on
     * this thread joins it. Commits when {@code work} returns, rolls everything back when it throws; then runs what
     * the parts deferred with {@link #afterCommit}, only after a commit. On PostgreSQL a deadlock or serialization
     * failure runs {@code work} again, like any write. Nested calls join the outermost.
     */
    <T> T together(String what, java.util.function.Supplier<T> work) {
        if (joined.get() != null) {
            return work.get();
        }
        var deferred = new java.util.ArrayList<Runnable>();
        T result = write(what, h -> {
            var transaction = new Joined(h);
            joined.set(transaction);
            try {
                var value = work.get();
                deferred.clear();
                deferred.addAll(transaction.afterCommit);
                return value;
            } finally {
                joined.remove();
            }
        });
        deferred.forEach(Runnable::run);
        return result;
    }

    /** Runs {@code action} now, or — inside {@link #together} — once its transaction has committed. */
    void afterCommit(Runnable action) {
        var outer = joined.get();
        if (outer == null) {
            action.run();
        } else {
            outer.afterCommit.add(action);
        }
    }

    /** Runs {@code work} on a reader connection, in auto-commit. */
    <T> T read(String what, Work<T> work) {
        return translate(what, () -> reads.withHandle(work::run));
    }

    /** See {@link Store#exclusively}. */
    boolean exclusively(String task, Runnable work) {
        if (dialect != Dialect.POSTGRESQL) {
            var lock = localTasks.computeIfAbsent(task, t -> new ReentrantLock());
            if (!lock.tryLock()) {
                return false;
            }
            try {
                work.run();
                return true;
            } finally {
                lock.unlock();
            }
        }
        return translate("take the lock of " + task, () -> writes.withHandle(h -> {
            boolean mine = h.createQuery("SELECT pg_try_advisory_lock(hashtext(:task))").bind("task", task)
                    .mapTo(Boolean.class).one();
            if (!mine) {
                return false;
            }
            try {
                work.run();
                return true;
            } finally {
                h.createQuery("SELECT pg_advisory_unlock(hashtext(:task))").bind("task", task)
                        .mapTo(Boolean.class).one();
            }
        }));
    }

    /** Runs {@code statement} outside any transaction (PostgreSQL's NOTIFY). */
    void execute(String what, String statement) {
        translate(what, () -> writes.withHandle(h -> h.execute(statement)));
    }

    Store.Health health() {
        try {
            int applied = read("check its migrations", h -> h.createQuery(
                    "SELECT COUNT(*) FROM flyway_schema_history WHERE success = TRUE AND version IS NOT NULL")
                    .mapTo(Integer.class).one());
            return applied >= migrations
                    ? new Store.Health(true, true, dialect.displayName() + ", " + applied + " migrations applied")
                    : new Store.Health(true, false, applied + " of " + migrations + " migrations applied");
        } catch (StoreException e) {
            var message = e.getMessage();
            boolean reachable = sqlCause(e).map(s -> s.getSQLState() != null && s.getSQLState().startsWith("42"))
                    .orElse(false);
            return new Store.Health(reachable, false, message);
        }
    }

    StoreConfig config() {
        return config;
    }

    /** JDBI wraps every SQL failure (and failing to get a connection) in a {@code JdbiException}; nothing else is ours. */
    private <T> T translate(String what, java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (org.jdbi.v3.core.JdbiException e) {
            var sql = sqlCause(e);
            throw new StoreException("the store could not " + what + describe(sql),
                    sql.map(Throwable.class::cast).orElse(e.getCause() != null ? e.getCause() : e));
        }
    }

    private static String describe(Optional<SQLException> sql) {
        return sql.map(s -> s.getSQLState() != null ? " (SQL state " + s.getSQLState() + ")" : " (" + firstLine(s)
                + ")").orElse("");
    }

    private static String firstLine(SQLException e) {
        var message = String.valueOf(e.getMessage());
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    /** The SQL exception at the root of {@code e}, if there is one. */
    static Optional<SQLException> sqlCause(Throwable e) {
        for (var t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                return Optional.of(sql);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return Optional.empty();
    }

    static String rootMessage(Throwable e) {
        var root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return firstLine(new SQLException(root.getMessage()));
    }

    @Override
    public void close() {
        try {
            resources.close();
        } catch (Exception e) {
            throw new StoreException("cannot close the store", e);
        }
    }
}
