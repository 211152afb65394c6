package dev.mainstay.store.internal;

import dev.mainstay.store.StoreException;
import dev.mainstay.time.IdGenerator;
import dev.mainstay.tools.notes.Note;
import dev.mainstay.tools.notes.NoteLimits;
import dev.mainstay.tools.notes.NoteStore;
import dev.mainstay.tools.notes.NoteStoreException;
import dev.mainstay.tools.notes.NoteSummary;
import dev.mainstay.tools.notes.NoteWrite;
import dev.mainstay.tools.notes.SavedNote;
import java.time.InstantSource;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * The notes in the store's database, with the semantics of the CLI's {@code SqliteNoteStore}: a save checks
 * {@code note_writes} for its key, upserts the note by title and records the write, in one transaction. Two
 * concurrent saves under one key on PostgreSQL both pass the check; the second's write insert ({@code ON CONFLICT DO
 * NOTHING}) waits for the first to commit and then inserts nothing, so the second rolls its note change back and
 * replays the first's.
 */
final class DbNoteStore implements NoteStore {
    private static final RowMapper<Note> NOTE = (rows, ctx) -> new Note(rows.getString("id"), rows.getString("title"),
            rows.getString("body"), Values.instant(rows.getLong("created_at")),
            Values.instant(rows.getLong("updated_at")));

    private final Database db;
    private final InstantSource clock;
    private final IdGenerator ids;

    DbNoteStore(Database db, InstantSource clock, IdGenerator ids) {
        this.db = db;
        this.clock = clock;
        this.ids = ids;
    }

    /** Rolls a save back: another save recorded the key first. */
    private static final class LostRace extends RuntimeException {
        LostRace() {
            super(null, null, false, false);
        }
    }

    @Override
    public SavedNote save(String tenantId, String userId, String title, String body, String idempotencyKey) {
        checkScope(tenantId, userId);
        refuse(NoteLimits.titleProblem(title));
        refuse(NoteLimits.bodyProblem(body));
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        if (idempotencyKey.isBlank()) {
            throw new IllegalArgumentException("idempotencyKey must not be blank");
        }
        try {
            try {
                return db.write("save a note", h -> {
                    var earlier = selectWrite(h, tenantId, userId, idempotencyKey);
                    if (earlier.isPresent()) {
                        return replay(h, tenantId, userId, earlier.get());
                    }
                    long now = Values.nanos(clock.instant());
                    h.createUpdate("""
                            INSERT INTO notes (id, tenant_id, user_id, title, body, created_at, updated_at)
                            VALUES (:id, :tenant, :user, :title, :body, :now, :now)
                            ON CONFLICT (tenant_id, user_id, title)
                            DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at""")
                            .bind("id", ids.next("note")).bind("tenant", tenantId).bind("user", userId)
                            .bind("title", title).bind("body", body).bind("now", now).execute();
                    var saved = select(h, tenantId, userId, title)
                            .orElseThrow(() -> new NoteStoreException("a saved note could not be read back"));
                    int recorded = h.createUpdate("""
                            INSERT INTO note_writes (tenant_id, user_id, idempotency_key, note_id, title, saved_at)
                            VALUES (:tenant, :user, :key, :note, :title, :now)
                            ON CONFLICT (tenant_id, user_id, idempotency_key) DO NOTHING""")
                            .bind("tenant", tenantId).bind("user", userId).bind("key", idempotencyKey)
                            .bind("note", saved.id()).bind("title", title).bind("now", now).execute();
                    if (recorded == 0) {
                        throw new LostRace();
                    }
                    return new SavedNote(saved, false);
                });
            } catch (LostRace race) {
                return db.read("replay a note save", h -> replay(h, tenantId, userId,
                        selectWrite(h, tenantId, userId, idempotencyKey).orElseThrow(
                                () -> new NoteStoreException("a recorded note write is missing"))));
            }
        } catch (StoreException e) {
            throw new NoteStoreException("cannot save a note", e.getCause());
        }
    }

    private static SavedNote replay(Handle h, String tenantId, String userId, NoteWrite write) {
        return new SavedNote(select(h, tenantId, userId, write.title())
                .orElseThrow(() -> new NoteStoreException("the note of a recorded write is missing")), true);
    }

    @Override
    public Optional<NoteWrite> findWrite(String tenantId, String userId, String idempotencyKey) {
        checkScope(tenantId, userId);
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        try {
            return db.read("look up a note write", h -> selectWrite(h, tenantId, userId, idempotencyKey));
        } catch (StoreException e) {
            throw new NoteStoreException("cannot look up a note write", e.getCause());
        }
    }

    @Override
    public List<NoteSummary> list(String tenantId, String userId) {
        checkScope(tenantId, userId);
        try {
            return db.read("list notes", h -> h.createQuery("""
                    SELECT id, title, updated_at FROM notes WHERE tenant_id = :tenant AND user_id = :user
                    ORDER BY updated_at DESC, title ASC""")
                    .bind("tenant", tenantId).bind("user", userId)
                    .map((rows, ctx) -> new NoteSummary(rows.getString(1), rows.getString(2),
                            Values.instant(rows.getLong(3))))
                    .list());
        } catch (StoreException e) {
            throw new NoteStoreException("cannot list notes", e.getCause());
        }
    }

    @Override
    public Optional<Note> read(String tenantId, String userId, String title) {
        checkScope(tenantId, userId);
        Objects.requireNonNull(title, "title");
        try {
            return db.read("read a note", h -> select(h, tenantId, userId, title));
        } catch (StoreException e) {
            throw new NoteStoreException("cannot read a note", e.getCause());
        }
    }

    private static Optional<NoteWrite> selectWrite(Handle h, String tenantId, String userId, String key) {
        return h.createQuery("""
                SELECT note_id, title, saved_at FROM note_writes
                WHERE tenant_id = :tenant AND user_id = :user AND idempotency_key = :key""")
                .bind("tenant", tenantId).bind("user", userId).bind("key", key)
                .map((rows, ctx) -> new NoteWrite(rows.getString(1), rows.getString(2),
                        Values.instant(rows.getLong(3))))
                .findOne();
    }

    private static Optional<Note> select(Handle h, String tenantId, String userId, String title) {
        return h.createQuery("""
                SELECT id, title, body, created_at, updated_at FROM notes
                WHERE tenant_id = :tenant AND user_id = :user AND title = :title""")
                .bind("tenant", tenantId).bind("user", userId).bind("title", title).map(NOTE).findOne();
    }

    private static void checkScope(String tenantId, String userId) {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(userId, "userId");
        if (tenantId.isBlank() || userId.isBlank()) {
            throw new IllegalArgumentException("tenantId and userId must not be blank");
        }
    }

    private static void refuse(String problem) {
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
    }
}
