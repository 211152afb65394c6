package dev.mainstay.tools.notes;

import java.util.List;
import java.util.Optional;

/**
 * Users' notes, scoped by (tenant, user). The scope always comes from the run's {@code ToolContext}, never from
 * model input; a note is invisible outside its scope. Titles are data (compared exactly, never used as a path).
 * Implementations are thread-safe.
 *
 * <p>Saves are exactly-once per idempotency key (the tool call's tool_use id): each executed save is recorded as a
 * {@link NoteWrite} under (tenant, user, key), atomically with the note it changes, and a save whose key is already
 * recorded for that tenant and user changes nothing. A key never matches across tenants or users.
 *
 * <p>Invalid arguments (see {@link NoteLimits}; a blank key) throw {@link IllegalArgumentException} and store
 * nothing; null arguments throw {@link NullPointerException}; a broken store throws {@link NoteStoreException}.
 */
public interface NoteStore {
    /**
     * Creates the note, or replaces the body of the note with the same title (keeping its id and creation time),
     * and records the write under {@code idempotencyKey}, in one atomic step.
     *
     * <p>When {@code idempotencyKey} is already recorded for this tenant and user, nothing is saved: the result is
     * the note that write saved, as stored now (the same id and title; a later save under another key shows
     * through), marked {@linkplain SavedNote#replayed() replayed}. The replay's title and body are not compared
     * with the original's: the key names the call. Of concurrent saves with one key, exactly one is applied and
     * every caller gets the same note.
     */
    SavedNote save(String tenantId, String userId, String title, String body, String idempotencyKey);

    /** The write a save recorded under {@code idempotencyKey} for this tenant and user, if one did. */
    Optional<NoteWrite> findWrite(String tenantId, String userId, String idempotencyKey);

    /** Every note of the user, most recently updated first (ties by title). */
    List<NoteSummary> list(String tenantId, String userId);

    /** The note with exactly this title, if the user has one. */
    Optional<Note> read(String tenantId, String userId, String title);
}
