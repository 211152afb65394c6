package dev.mainstay.bench.stacks;

import dev.mainstay.journal.Fence;
import dev.mainstay.journal.InMemoryJournal;
import dev.mainstay.journal.Journal;
import dev.mainstay.journal.JournalEntry;
import dev.mainstay.journal.Recorded;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Core's {@link InMemoryJournal}, one per run, dropped by {@link #retire} once the run is over.
 *
 * <p>Why: {@code InMemoryJournal} keeps every run for the life of the process, so a benchmark of a hundred thousand
 * runs would measure a growing heap rather than the loop. Each run still goes through {@code InMemoryJournal}'s own
 * code; one map lookup per call is added, and charged to Mainstay. Thread-safe.
 */
public final class RunScopedJournal implements Journal {
    private final ConcurrentHashMap<String, InMemoryJournal> runs = new ConcurrentHashMap<>();

    @Override
    public long append(Fence fence, JournalEntry entry) {
        return runs.computeIfAbsent(fence.runId(), id -> new InMemoryJournal()).append(fence, entry);
    }

    @Override
    public List<Recorded> read(String runId) {
        var journal = runs.get(runId);
        return journal == null ? List.of() : journal.read(runId);
    }

    /** Forgets a finished run. */
    public void retire(String runId) {
        runs.remove(runId);
    }

    /** Runs currently held. */
    public int size() {
        return runs.size();
    }
}
