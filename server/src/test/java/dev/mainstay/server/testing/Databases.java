package dev.mainstay.server.testing;

import dev.mainstay.store.StoreConfig;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import java.util.UUID;

/**
 * The databases the integration tests run on: a fresh SQLite file, or a fresh schema of this machine's PostgreSQL
 * (127.0.0.1:5432, trust auth, user postgres, database test) per test class. A test that needs PostgreSQL never
 * skips: when it is down the test fails saying how to start it.
 */
public final class Databases {
    public static final String PG_URL = "jdbc:postgresql://127.0.0.1:5432/test";
    public static final String PG_USER = "postgres";

    private Databases() {}

    public enum Kind { SQLITE, POSTGRESQL }

    public static StoreConfig sqlite(Path dir) {
        return StoreConfig.of("jdbc:sqlite:" + dir.resolve("mainstay.db"));
    }

    /** A new, empty schema; drop it with {@link Schema#close()}. */
    public static Schema postgres(String testName) {
        var name = ("t_" + testName.replaceAll("[^A-Za-z0-9]", "").toLowerCase(Locale.ROOT) + "_"
                + UUID.randomUUID().toString().substring(0, 8)).replaceAll("(.{50}).*", "$1");
        execute("CREATE SCHEMA " + name);
        return new Schema(name);
    }

    /** A schema of its own on the test database. */
    public record Schema(String name) implements AutoCloseable {
        public String url() {
            return PG_URL + "?user=" + PG_USER + "&currentSchema=" + name;
        }

        public StoreConfig store() {
            return StoreConfig.of(url());
        }

        @Override
        public void close() {
            execute("DROP SCHEMA IF EXISTS " + name + " CASCADE");
        }
    }

    public static StoreConfig of(Kind kind, Path dir, String testName, java.util.List<AutoCloseable> cleanup) {
        if (kind == Kind.SQLITE) {
            return sqlite(dir);
        }
        var schema = postgres(testName);
        cleanup.add(schema);
        return schema.store();
    }

    private static void execute(String sql) {
        try (var connection = DriverManager.getConnection(PG_URL + "?user=" + PG_USER);
                var statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new AssertionError("PostgreSQL is needed at 127.0.0.1:5432 (user postgres, trust auth, database "
                    + "test) but could not be reached: " + e.getMessage() + ". Start it with `pg_ctlcluster "
                    + "--skip-systemctl-redirect 15 main start` (or run .ci/run, which starts it), and create the "
                    + "database with `createdb -h 127.0.0.1 -U postgres test` if it is missing.", e);
        }
    }
}
