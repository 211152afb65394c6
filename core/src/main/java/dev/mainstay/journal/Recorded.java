package dev.mainstay.journal;

import java.util.Objects;

/** A journal entry as stored: the sequence number the journal gave it within its run (from 1) and the entry. */
public record Recorded(long seq, JournalEntry entry) {
    public Recorded {
        Objects.requireNonNull(entry, "entry");
        if (seq < 1) {
            throw new IllegalArgumentException("sequence numbers start at 1, but was " + seq);
        }
    }
}
