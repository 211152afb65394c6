package dev.mainstay.store;

/**
 * The store's database failed: unreachable, timed out, full or corrupt. Broken infrastructure, not an outcome: the
 * API answers 503 and a worker stops the run, leaving it to be claimed again. The message says what was being done
 * and never holds a secret, a credential or a request body. (The journal reports the same failures as
 * {@link dev.mainstay.journal.JournalException}, the notes as {@link dev.mainstay.tools.notes.NoteStoreException}.)
 */
public class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreException(String message) {
        super(message);
    }
}
