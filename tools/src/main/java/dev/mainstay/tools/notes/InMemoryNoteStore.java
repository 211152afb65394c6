package dev.mainstay.tools.notes;

import dev.mainstay.time.IdGenerator;
import java.time.InstantSource;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * A {@link NoteStore} in memory, for tests and throwaway runs. Thread-safe: each (tenant, user) has its own lock,
 * held while a save checks its key, changes the note and records the write. Notes are lost when it is dropped.
 */
public final class InMemoryNoteStore implements NoteStore {
    static final Comparator<NoteSummary> NEWEST_FIRST =
            Comparator.comparing(NoteSummary::updatedAt).reversed().thenComparing(NoteSummary::title);

    private record Owner(String tenantId, String userId) {}

    /** One user's notes by title and writes by idempotency key, guarded by {@code lock}. */
    private static final class Shelf {
        final ReentrantLock lock = new ReentrantLock();
        final Map<String, Note> notes = new HashMap<>();
        final Map<String, NoteWrite> writes = new HashMap<>();

        <T> T locked(Supplier<T> action) {
            lock.lock();
            try {
                return action.get();
            } finally {
                lock.unlock();
            }
        }
    }

    private final Map<Owner, Shelf> shelves = new ConcurrentHashMap<>();
    private final InstantSource clock;
    private final IdGenerator ids;

    public InMemoryNoteStore(InstantSource clock, IdGenerator ids) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ids = Objects.requireNonNull(ids, "ids");
    }

    @Override
    public SavedNote save(String tenantId, String userId, String title, String body, String idempotencyKey) {
        NoteLimits.check(tenantId, userId, title, body);
        NoteLimits.checkKey(idempotencyKey);
        var shelf = shelves.computeIfAbsent(new Owner(tenantId, userId), owner -> new Shelf());
        return shelf.locked(() -> {
            var earlier = shelf.writes.get(idempotencyKey);
            if (earlier != null) {
                return new SavedNote(shelf.notes.get(earlier.title()), true);
            }
            var now = clock.instant();
            var existing = shelf.notes.get(title);
            var note = existing == null
                    ? new Note(ids.next("note"), title, body, now, now)
                    : new Note(existing.id(), title, body, existing.createdAt(), now);
            shelf.notes.put(title, note);
            shelf.writes.put(idempotencyKey, new NoteWrite(note.id(), title, now));
            return new SavedNote(note, false);
        });
    }

    @Override
    public Optional<NoteWrite> findWrite(String tenantId, String userId, String idempotencyKey) {
        NoteLimits.checkScope(tenantId, userId);
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        return shelf(tenantId, userId).flatMap(shelf -> shelf.locked(
                () -> Optional.ofNullable(shelf.writes.get(idempotencyKey))));
    }

    @Override
    public List<NoteSummary> list(String tenantId, String userId) {
        NoteLimits.checkScope(tenantId, userId);
        return shelf(tenantId, userId)
                .map(shelf -> shelf.locked(() -> shelf.notes.values().stream()
                        .map(Note::summary)
                        .sorted(NEWEST_FIRST)
                        .toList()))
                .orElse(List.of());
    }

    @Override
    public Optional<Note> read(String tenantId, String userId, String title) {
        NoteLimits.checkScope(tenantId, userId);
        Objects.requireNonNull(title, "title");
        return shelf(tenantId, userId).flatMap(shelf -> shelf.locked(() -> Optional.ofNullable(shelf.notes.get(title))));
    }

    private Optional<Shelf> shelf(String tenantId, String userId) {
        return Optional.ofNullable(shelves.get(new Owner(tenantId, userId)));
    }
}
