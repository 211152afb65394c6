package dev.mainstay.journal;

import java.util.List;

/**
 * The per-run, append-only log a run is made of: its opening, every model call, every side-effecting tool call's
 * intent and every tool call's outcome, and its closing. The source of truth for resuming, auditing, the timeline and
 * cost. Implementations are thread-safe: tool steps of one run are appended concurrently.
 *
 * <p>The journal assigns sequence numbers, in one step with the append, so two writers can never pick the same
 * one. Every append carries the {@link Fence} it is made under; an append under a stale fence is refused with
 * {@link FencedOutException} and writes nothing. Appending a second {@link ToolStep} for a tool_use id already
 * recorded in the run is refused with {@link IllegalStateException}: a tool's outcome is recorded exactly once. So is
 * a second {@link ApprovalDecided} for the same tool_use id: one person's decision per call, whoever races.
 */
public interface Journal {
    /**
     * Appends {@code entry} to the run of {@code fence}.
     *
     * @return the sequence number given to the entry, from 1, increasing within the run
     * @throws FencedOutException when the run is held under a newer lease epoch than {@code fence}'s
     * @throws JournalException when the journal cannot be written (the store is down): the run cannot go on safely
     */
    long append(Fence fence, JournalEntry entry);

    /**
     * Appends {@code entries}, in order, to the run of {@code fence}, as {@link #append} appends each. A journal that
     * can writes them in one transaction — all or none; this default appends them one by one, so a failure can leave
     * the first ones written (a resumed run folds what was written, as after any failure between two appends).
     *
     * @return the sequence number given to the last entry
     * @throws IllegalArgumentException when {@code entries} is empty
     */
    default long appendAll(Fence fence, List<? extends JournalEntry> entries) {
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("no entries to append to run " + fence.runId());
        }
        long last = 0;
        for (var entry : entries) {
            last = append(fence, entry);
        }
        return last;
    }

    /**
     * Every entry of the run in sequence order; empty for an unknown run.
     *
     * @throws JournalException when the journal cannot be read
     */
    List<Recorded> read(String runId);
}
