package dev.mainstay.tools.notes;

import dev.mainstay.time.IdGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.sqlite.SQLiteConfig;

/**
 * A {@link NoteStore} in one SQLite file (WAL mode, {@code busy_timeout} set, prepared statements only). The schema
 * is created on open and versioned in {@code schema_version}; a file written by a newer version is refused.
 *
 * <p>One connection serves all callers, one statement at a time behind a lock: SQLite writes are serial anyway and
 * note operations take microseconds. Timestamps are stored as fixed-width UTC text with nanoseconds, so they sort
 * as text and read back exactly. Call {@link #close()} when done.
 */
public final class SqliteNoteStore implements NoteStore, AutoCloseable {
    public static final int SCHEMA_VERSION = 1;
    public static final int BUSY_TIMEOUT_MILLIS = 5_000;

    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);

    private final Connection connection;
    private final InstantSource clock;
    private final IdGenerator ids;
    private final ReentrantLock lock = new ReentrantLock();

    private SqliteNoteStore(Connection connection, InstantSource clock, IdGenerator ids) {
        this.connection = connection;
        this.clock = clock;
        this.ids = ids;
    }

    /**
     * Opens (creating if needed, with its parent directories) the notes database at {@code file}.
     *
     * @throws NoteStoreException when the file cannot be created or opened, or holds a newer schema
     */
    public static SqliteNoteStore open(Path file, InstantSource clock, IdGenerator ids) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(ids, "ids");
        var absolute = file.toAbsolutePath();
        try {
            if (absolute.getParent() != null) {
                Files.createDirectories(absolute.getParent());
            }
        } catch (IOException e) {
            throw new NoteStoreException("cannot create the directory for the notes database " + absolute, e);
        }
        var config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        Connection connection = null;
        try {
            connection = config.createConnection("jdbc:sqlite:" + absolute);
            migrate(connection);
            return new SqliteNoteStore(connection, clock, ids);
        } catch (SQLException | RuntimeException e) {
            closeQuietly(connection);
            if (e instanceof NoteStoreException known) {
                throw known;
            }
            throw new NoteStoreException("cannot open the notes database " + absolute, e);
        }
    }

    private static void migrate(Connection connection) throws SQLException {
        connection.setAutoCommit(false);
        try {
            try (var create = connection.prepareStatement(
                    "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")) {
                create.execute();
            }
            int version = 0;
            try (var select = connection.prepareStatement("SELECT MAX(version) FROM schema_version");
                    var rows = select.executeQuery()) {
                if (rows.next()) {
                    version = rows.getInt(1);
                }
            }
            if (version > SCHEMA_VERSION) {
                throw new NoteStoreException("the notes database has schema version " + version
                        + ", newer than the supported " + SCHEMA_VERSION);
            }
            if (version < 1) {
                try (var notes = connection.prepareStatement("""
                        CREATE TABLE notes (
                          id         TEXT PRIMARY KEY,
                          tenant_id  TEXT NOT NULL,
                          user_id    TEXT NOT NULL,
                          title      TEXT NOT NULL,
                          body       TEXT NOT NULL,
                          created_at TEXT NOT NULL,
                          updated_at TEXT NOT NULL,
                          UNIQUE (tenant_id, user_id, title)
                        )""")) {
                    notes.execute();
                }
                try (var record = connection.prepareStatement("INSERT INTO schema_version (version) VALUES (?)")) {
                    record.setInt(1, 1);
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

    @Override
    public Note save(String tenantId, String userId, String title, String body) {
        NoteLimits.check(tenantId, userId, title, body);
        lock.lock();
        try {
            connection.setAutoCommit(false);
            try {
                var now = TIMESTAMP.format(clock.instant());
                try (var upsert = connection.prepareStatement("""
                        INSERT INTO notes (id, tenant_id, user_id, title, body, created_at, updated_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (tenant_id, user_id, title)
                        DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at""")) {
                    upsert.setString(1, ids.next("note"));
                    upsert.setString(2, tenantId);
                    upsert.setString(3, userId);
                    upsert.setString(4, title);
                    upsert.setString(5, body);
                    upsert.setString(6, now);
                    upsert.setString(7, now);
                    upsert.executeUpdate();
                }
                var saved = select(tenantId, userId, title)
                        .orElseThrow(() -> new NoteStoreException("a saved note could not be read back"));
                connection.commit();
                return saved;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new NoteStoreException("cannot save a note", e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<NoteSummary> list(String tenantId, String userId) {
        NoteLimits.checkScope(tenantId, userId);
        lock.lock();
        try (var query = connection.prepareStatement("""
                SELECT id, title, updated_at FROM notes WHERE tenant_id = ? AND user_id = ?
                ORDER BY updated_at DESC, title ASC""")) {
            query.setString(1, tenantId);
            query.setString(2, userId);
            var summaries = new ArrayList<NoteSummary>();
            try (var rows = query.executeQuery()) {
                while (rows.next()) {
                    summaries.add(new NoteSummary(rows.getString(1), rows.getString(2), instant(rows.getString(3))));
                }
            }
            return List.copyOf(summaries);
        } catch (SQLException e) {
            throw new NoteStoreException("cannot list notes", e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Optional<Note> read(String tenantId, String userId, String title) {
        NoteLimits.checkScope(tenantId, userId);
        Objects.requireNonNull(title, "title");
        lock.lock();
        try {
            return select(tenantId, userId, title);
        } catch (SQLException e) {
            throw new NoteStoreException("cannot read a note", e);
        } finally {
            lock.unlock();
        }
    }

    private Optional<Note> select(String tenantId, String userId, String title) throws SQLException {
        try (var query = connection.prepareStatement("""
                SELECT id, title, body, created_at, updated_at FROM notes
                WHERE tenant_id = ? AND user_id = ? AND title = ?""")) {
            query.setString(1, tenantId);
            query.setString(2, userId);
            query.setString(3, title);
            try (var rows = query.executeQuery()) {
                return rows.next() ? Optional.of(note(rows)) : Optional.empty();
            }
        }
    }

    private static Note note(ResultSet rows) throws SQLException {
        return new Note(rows.getString(1), rows.getString(2), rows.getString(3), instant(rows.getString(4)),
                instant(rows.getString(5)));
    }

    private static Instant instant(String stored) {
        return Instant.from(TIMESTAMP.parse(stored));
    }

    /** Closes the connection; later calls fail with {@link NoteStoreException}. */
    @Override
    public void close() {
        lock.lock();
        try {
            connection.close();
        } catch (SQLException e) {
            throw new NoteStoreException("cannot close the notes database", e);
        } finally {
            lock.unlock();
        }
    }

    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // already failing; the original error is the one to report
            }
        }
    }
}
