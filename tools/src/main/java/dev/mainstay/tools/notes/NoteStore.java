package dev.mainstay.tools.notes;

import java.util.List;
import java.util.Optional;

/**
 * Users' notes, scoped by (tenant, user). The scope always comes from the run's {@code ToolContext}, never from
 * model input; a note is invisible outside its scope. Titles are data (compared exactly, never used as a path).
 * Implementations are thread-safe.
 *
 * <p>Invalid arguments (see {@link NoteLimits}) throw {@link IllegalArgumentException} and store nothing; a broken
 * store throws {@link NoteStoreException}.
 */
public interface NoteStore {
    /** Creates the note, or replaces the body of the note with the same title (keeping its id and creation time). */
    Note save(String tenantId, String userId, String title, String body);

    /** Every note of the user, most recently updated first (ties by title). */
    List<NoteSummary> list(String tenantId, String userId);

    /** The note with exactly this title, if the user has one. */
    Optional<Note> read(String tenantId, String userId, String title);
}
