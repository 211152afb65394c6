package dev.mainstay.tools.notes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mainstay.testing.FakeClock;
import dev.mainstay.time.IdGenerator;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

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
        var saved = save("t1", "alice", "trip", "Lisbon in May");
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
        save("t1", "alice", title, "body with \"quotes\" and ' and \\ and emoji 🎉");

        assertThat(store.read("t1", "alice", title).orElseThrow().body())
                .isEqualTo("body with \"quotes\" and ' and \\ and emoji 🎉");
        assertThat(store.list("t1", "alice")).hasSize(1);
    }

    @Test
    void writesSurviveClosingAndReopeningTheFile() {
        var saved = store.save("t1", "alice", "trip", "Lisbon", "toolu_1");
        ((SqliteNoteStore) store).close();

        store = SqliteNoteStore.open(file, clock, ids);

        assertThat(store.save("t1", "alice", "trip", "Porto", "toolu_1")).isEqualTo(new SavedNote(saved.note(), true));
        assertThat(store.findWrite("t1", "alice", "toolu_1")).isPresent();
    }

    @Test
    @Timeout(10)
    void concurrentSavesUnderOneKeyLeaveExactlyOneRowInNoteWrites() throws Exception {
        var go = new CountDownLatch(1);
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            var saves = Stream.of("first", "second").map(body -> pool.submit(() -> {
                assertThat(go.await(5, TimeUnit.SECONDS)).isTrue();
                return store.save("t1", "alice", "race", body, "toolu_1");
            })).toList();
            go.countDown();
            for (var save : saves) {
                save.get(5, TimeUnit.SECONDS);
            }
        }

        assertThat(count("SELECT COUNT(*) FROM note_writes")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM notes")).isEqualTo(1);
    }

    @Test
    void aNoteIsNotChangedWhenItsWriteCannotBeRecorded() throws Exception {
        var before = store.save("t1", "alice", "trip", "Lisbon", "toolu_1");
        try (var connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                var trigger = connection.prepareStatement("""
                        CREATE TRIGGER refuse_writes BEFORE INSERT ON note_writes
                        BEGIN SELECT RAISE(ABORT, 'refused'); END""")) {
            trigger.execute();
        }

        assertThatThrownBy(() -> store.save("t1", "alice", "trip", "Porto", "toolu_2"))
                .isInstanceOf(NoteStoreException.class);
        assertThatThrownBy(() -> store.save("t1", "alice", "new", "never saved", "toolu_3"))
                .isInstanceOf(NoteStoreException.class);
        assertThat(store.read("t1", "alice", "trip")).contains(before.note());
        assertThat(store.list("t1", "alice")).containsExactly(before.note().summary());
        assertThat(store.findWrite("t1", "alice", "toolu_2")).isEmpty();
    }

    private long count(String sql) throws Exception {
        try (var connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                var rows = connection.prepareStatement(sql).executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private Path dataDirFile(String name) {
        return dataDir.resolve(name);
    }
}
