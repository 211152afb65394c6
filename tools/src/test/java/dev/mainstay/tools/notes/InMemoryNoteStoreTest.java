package dev.mainstay.tools.notes;

import dev.mainstay.testing.FakeClock;
import dev.mainstay.time.IdGenerator;
import java.nio.file.Path;

class InMemoryNoteStoreTest extends NoteStoreContract {
    @Override
    NoteStore createStore(Path dataDir, FakeClock clock, IdGenerator ids) {
        return new InMemoryNoteStore(clock, ids);
    }
}
