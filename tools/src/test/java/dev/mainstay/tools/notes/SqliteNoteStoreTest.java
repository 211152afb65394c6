package dev.mainstay.tools.notes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mainstay.testing.FakeClock;
import dev.mainstay.time.IdGenerator;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SqliteNoteStoreTest extends NoteStoreContract {
    private Path file;

    @Override
    NoteStore createStore(Path dataDir, FakeClock clock, IdGenerator ids) {
        file = dataDir.resolve("nested/dir/notes.db");
        return SqliteNoteStore.open(file, clock, ids);
    }

    @AfterEach
    void closeStore() {
        ((SqliteNoteStore) store).close();
    }

    @Test
    void notesSurviveClosingAndReopeningTheFile() {
        var saved = store.save("t1", "alice", "trip", "Lisbon in May");
        clock.advance(Duration.ofNanos(1));
        ((SqliteNoteStore) store).close();

        store = SqliteNoteStore.open(file, clock, ids);

        assertThat(store.read("t1", "alice", "trip")).contains(saved);
        assertThat(store.list("t1", "alice")).containsExactly(saved.summary());
    }

    @Test
    void createsParentDirectoriesAndAVersionedSchemaInWalMode() throws Exception {
        assertThat(file).exists();
        try (var connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                var version = connection.prepareStatement("SELECT version FROM schema_version").executeQuery()) {
            assertThat(version.next()).isTrue();
            assertThat(version.getInt(1)).isEqualTo(SqliteNoteStore.SCHEMA_VERSION);
            try (var mode = connection.prepareStatement("PRAGMA journal_mode").executeQuery()) {
                mode.next();
                assertThat(mode.getString(1)).isEqualToIgnoringCase("wal");
            }
        }
    }

    @Test
    void refusesADatabaseWrittenByANewerVersion() throws Exception {
        ((SqliteNoteStore) store).close();
        try (var connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                var bump = connection.prepareStatement("UPDATE schema_version SET version = 99")) {
            bump.executeUpdate();
        }

        assertThatThrownBy(() -> SqliteNoteStore.open(file, clock, ids))
                .isInstanceOf(NoteStoreException.class)
                .hasMessageContaining("schema version 99");
        store = SqliteNoteStore.open(dataDirFile("other.db"), clock, ids);
    }

    @Test
    void storesTitlesAndBodiesVerbatimIncludingSqlMetacharacters() {
        var title = "'; DROP TABLE notes; --";
        store.save("t1", "alice", title, "body with \"quotes\" and ' and \\ and emoji 🎉");

        assertThat(store.read("t1", "alice", title).orElseThrow().body())
                .isEqualTo("body with \"quotes\" and ' and \\ and emoji 🎉");
        assertThat(store.list("t1", "alice")).hasSize(1);
    }

    private Path dataDirFile(String name) {
        return dataDir.resolve(name);
    }
}
