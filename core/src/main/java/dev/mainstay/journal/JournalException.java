package dev.mainstay.journal;

/** The journal's store failed (unreachable, full, corrupt): infrastructure, not an outcome of the run. */
public class JournalException extends RuntimeException {
    public JournalException(String message, Throwable cause) {
        super(message, cause);
    }
}
