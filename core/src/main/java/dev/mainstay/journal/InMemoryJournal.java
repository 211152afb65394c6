package dev.mainstay.journal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** A journal in memory, for the CLI, tests and single-process use. Entries are lost with the process. */
public final class InMemoryJournal implements Journal {
    private final Map<String, List<JournalEntry>> entries = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> seqs = new ConcurrentHashMap<>();

    @Override
    public void append(JournalEntry entry) {
        var list = entries.computeIfAbsent(entry.runId(), k -> new ArrayList<>());
        synchronized (list) {
            if (entry instanceof ToolStep tool && list.stream()
                    .anyMatch(e -> e instanceof ToolStep t && t.toolUseId().equals(tool.toolUseId()))) {
                throw new IllegalStateException("tool_use " + tool.toolUseId() + " is already journaled");
            }
            list.add(entry);
        }
    }

    @Override
    public List<JournalEntry> read(String runId) {
        var list = entries.get(runId);
        if (list == null) {
            return List.of();
        }
        synchronized (list) {
            var copy = new ArrayList<>(list);
            copy.sort(Comparator.comparingInt(JournalEntry::seq));
            return List.copyOf(copy);
        }
    }

    @Override
    public Optional<ToolStep> findToolStep(String runId, String toolUseId) {
        return read(runId).stream()
                .filter(e -> e instanceof ToolStep t && t.toolUseId().equals(toolUseId))
                .map(ToolStep.class::cast)
                .findFirst();
    }

    @Override
    public int nextSeq(String runId) {
        return seqs.computeIfAbsent(runId, k -> new AtomicInteger()).incrementAndGet();
    }
}
