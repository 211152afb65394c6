package dev.mainstay.store.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
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
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.TemplateEngine;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * Opens a {@link Database}: on PostgreSQL a HikariCP pool and a small pool of its own for the queue's writes; on
 * SQLite the one writer connection (WAL, {@code BEGIN IMMEDIATE}, cached statements) and a pool of readers; the
 * schema migrated by Flyway either way.
 */
final class DatabaseConnections {
    static final int SQLITE_BUSY_TIMEOUT_MILLIS = 5_000;
    static final int SQLITE_READERS = 4;
    /** PostgreSQL: connections kept apart for {@link Database#writeFirst}. */
    static final int QUEUE_CONNECTIONS = 2;

    private DatabaseConnections() {}

    /** Opens the store of {@code config}: its connections, migrated to the current schema. */
    static Database open(StoreConfig config) {
        var dialect = Dialect.of(config.url());
        try {
            return dialect == Dialect.POSTGRESQL ? openPostgres(config) : openSqlite(config);
        } catch (StoreException | IllegalArgumentException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new StoreException("cannot open the store at " + config.redactedUrl() + ": " + Database.rootMessage(e),
                    Database.sqlCause(e).map(Throwable.class::cast).orElse(e));
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
        var flyway = Flyway.configure(DatabaseConnections.class.getClassLoader())
                .dataSource(source)
                .locations("classpath:db/migration")
                .failOnMissingLocations(true)
                .load();
        flyway.migrate();
        return flyway.info().applied().length;
    }
}
