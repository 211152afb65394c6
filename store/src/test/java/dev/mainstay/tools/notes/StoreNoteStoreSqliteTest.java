package dev.mainstay.tools.notes;

import dev.mainstay.store.Store;
import dev.mainstay.store.StoreConfig;
import dev.mainstay.store.Stores;
import dev.mainstay.testing.FakeClock;
import dev.mainstay.time.IdGenerator;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** The tools' notes contract, on the store's notes in SQLite (a file outside the contract's data directory). */
class StoreNoteStoreSqliteTest extends NoteStoreContract {
    @TempDir
    Path storeDir;

    private Store opened;

    @Override
    NoteStore createStore(Path dataDir, FakeClock clock, IdGenerator ids) {
        opened = Stores.open(StoreConfig.of("jdbc:sqlite:" + storeDir.resolve("mainstay.db")), clock, ids);
        return opened.notes();
    }

    @AfterEach
    void closeStore() {
        opened.close();
    }
}
