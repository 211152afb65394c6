package dev.mainstay.tools.notes;

import java.time.Instant;
import java.util.Objects;

/**
 * One executed {@link NoteStore#save}, recorded under the call's idempotency key. It keeps no body: replacing a
 * note's text must not leave the old text behind in the record of writes.
 *
 * @param noteId the id of the note the save created or updated
 * @param title that note's title
 * @param savedAt when the save happened (the note's {@code updatedAt} as that save left it)
 */
public record NoteWrite(String noteId, String title, Instant savedAt) {
    public NoteWrite {
        Objects.requireNonNull(noteId, "noteId");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(savedAt, "savedAt");
    }
}
