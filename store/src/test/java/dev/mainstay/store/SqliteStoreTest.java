package dev.mainstay.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mainstay.testing.FakeClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What only the embedded SQLite store does. */
class SqliteStoreTest {
    @TempDir
    Path dir;

    @Test
    void theFilesDirectoryIsCreatedAndTheDatabaseIsInWalMode() throws Exception {
        var file = dir.resolve("data/nested/mainstay.db");

        try (var store = Stores.open(StoreConfig.of("jdbc:sqlite:" + file), new FakeClock())) {
            assertThat(store.health().ok()).isTrue();
        }

        assertThat(Files.isRegularFile(file)).isTrue();
        try (var connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                var mode = connection.createStatement().executeQuery("PRAGMA journal_mode")) {
            mode.next();
            assertThat(mode.getString(1)).isEqualToIgnoringCase("wal");
        }
    }

    @Test
    void anInMemoryDatabaseIsRefusedWithAReason() {
        assertThatThrownBy(() -> Stores.open(StoreConfig.of("jdbc:sqlite::memory:"), new FakeClock()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs a file");
    }

    @Test
    void theDefaultUrlIsAFileUnderData() {
        assertThat(StoreConfig.DEFAULT_URL).isEqualTo("jdbc:sqlite:./data/mainstay.db");
    }
}
