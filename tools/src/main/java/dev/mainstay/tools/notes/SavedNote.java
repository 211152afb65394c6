package dev.mainstay.tools.notes;

import java.util.Objects;

/**
 * What {@link NoteStore#save} did.
 *
 * @param note the note the save left behind (a replay: the note its idempotency key's write saved)
 * @param replayed {@code true} when the key had already been recorded, so this call changed nothing
 */
public record SavedNote(Note note, boolean replayed) {
    public SavedNote {
        Objects.requireNonNull(note, "note");
    }
}
