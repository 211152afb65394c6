package dev.mainstay.tools.notes;

/** The note store itself failed (I/O, a corrupt or newer database): broken infrastructure, not bad input. */
public final class NoteStoreException extends RuntimeException {
    public NoteStoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public NoteStoreException(String message) {
        super(message);
    }
}
