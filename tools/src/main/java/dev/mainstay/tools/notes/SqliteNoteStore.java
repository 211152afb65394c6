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
 * is created or migrated on open and versioned in {@code schema_version} (see {@link SqliteNoteSchema}); a file
 * written by a newer version is refused.
 *
 * <p>A save checks {@code note_writes} for its idempotency key, upserts the note and records the write in one
 * immediate transaction; the table's primary key (tenant, user, key) makes a second write under one key impossible.
 *
 * <p>One connection serves all callers, one statement at a time behind a lock: SQLite writes are serial anyway and
 * note operations take microseconds. Timestamps are stored as fixed-width UTC text with nanoseconds, so they sort
 * as text and read back exactly. Call {@link #close()} when done.
 */
public final class SqliteNoteStore implements NoteStore, AutoCloseable {
    /** The schema version this release writes (2: {@code note_writes}); version 1 files are migrated on open. */
    public static final int SCHEMA_VERSION = SqliteNoteSchema.VERSION;
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
        // Take the write lock when a transaction begins, so a save's check of its key and its write are one step
        // for other processes on the file too; this process's lock already serialises its own callers.
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        Connection connection = null;
        try {
            connection = config.createConnection("jdbc:sqlite:" + absolute);
            SqliteNoteSchema.migrate(connection);
            return new SqliteNoteStore(connection, clock, ids);
        } catch (SQLException | RuntimeException e) {
            closeQuietly(connection);
            if (e instanceof NoteStoreException known) {
                throw known;
            }
            throw new NoteStoreException("cannot open the notes database " + absolute, e);
        }
    }

    @Override
    public SavedNote save(String tenantId, String userId, String title, String body, String idempotencyKey) {
        NoteLimits.check(tenantId, userId, title, body);
        NoteLimits.checkKey(idempotencyKey);
        return inTransaction("cannot save a note", () -> {
            var earlier = selectWrite(tenantId, userId, idempotencyKey);
            if (earlier.isPresent()) {
                return new SavedNote(select(tenantId, userId, earlier.get().title()).orElseThrow(
                        () -> new NoteStoreException("the note of a recorded write is missing")), true);
            }
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
            try (var write = connection.prepareStatement("""
                    INSERT INTO note_writes (tenant_id, user_id, idempotency_key, note_id, title, saved_at)
                    VALUES (?, ?, ?, ?, ?, ?)""")) {
                write.setString(1, tenantId);
                write.setString(2, userId);
                write.setString(3, idempotencyKey);
                write.setString(4, saved.id());
                write.setString(5, title);
                write.setString(6, now);
                write.executeUpdate();
            }
            return new SavedNote(saved, false);
        });
    }

    @Override
    public Optional<NoteWrite> findWrite(String tenantId, String userId, String idempotencyKey) {
        NoteLimits.checkScope(tenantId, userId);
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        lock.lock();
        try {
            return selectWrite(tenantId, userId, idempotencyKey);
        } catch (SQLException e) {
            throw new NoteStoreException("cannot look up a note write", e);
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

    /** Runs {@code work} in one transaction under the lock, committing its result or rolling back its failure. */
    private <T> T inTransaction(String failure, SqlWork<T> work) {
        lock.lock();
        try {
            connection.setAutoCommit(false);
            try {
                var result = work.run();
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new NoteStoreException(failure, e);
        } finally {
            lock.unlock();
        }
    }

    private Optional<NoteWrite> selectWrite(String tenantId, String userId, String idempotencyKey)
            throws SQLException {
        try (var query = connection.prepareStatement("""
                SELECT note_id, title, saved_at FROM note_writes
                WHERE tenant_id = ? AND user_id = ? AND idempotency_key = ?""")) {
            query.setString(1, tenantId);
            query.setString(2, userId);
            query.setString(3, idempotencyKey);
            try (var rows = query.executeQuery()) {
                return rows.next()
                        ? Optional.of(new NoteWrite(rows.getString(1), rows.getString(2), instant(rows.getString(3))))
                        : Optional.empty();
            }
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

    @FunctionalInterface
    private interface SqlWork<T> {
        T run() throws SQLException;
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
