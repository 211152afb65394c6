package dev.mainstay.store.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.mainstay.store.Store;
import dev.mainstay.store.StoreConfig;
import dev.mainstay.store.StoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.ConnectionFactory;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.TemplateEngine;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The connections, the write discipline and the migrations. Writes run in {@link #write} — one transaction; on
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
    static final int SQLITE_BUSY_TIMEOUT_MILLIS = 5_000;
    static final int SQLITE_READERS = 4;
    /** PostgreSQL: connections kept apart for {@link #writeFirst}. */
    static final int QUEUE_CONNECTIONS = 2;
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

    private Database(Dialect dialect, StoreConfig config, Jdbi reads, Jdbi writes, Jdbi firstWrites,
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

    static Database open(StoreConfig config) {
        var dialect = Dialect.of(config.url());
        try {
            return dialect == Dialect.POSTGRESQL ? openPostgres(config) : openSqlite(config);
        } catch (StoreException | IllegalArgumentException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new StoreException("cannot open the store at " + config.redactedUrl() + ": " + rootMessage(e),
                    sqlCause(e).map(Throwable.class::cast).orElse(e));
        }
    }

    private static Database openPostgres(StoreConfig config) {
        var hikari = new HikariConfig();
        hikari.setPoolName("mainstay-store");
        hikari.setJdbcUrl(config.url());
        config.user().ifPresent(hikari::setUsername);
        config.password().ifPresent(hikari::setPassword);
        hikari.setMaximumPoolSize(config.poolSize());
        hikari.setMinimumIdle(Math.min(4, config.poolSize()));
        hikari.setConnectionTimeout(Math.max(250, config.connectTimeout().toMillis()));
        hikari.setInitializationFailTimeout(Math.max(1, config.connectTimeout().toMillis()));
        var pool = new HikariDataSource(hikari);
        HikariDataSource queuePool = null;
        try {
            int migrations = migrate(pool);
            // the queue's own writes (claims, lease renewals) on connections of their own: never behind runs that
            // hold every connection of the main pool; opened when first needed, so an API-only node holds none
            var queue = new HikariConfig();
            hikari.copyStateTo(queue);
            queue.setPoolName("mainstay-store-queue");
            queue.setMaximumPoolSize(QUEUE_CONNECTIONS);
            queue.setMinimumIdle(0);
            queuePool = new HikariDataSource(queue);
            var jdbi = configure(Jdbi.create(pool));
            var both = closingBoth(queuePool, pool);
            return new Database(Dialect.POSTGRESQL, config, jdbi, jdbi, configure(Jdbi.create(queuePool)),
                    Optional.empty(), both, migrations);
        } catch (RuntimeException e) {
            if (queuePool != null) {
                queuePool.close();
            }
            pool.close();
            throw e;
        }
    }

    private static AutoCloseable closingBoth(AutoCloseable first, AutoCloseable second) {
        return () -> {
            try (second) {
                first.close();
            }
        };
    }

    private static Database openSqlite(StoreConfig config) {
        var file = sqliteFile(config.url());
        try {
            if (file.toAbsolutePath().getParent() != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
        } catch (IOException e) {
            throw new StoreException("cannot create the directory of the store file " + file.toAbsolutePath(), e);
        }
        var writerConfig = sqliteConfig();
        // the writer's transactions take the write lock when they begin, so their reads see what they will change
        writerConfig.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        int migrations = migrate(dataSource(config.url(), writerConfig));
        Connection connection;
        try {
            connection = writerConfig.createConnection(config.url());
        } catch (SQLException e) {
            throw new StoreException("cannot open the store file " + file.toAbsolutePath(), e);
        }
        var hikari = new HikariConfig();
        hikari.setPoolName("mainstay-store-readers");
        hikari.setDataSource(dataSource(config.url(), sqliteConfig()));
        hikari.setMaximumPoolSize(Math.min(SQLITE_READERS, config.poolSize()));
        hikari.setMinimumIdle(1);
        hikari.setConnectionTimeout(Math.max(250, config.connectTimeout().toMillis()));
        var readers = new HikariDataSource(hikari);
        var writes = configure(Jdbi.create(new ConnectionFactory() {
            @Override
            public Connection openConnection() {
                return connection;
            }

            @Override
            public void closeConnection(Connection toClose) {
                // the one writer connection lives as long as the store
            }
        }));
        var statements = new CachedStatements();
        writes.setStatementBuilderFactory(c -> statements);
        AutoCloseable resources = () -> {
            try (readers; connection) {
                // closes both, the connection first
            }
        };
        return new Database(Dialect.SQLITE, config, configure(Jdbi.create(readers)), writes, writes,
                Optional.of(new ReentrantLock(true)), resources, migrations);
    }

    private static SQLiteConfig sqliteConfig() {
        var config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        // WAL + NORMAL: a commit survives the process being killed; only a power loss may take the last ones
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.setBusyTimeout(SQLITE_BUSY_TIMEOUT_MILLIS);
        config.enforceForeignKeys(true);
        // nothing reads generated keys; left on, sqlite-jdbc matches every INSERT against a regex and runs
        // SELECT last_insert_rowid() after it
        config.setGetGeneratedKeys(false);
        return config;
    }

    private static DataSource dataSource(String url, SQLiteConfig config) {
        var source = new SQLiteDataSource(config);
        source.setUrl(url);
        return source;
    }

    /** The file of a {@code jdbc:sqlite:} URL (without {@code file:} and query parameters). */
    static Path sqliteFile(String url) {
        var path = url.substring("jdbc:sqlite:".length());
        if (path.startsWith("file:")) {
            path = path.substring("file:".length());
        }
        int query = path.indexOf('?');
        if (query >= 0) {
            path = path.substring(0, query);
        }
        if (path.isBlank() || path.contains(":memory:") || path.contains("mode=memory")) {
            throw new IllegalArgumentException("the SQLite store needs a file (jdbc:sqlite:<file>): workers and API "
                    + "share it through several connections, which an in-memory database cannot do");
        }
        return Path.of(path);
    }

    private static Jdbi configure(Jdbi jdbi) {
        // no templating: SQL is written out in full, and '<' is just less-than
        jdbi.setTemplateEngine(TemplateEngine.NOP);
        return jdbi;
    }

    /** Applies pending migrations; returns how many the schema has. */
    private static int migrate(DataSource source) {
        var flyway = Flyway.configure(Database.class.getClassLoader())
                .dataSource(source)
                .locations("classpath:db/migration")
                .failOnMissingLocations(true)
                .load();
        flyway.migrate();
        return flyway.info().applied().length;
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

    private static String rootMessage(Throwable e) {
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
