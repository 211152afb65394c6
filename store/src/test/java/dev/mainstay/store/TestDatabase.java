package dev.mainstay.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * A database of its own for a test: a SQLite file in a fresh directory, or a fresh schema in the PostgreSQL on this
 * machine (created here and dropped on close, so concurrent runs never collide). PostgreSQL is required: when it
 * is down the test fails and says how to start it.
 */
final class TestDatabase implements AutoCloseable {
    /** The machine's PostgreSQL; {@code MAINSTAY_TEST_PG_URL} overrides it. */
    static final String POSTGRES_URL = System.getenv().getOrDefault("MAINSTAY_TEST_PG_URL",
            "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");

    /** Every table of the schema, children first. */
    static final List<String> TABLES = List.of("cost_entries", "budget_holds", "budget_reservations", "budget_counters",
            "budget_limits", "note_writes", "notes", "rate_buckets", "idempotency_keys", "events",
            "journal", "conversation_messages", "runs", "conversations", "api_keys", "tenants");

    final Backend backend;
    private final String url;
    private final Path directory;
    private final String schema;

    private TestDatabase(Backend backend, String url, Path directory, String schema) {
        this.backend = backend;
        this.url = url;
        this.directory = directory;
        this.schema = schema;
    }

    static TestDatabase create(Backend backend) {
        try {
            if (backend == Backend.SQLITE) {
                var directory = Files.createTempDirectory("mainstay-store-test");
                return new TestDatabase(backend, "jdbc:sqlite:" + directory.resolve("nested/mainstay.db"), directory,
                        null);
            }
            var schema = "store_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12)
                    .toLowerCase(Locale.ROOT);
            try (var connection = postgres()) {
                connection.createStatement().execute("CREATE SCHEMA " + schema);
            }
            return new TestDatabase(backend, POSTGRES_URL + "&currentSchema=" + schema, null, schema);
        } catch (IOException | SQLException e) {
            throw new IllegalStateException("cannot create a test database", e);
        }
    }

    static Connection postgres() {
        try {
            return DriverManager.getConnection(POSTGRES_URL);
        } catch (SQLException e) {
            throw new AssertionError("""
                    The store tests need the PostgreSQL on this machine (%s), and it is not answering: %s
                    Start it with: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start"""
                    .formatted(POSTGRES_URL, e.getMessage()), e);
        }
    }

    StoreConfig config() {
        return StoreConfig.of(url);
    }

    String url() {
        return url;
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(url);
    }

    /** Empties every table (the migrations stay applied). */
    void truncate() {
        try (var connection = connect(); var statement = connection.createStatement()) {
            if (backend == Backend.POSTGRESQL) {
                statement.execute("TRUNCATE " + String.join(", ", TABLES));
            } else {
                for (var table : TABLES) {
                    statement.execute("DELETE FROM " + table);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot empty the test database", e);
        }
    }

    long count(String sql, Object... args) {
        return Long.parseLong(strings(sql, args).getFirst());
    }

    /** The first column of every row {@code sql} returns, as text. */
    List<String> strings(String sql, Object... args) {
        try (var connection = connect(); var statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                statement.setObject(i + 1, args[i]);
            }
            var values = new ArrayList<String>();
            try (var rows = statement.executeQuery()) {
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot query the test database: " + sql, e);
        }
    }

    /** Every value of every column of {@code table}, as text, for asserting what is (not) stored. */
    List<String> everyValueOf(String table) {
        try (var connection = connect(); var rows = connection.createStatement().executeQuery("SELECT * FROM " + table)) {
            var values = new ArrayList<String>();
            int columns = rows.getMetaData().getColumnCount();
            while (rows.next()) {
                for (int c = 1; c <= columns; c++) {
                    values.add(String.valueOf(rows.getString(c)));
                }
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read " + table, e);
        }
    }

    void execute(String sql) {
        try (var connection = connect(); var statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run " + sql, e);
        }
    }

    @Override
    public void close() {
        if (schema != null) {
            try (var connection = postgres()) {
                connection.createStatement().execute("DROP SCHEMA " + schema + " CASCADE");
            } catch (SQLException e) {
                throw new IllegalStateException("cannot drop the test schema " + schema, e);
            }
        } else {
            try (var paths = Files.walk(directory)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                throw new IllegalStateException("cannot delete " + directory, e);
            }
        }
    }

    @Override
    public String toString() {
        return backend.name().toLowerCase(Locale.ROOT);
    }
}
