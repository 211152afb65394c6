package dev.mainstay.tools.notes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mainstay.testing.FakeClock;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files written by earlier releases open with this one and keep their notes. */
class SqliteNoteStoreMigrationTest {
    /** The schema release 1 created, frozen: never edit it to match the current code. */
    private static final List<String> VERSION_1_DDL = List.of(
            "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)",
            """
            CREATE TABLE notes (
              id         TEXT PRIMARY KEY,
              tenant_id  TEXT NOT NULL,
              user_id    TEXT NOT NULL,
              title      TEXT NOT NULL,
              body       TEXT NOT NULL,
              created_at TEXT NOT NULL,
              updated_at TEXT NOT NULL,
              UNIQUE (tenant_id, user_id, title)
            )""",
            "INSERT INTO schema_version (version) VALUES (1)");

    @TempDir
    Path dataDir;

    private final FakeClock clock = new FakeClock();

    @Test
    void aVersion1FileIsMigratedAndKeepsItsNotes() throws Exception {
        var file = dataDir.resolve("notes.db");
        try (var connection = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            execute(connection, "PRAGMA journal_mode = WAL");
            for (var statement : VERSION_1_DDL) {
                execute(connection, statement);
            }
            execute(connection, """
                    INSERT INTO notes VALUES ('note_old', 't1', 'alice', 'trip', 'Lisbon in May',
                      '2025-06-01T08:00:00.000000000Z', '2025-06-02T09:30:00.123456789Z')""");
        }

        try (var store = SqliteNoteStore.open(file, clock, prefix -> prefix + "_new")) {
            var kept = new Note("note_old", "trip", "Lisbon in May", Instant.parse("2025-06-01T08:00:00Z"),
                    Instant.parse("2025-06-02T09:30:00.123456789Z"));
            assertThat(store.read("t1", "alice", "trip")).contains(kept);
            assertThat(store.list("t1", "alice")).containsExactly(kept.summary());

            clock.advance(Duration.ofMinutes(1));
            var updated = store.save("t1", "alice", "trip", "Porto in June", "toolu_1");
            assertThat(updated.replayed()).isFalse();
            assertThat(updated.note().id()).isEqualTo("note_old");
            assertThat(updated.note().createdAt()).isEqualTo(kept.createdAt());
            assertThat(store.save("t1", "alice", "trip", "Faro", "toolu_1").replayed()).isTrue();
        }
        assertThat(versions(file)).containsExactly(SqliteNoteStore.SCHEMA_VERSION);
        assertThat(SqliteNoteStore.SCHEMA_VERSION).isEqualTo(2);

        try (var reopened = SqliteNoteStore.open(file, clock, prefix -> prefix + "_new")) {
            assertThat(reopened.findWrite("t1", "alice", "toolu_1")).isPresent();
            assertThat(reopened.read("t1", "alice", "trip").orElseThrow().body()).isEqualTo("Porto in June");
        }
    }

    private static List<Integer> versions(Path file) throws SQLException {
        try (var connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                var rows = connection.prepareStatement("SELECT version FROM schema_version").executeQuery()) {
            var versions = new ArrayList<Integer>();
            while (rows.next()) {
                versions.add(rows.getInt(1));
            }
            return versions;
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (var statement = connection.prepareStatement(sql)) {
            statement.execute();
        }
    }
}
