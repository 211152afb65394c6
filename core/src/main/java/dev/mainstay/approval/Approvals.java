package dev.mainstay.approval;

import dev.mainstay.journal.ApprovalDecided;
import dev.mainstay.journal.Fence;
import dev.mainstay.journal.Journal;
import dev.mainstay.journal.JournalEntry;
import dev.mainstay.journal.PolicyDecision;
import dev.mainstay.journal.Recorded;
import dev.mainstay.journal.RunClosed;
import dev.mainstay.journal.RunOpened;
import dev.mainstay.journal.ToolStep;
import dev.mainstay.policy.Verdict;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Approvals, read from and written to a run's journal — the API a host (the CLI, the service's
 * {@code POST /v1/runs/{id}/approvals}) uses around a run that ended an execution as
 * {@link dev.mainstay.run.RunStopReason#AWAITING_APPROVAL}:
 *
 * <ol>
 *   <li>{@link #pending} lists the calls waiting for a person, with the call's input and the policy's reason;
 *   <li>{@link #decide} journals one person's decision on one call, under the host's fence — at most one per call,
 *       even when two requests race (the journal refuses the second);
 *   <li>the host runs the run again ({@code AgentLoop.run} with the same request): the fold finds the decision, an
 *       approved call runs (its intent journaled first, so it happens at most once across crashes), a denied one is
 *       reported to the model as denied, and the time spent waiting is added to the run's deadline.
 * </ol>
 *
 * Stateless and thread-safe.
 */
public final class Approvals {
    private Approvals() {}

    /** The calls of {@code runId} awaiting a person, in the order they were asked; empty once the run closed. */
    public static List<PendingApproval> pending(Journal journal, String runId) {
        return pending(runId, journal.read(runId).stream().map(Recorded::entry).toList());
    }

    /** The calls awaiting a person in a run's entries (a {@code RunResult}'s steps, or its whole journal). */
    public static List<PendingApproval> pending(String runId, List<? extends JournalEntry> entries) {
        var asked = new java.util.LinkedHashMap<String, PolicyDecision>();
        var settled = new HashSet<String>();
        for (var entry : entries) {
            switch (entry) {
                case PolicyDecision d when d.verdict() instanceof Verdict.NeedsApproval -> asked.put(d.toolUseId(), d);
                case ApprovalDecided d -> settled.add(d.toolUseId());
                case ToolStep s -> settled.add(s.toolUseId());
                case RunClosed c -> {
                    return List.of();
                }
                default -> {
                    // nothing to do with approvals
                }
            }
        }
        var pending = new ArrayList<PendingApproval>();
        asked.values().stream().filter(d -> !settled.contains(d.toolUseId())).forEach(d -> pending.add(
                new PendingApproval(runId, d.step(), d.toolUseId(), d.tool(), d.input(), d.verdict().rule(),
                        d.verdict().reason(), d.at())));
        return pending;
    }

    /** The decision journaled for {@code toolUseId}, if any. */
    public static Optional<ApprovalDecided> decision(List<? extends JournalEntry> entries, String toolUseId) {
        return entries.stream().filter(e -> e instanceof ApprovalDecided d && d.toolUseId().equals(toolUseId))
                .map(ApprovalDecided.class::cast).findFirst();
    }

    /**
     * Journals {@code decision} for the run of {@code fence}, if that call awaits one. The host holds the run's
     * lease while it writes (the service claims the paused run, so a stale worker is fenced out), then resumes it.
     *
     * @throws dev.mainstay.journal.FencedOutException when another worker holds the run under a newer epoch
     * @throws dev.mainstay.journal.JournalException when the journal cannot be read or written
     */
    public static ApprovalOutcome decide(Journal journal, Fence fence, ApprovalDecision decision,
            InstantSource clock) {
        var entries = journal.read(fence.runId()).stream().map(Recorded::entry).toList();
        var previous = decision(entries, decision.toolUseId());
        if (previous.isPresent()) {
            return new ApprovalOutcome.AlreadyDecided(previous.get());
        }
        if (entries.isEmpty() || !(entries.getFirst() instanceof RunOpened)) {
            return new ApprovalOutcome.NotPending("run " + fence.runId() + " does not exist");
        }
        boolean waiting = pending(fence.runId(), entries).stream()
                .anyMatch(p -> p.toolUseId().equals(decision.toolUseId()));
        if (!waiting) {
            return new ApprovalOutcome.NotPending("run " + fence.runId() + " has no call " + decision.toolUseId()
                    + " awaiting approval");
        }
        var entry = new ApprovalDecided(decision.toolUseId(), decision.approved(), decision.by(), decision.comment(),
                clock.instant());
        try {
            return new ApprovalOutcome.Recorded(journal.append(fence, entry), entry);
        } catch (IllegalStateException raced) {
            var winner = decision(journal.read(fence.runId()).stream().map(Recorded::entry).toList(),
                    decision.toolUseId());
            if (winner.isPresent()) {
                return new ApprovalOutcome.AlreadyDecided(winner.get());
            }
            throw raced;
        }
    }

    /** Every decision journaled in {@code entries}, by tool_use id. */
    public static Map<String, ApprovalDecided> decisions(List<? extends JournalEntry> entries) {
        var out = new HashMap<String, ApprovalDecided>();
        entries.forEach(e -> {
            if (e instanceof ApprovalDecided d) {
                out.putIfAbsent(d.toolUseId(), d);
            }
        });
        return out;
    }
}
