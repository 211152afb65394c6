package dev.mainstay.tools.notes;

import dev.mainstay.time.IdGenerator;
import java.time.InstantSource;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link NoteStore} in memory, for tests and throwaway runs. Thread-safe; notes are lost when it is dropped. */
public final class InMemoryNoteStore implements NoteStore {
    static final Comparator<NoteSummary> NEWEST_FIRST =
            Comparator.comparing(NoteSummary::updatedAt).reversed().thenComparing(NoteSummary::title);

    private record Owner(String tenantId, String userId) {}

    private final Map<Owner, Map<String, Note>> notes = new ConcurrentHashMap<>();
    private final InstantSource clock;
    private final IdGenerator ids;

    public InMemoryNoteStore(InstantSource clock, IdGenerator ids) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ids = Objects.requireNonNull(ids, "ids");
    }

    @Override
    public Note save(String tenantId, String userId, String title, String body) {
        NoteLimits.check(tenantId, userId, title, body);
        var owned = notes.computeIfAbsent(new Owner(tenantId, userId), owner -> new ConcurrentHashMap<>());
        return owned.compute(title, (key, existing) -> {
            var now = clock.instant();
            return existing == null
                    ? new Note(ids.next("note"), title, body, now, now)
                    : new Note(existing.id(), title, body, existing.createdAt(), now);
        });
    }

    @Override
    public List<NoteSummary> list(String tenantId, String userId) {
        NoteLimits.checkScope(tenantId, userId);
        return notes.getOrDefault(new Owner(tenantId, userId), Map.of()).values().stream()
                .map(Note::summary)
                .sorted(NEWEST_FIRST)
                .toList();
    }

    @Override
    public Optional<Note> read(String tenantId, String userId, String title) {
        NoteLimits.checkScope(tenantId, userId);
        Objects.requireNonNull(title, "title");
        return Optional.ofNullable(notes.getOrDefault(new Owner(tenantId, userId), Map.of()).get(title));
    }
}
