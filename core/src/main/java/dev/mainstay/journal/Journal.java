package dev.mainstay.journal;

import java.util.List;
import java.util.Optional;

/**
 * The append-only record of every run's completed steps. Implementations are thread-safe: tool steps of one run
 * are appended concurrently.
 *
 * <p>{@link #append} assigns nothing: the caller passes the entry's sequence number from
 * {@link #nextSeq(String)}. Appending a tool step whose tool_use id is already journaled for the run is rejected
 * with {@link IllegalStateException}: a side-effecting tool result is recorded exactly once.
 */
public interface Journal {
    void append(JournalEntry entry);

    /** Every entry of the run in sequence order; empty for an unknown run. */
    List<JournalEntry> read(String runId);

    /** The tool step recorded for this tool_use id, if any. */
    Optional<ToolStep> findToolStep(String runId, String toolUseId);

    /** The next free sequence number of the run, from 1. Atomic: concurrent callers get distinct numbers. */
    int nextSeq(String runId);
}
