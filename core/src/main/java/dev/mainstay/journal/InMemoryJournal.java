package dev.mainstay.journal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A journal in memory, for the CLI, tests and single-process use. Entries are lost with the process.
 *
 * <p>Bounded: it keeps the journals of the {@link #DEFAULT_MAX_RUNS} (or the configured number of) runs most
 * recently appended to and forgets older ones, so a long-lived process does not grow without limit. A forgotten
 * run cannot be resumed from this journal. Thread-safe.
 */
public final class InMemoryJournal implements Journal {
    /** How many runs' journals are kept by default. */
    public static final int DEFAULT_MAX_RUNS = 10_000;

    private final int maxRuns;
    private final Map<String, RunEntries> runs;

    public InMemoryJournal() {
        this(DEFAULT_MAX_RUNS);
    }

    public InMemoryJournal(int maxRuns) {
        if (maxRuns <= 0) {
            throw new IllegalArgumentException("maxRuns must be positive, but was " + maxRuns);
        }
        this.maxRuns = maxRuns;
        this.runs = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, RunEntries> eldest) {
                return size() > InMemoryJournal.this.maxRuns;
            }
        };
    }

    /** One run's entries and sequence counter; entries are guarded by the instance's lock. */
    private static final class RunEntries {
        final List<JournalEntry> entries = new ArrayList<>();
        final AtomicInteger seq = new AtomicInteger();
    }

    private RunEntries run(String runId) {
        synchronized (runs) {
            return runs.computeIfAbsent(runId, k -> new RunEntries());
        }
    }

    private Optional<RunEntries> existing(String runId) {
        synchronized (runs) {
            return Optional.ofNullable(runs.get(runId));
        }
    }

    @Override
    public void append(JournalEntry entry) {
        var run = run(entry.runId());
        synchronized (run) {
            if (entry instanceof ToolStep tool) {
                for (var e : run.entries) {
                    if (e instanceof ToolStep t && t.toolUseId().equals(tool.toolUseId())) {
                        throw new IllegalStateException("tool_use " + tool.toolUseId() + " is already journaled");
                    }
                }
            }
            run.entries.add(entry);
        }
    }

    @Override
    public List<JournalEntry> read(String runId) {
        return existing(runId).map(run -> {
            synchronized (run) {
                var copy = new ArrayList<>(run.entries);
                copy.sort(Comparator.comparingInt(JournalEntry::seq));
                return List.copyOf(copy);
            }
        }).orElse(List.of());
    }

    @Override
    public Optional<ToolStep> findToolStep(String runId, String toolUseId) {
        return existing(runId).flatMap(run -> {
            synchronized (run) {
                for (var e : run.entries) {
                    if (e instanceof ToolStep t && t.toolUseId().equals(toolUseId)) {
                        return Optional.of(t);
                    }
                }
                return Optional.<ToolStep>empty();
            }
        });
    }

    @Override
    public int nextSeq(String runId) {
        return run(runId).seq.incrementAndGet();
    }

    /** How many runs' journals are held now. */
    public int runsHeld() {
        synchronized (runs) {
            return runs.size();
        }
    }
}
