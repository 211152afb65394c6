package dev.mainstay.journal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A journal in memory, for the CLI, tests and single-process use. Entries are lost with the process.
 *
 * <p>Fencing: each run remembers the highest lease epoch seen (from an append or from {@link #claim}); an append under
 * a lower epoch is refused. Bounded: it keeps the journals of the {@link #DEFAULT_MAX_RUNS} (or the configured number
 * of) runs most recently appended to and forgets older ones, so a long-lived process does not grow without limit; a
 * forgotten run cannot be resumed from this journal. Thread-safe.
 */
public final class InMemoryJournal implements Journal {
    /** How many runs' journals are kept by default. */
    public static final int DEFAULT_MAX_RUNS = 10_000;

    private final int maxRuns;
    private final Map<String, RunLog> runs;

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
            protected boolean removeEldestEntry(Map.Entry<String, RunLog> eldest) {
                return size() > InMemoryJournal.this.maxRuns;
            }
        };
    }

    /** One run's entries, its highest epoch, the tool_use ids with an outcome or a decision; guarded by the instance. */
    private static final class RunLog {
        final List<Recorded> entries = new ArrayList<>();
        final Set<String> toolOutcomes = new HashSet<>();
        final Set<String> approvals = new HashSet<>();
        long epoch;
    }

    private RunLog run(String runId) {
        synchronized (runs) {
            return runs.computeIfAbsent(runId, k -> new RunLog());
        }
    }

    private Optional<RunLog> existing(String runId) {
        synchronized (runs) {
            return Optional.ofNullable(runs.get(runId));
        }
    }

    @Override
    public long append(Fence fence, JournalEntry entry) {
        var run = run(fence.runId());
        synchronized (run) {
            if (fence.epoch() < run.epoch) {
                throw new FencedOutException(fence, run.epoch);
            }
            if (entry instanceof ToolStep tool && !run.toolOutcomes.add(tool.toolUseId())) {
                throw new IllegalStateException("tool_use " + tool.toolUseId() + " is already journaled");
            }
            if (entry instanceof ApprovalDecided decided && !run.approvals.add(decided.toolUseId())) {
                throw new IllegalStateException("tool_use " + decided.toolUseId() + " already has a decision");
            }
            run.epoch = fence.epoch();
            long seq = run.entries.size() + 1L;
            run.entries.add(new Recorded(seq, entry));
            return seq;
        }
    }

    @Override
    public List<Recorded> read(String runId) {
        return existing(runId).map(run -> {
            synchronized (run) {
                return List.copyOf(run.entries);
            }
        }).orElse(List.of());
    }

    /**
     * Claims {@code runId} for a new worker: returns a fence one epoch above any seen, after which appends under
     * older fences are refused. What a lease queue does on a claim.
     */
    public Fence claim(String runId) {
        var run = run(runId);
        synchronized (run) {
            run.epoch = Math.max(run.epoch, 0) + 1;
            return new Fence(runId, run.epoch);
        }
    }

    /** How many runs' journals are held now. */
    public int runsHeld() {
        synchronized (runs) {
            return runs.size();
        }
    }
}
