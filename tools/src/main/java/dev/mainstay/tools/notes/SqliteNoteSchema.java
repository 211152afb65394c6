package dev.mainstay.tools.notes;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * The notes database's schema and its migrations. {@code schema_version} holds one row; each migration takes the
 * schema from the version before it to its own, and opening a file runs the missing ones in one transaction, so a
 * file is always at a version some release wrote. Migrations are append-only: a released one never changes.
 */
final class SqliteNoteSchema {
    /** Index {@code i} migrates version {@code i} to {@code i + 1}. */
    private static final List<List<String>> MIGRATIONS = List.of(
            List.of("""
                    CREATE TABLE notes (
                      id         TEXT PRIMARY KEY,
                      tenant_id  TEXT NOT NULL,
                      user_id    TEXT NOT NULL,
                      title      TEXT NOT NULL,
                      body       TEXT NOT NULL,
                      created_at TEXT NOT NULL,
                      updated_at TEXT NOT NULL,
                      UNIQUE (tenant_id, user_id, title)
                    )"""),
            List.of("""
                    CREATE TABLE note_writes (
                      tenant_id       TEXT NOT NULL,
                      user_id         TEXT NOT NULL,
                      idempotency_key TEXT NOT NULL,
                      note_id         TEXT NOT NULL REFERENCES notes (id),
                      title           TEXT NOT NULL,
                      saved_at        TEXT NOT NULL,
                      PRIMARY KEY (tenant_id, user_id, idempotency_key)
                    )"""));

    /** The version this release writes: 2 added {@code note_writes}. */
    static final int VERSION = MIGRATIONS.size();

    private SqliteNoteSchema() {}

    /**
     * Brings the database to {@link #VERSION}, in one transaction on {@code connection} (left in auto-commit).
     *
     * @throws NoteStoreException when the database has a newer schema
     */
    static void migrate(Connection connection) throws SQLException {
        connection.setAutoCommit(false);
        try {
            execute(connection, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
            int version = currentVersion(connection);
            if (version > VERSION) {
                throw new NoteStoreException("the notes database has schema version " + version
                        + ", newer than the supported " + VERSION);
            }
            for (int from = version; from < VERSION; from++) {
                for (var statement : MIGRATIONS.get(from)) {
                    execute(connection, statement);
                }
            }
            if (version < VERSION) {
                execute(connection, "DELETE FROM schema_version");
                try (var record = connection.prepareStatement("INSERT INTO schema_version (version) VALUES (?)")) {
                    record.setInt(1, VERSION);
                    record.executeUpdate();
                }
            }
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    private static int currentVersion(Connection connection) throws SQLException {
        try (var select = connection.prepareStatement("SELECT MAX(version) FROM schema_version");
                var rows = select.executeQuery()) {
            return rows.next() ? rows.getInt(1) : 0;
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (var statement = connection.prepareStatement(sql)) {
            statement.execute();
        }
    }
}
