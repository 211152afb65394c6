package dev.mainstay.tools.notes;

import dev.mainstay.store.Store;
import dev.mainstay.store.StoreConfig;
import dev.mainstay.store.Stores;
import dev.mainstay.testing.FakeClock;
import dev.mainstay.time.IdGenerator;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/** The tools' notes contract, on the store's notes in PostgreSQL (a schema of this class's own, emptied per test). */
class StoreNoteStorePostgresTest extends NoteStoreContract {
    private static final String ADMIN_URL = System.getenv().getOrDefault("MAINSTAY_TEST_PG_URL",
            "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
    private static final String SCHEMA = "store_notes_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    private Store opened;

    @BeforeAll
    static void createSchema() throws SQLException {
        execute("CREATE SCHEMA " + SCHEMA);
    }

    @AfterAll
    static void dropSchema() throws SQLException {
        execute("DROP SCHEMA " + SCHEMA + " CASCADE");
    }

    @Override
    NoteStore createStore(Path dataDir, FakeClock clock, IdGenerator ids) {
        opened = Stores.open(StoreConfig.of(ADMIN_URL + "&currentSchema=" + SCHEMA), clock, ids);
        try {
            execute("TRUNCATE " + SCHEMA + ".note_writes, " + SCHEMA + ".notes");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return opened.notes();
    }

    @AfterEach
    void closeStore() {
        opened.close();
    }

    private static void execute(String sql) throws SQLException {
        try (var connection = DriverManager.getConnection(ADMIN_URL)) {
            connection.createStatement().execute(sql);
        } catch (SQLException e) {
            throw new AssertionError("""
                    The store tests need the PostgreSQL on this machine (%s): %s
                    Start it with: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start"""
                    .formatted(ADMIN_URL, e.getMessage()), e);
        }
    }
}
