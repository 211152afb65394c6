package dev.mainstay.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mainstay.approval.ApprovalDecision;
import dev.mainstay.approval.ApprovalOutcome;
import dev.mainstay.approval.Approvals;
import dev.mainstay.approval.PendingApproval;
import dev.mainstay.journal.ApprovalDecided;
import dev.mainstay.journal.JournalEntry;
import dev.mainstay.journal.PolicyDecision;
import dev.mainstay.journal.Recorded;
import dev.mainstay.json.Json;
import dev.mainstay.policy.Verdict;
import dev.mainstay.run.RunStopReason;
import dev.mainstay.store.Claim;
import dev.mainstay.store.RunEnd;
import dev.mainstay.store.RunRecord;
import dev.mainstay.store.RunStatus;
import dev.mainstay.store.Store;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The approvals of stored runs, for the service ({@code /v1/runs/{id}/approvals}) and the CLI ({@code mainstay runs
 * approve|deny}): what a paused run waits for, the decisions taken, and one person's decision on one call, taking
 * effect exactly once.
 *
 * <p>A decision on a run paused {@code awaiting_approval}: this node claims the paused run
 * ({@link dev.mainstay.store.RunQueue#claimPaused}, a new lease epoch that fences out anything older), journals the
 * decision under that fence ({@link Approvals#decide}; the store's unique index admits one decision per call), then
 * queues the run again for a worker — or parks it again while other calls of it still wait. A crash between the
 * decision and the re-queue leaves the run running under this node's lease; when the lease expires a worker claims
 * it and resumes it from its journal, decision included. A crash before the decision leaves the same, and the
 * resumed run pauses again for the same call. Either way the decision is never lost once answered, and never taken
 * twice.
 *
 * <p>Callers check who may see the run; this class checks nothing of the caller. Thread-safe.
 */
public final class RunApprovals {
    private static final Logger log = LoggerFactory.getLogger(RunApprovals.class);

    private final Store store;
    private final String node;
    private final Duration lease;
    private final InstantSource clock;

    /**
     * @param node the name this node claims paused runs under (its worker name), recorded with the decision
     * @param lease how long a claim for a decision holds: after a crash, how soon a worker resumes the run
     */
    public RunApprovals(Store store, String node, Duration lease, InstantSource clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.node = Objects.requireNonNull(node, "node");
        this.lease = Objects.requireNonNull(lease, "lease");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A decision journaled for a call: which call, what was decided, by whom, when, and on which node. */
    public record Decided(String toolUseId, String tool, boolean approved, String by, String reason, Instant at,
            Optional<String> node) {
        public Decided {
            Objects.requireNonNull(toolUseId, "toolUseId");
            Objects.requireNonNull(tool, "tool");
            Objects.requireNonNull(by, "by");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(node, "node");
        }

        public ObjectNode toJson() {
            var json = Json.object().put("tool_use_id", toolUseId).put("tool", tool)
                    .put("decision", approved ? "approve" : "deny").put("by", by);
            if (reason.isEmpty()) {
                json.putNull("reason");
            } else {
                json.put("reason", reason);
            }
            json.put("decided_at", at.toString());
            node.ifPresentOrElse(n -> json.put("node", n), () -> json.putNull("node"));
            return json;
        }
    }

    /** What a run waits for (empty once it ended) and what was decided, in journal order. */
    public record View(RunRecord run, List<PendingApproval> pending, List<Decided> decisions) {
        public View {
            Objects.requireNonNull(run, "run");
            pending = List.copyOf(pending);
            decisions = List.copyOf(decisions);
        }

        public ObjectNode toJson() {
            var json = Json.object().put("object", "run.approvals").put("run_id", run.id())
                    .put("status", run.status().wire());
            var waiting = json.putArray("pending");
            for (var p : pending) {
                var item = waiting.addObject().put("tool_use_id", p.toolUseId()).put("tool", p.tool())
                        .put("step", p.step()).put("rule", p.rule()).put("reason", p.reason())
                        .put("requested_at", p.requestedAt().toString());
                item.set("input", p.input());
            }
            var decided = json.putArray("decisions");
            decisions.forEach(d -> decided.add(d.toJson()));
            return json;
        }
    }

    /** What became of a decision: expected outcomes, as values. */
    public sealed interface Outcome {
        /**
         * Journaled; {@code runStatus} is what the run was handed on as: {@code queued} again for a worker (which may
         * have claimed it by the time the caller looks), {@code cancelled} when its cancellation was asked for, or
         * {@code awaiting_approval} while other calls still wait.
         */
        record Recorded(Decided decision, RunStatus runStatus) implements Outcome {}

        /** The call was decided before (one decision per call): {@code previous} stands. */
        record AlreadyDecided(Decided previous) implements Outcome {}

        /** The call asked for approval, but the run does not wait for it now (running, resumed, ended). */
        record NotPending(String why) implements Outcome {}

        /** The run has no call of that tool_use id that asked for approval. */
        record UnknownCall(String why) implements Outcome {}
    }

    /** The run's pending calls and decisions, read from its journal. */
    public View view(RunRecord run) {
        var journal = store.journal().read(run.id());
        var entries = journal.stream().map(Recorded::entry).toList();
        var pending = run.status().isFinished() ? List.<PendingApproval>of() : Approvals.pending(run.id(), entries);
        var nodes = store.journalNodes(run.id());
        var decisions = new ArrayList<Decided>();
        for (var recorded : journal) {
            if (recorded.entry() instanceof ApprovalDecided d) {
                decisions.add(decided(d, recorded.seq(), entries, nodes));
            }
        }
        return new View(run, pending, decisions);
    }

    /**
     * Takes {@code decision} on the call of {@code run} it names, as described in the class comment.
     *
     * @throws dev.mainstay.store.StoreException or {@link dev.mainstay.journal.JournalException} when the database
     *     fails; the run is then left to its lease, and resumes on a worker with or without the decision
     */
    public Outcome decide(RunRecord run, ApprovalDecision decision) {
        var entries = entries(run.id());
        var previous = previous(run.id(), decision.toolUseId());
        if (previous.isPresent()) {
            return new Outcome.AlreadyDecided(previous.get());
        }
        if (asked(entries, decision.toolUseId()).isEmpty()) {
            return new Outcome.UnknownCall("run " + run.id() + " has no call " + decision.toolUseId()
                    + " that asked for approval");
        }
        var claim = store.queue().claimPaused(run.tenantId(), run.id(), node, clock.instant(), lease);
        if (claim.isEmpty()) {
            var now = store.runs().find(run.tenantId(), run.id()).map(r -> r.status().wire()).orElse("gone");
            return previous(run.id(), decision.toolUseId()).<Outcome>map(Outcome.AlreadyDecided::new)
                    .orElseGet(() -> new Outcome.NotPending("run " + run.id() + " is " + now
                            + "; a decision is taken only while it is awaiting_approval"));
        }
        var outcome = Approvals.decide(store.journal(), claim.get().fence(), decision, clock);
        var status = handOn(claim.get());
        return switch (outcome) {
            case ApprovalOutcome.Recorded recorded -> new Outcome.Recorded(decided(recorded.decision(),
                    recorded.seq(), entries, store.journalNodes(run.id())), status);
            case ApprovalOutcome.AlreadyDecided already -> new Outcome.AlreadyDecided(
                    previous(run.id(), decision.toolUseId()).orElseThrow());
            case ApprovalOutcome.NotPending notPending -> new Outcome.NotPending(notPending.why());
        };
    }

    /**
     * Queues the claimed run again when no call waits any more, else parks it again as it was. When this fails the
     * run keeps the claim until its lease expires, and a worker resumes it (reported as running).
     */
    private RunStatus handOn(Claim claim) {
        var run = claim.run();
        try {
            if (Approvals.pending(run.id(), entries(run.id())).isEmpty()) {
                store.queue().release(claim.fence(), clock.instant());
                return store.runs().find(run.tenantId(), run.id()).filter(r -> r.status() == RunStatus.CANCELLED)
                        .map(RunRecord::status).orElse(RunStatus.QUEUED);
            }
            store.queue().finish(claim.fence(), new RunEnd(RunStopReason.AWAITING_APPROVAL,
                    run.output().orElse(""), run.error(), run.usage(), run.cost(), clock.instant()));
            return RunStatus.AWAITING_APPROVAL;
        } catch (RuntimeException e) {
            log.warn("run {} could not be handed on after a decision ({}); it resumes when its lease expires",
                    run.id(), e.toString());
            return RunStatus.RUNNING;
        }
    }

    private Optional<Decided> previous(String runId, String toolUseId) {
        var journal = store.journal().read(runId);
        var entries = journal.stream().map(Recorded::entry).toList();
        for (var recorded : journal) {
            if (recorded.entry() instanceof ApprovalDecided d && d.toolUseId().equals(toolUseId)) {
                return Optional.of(decided(d, recorded.seq(), entries, store.journalNodes(runId)));
            }
        }
        return Optional.empty();
    }

    private Decided decided(ApprovalDecided d, long seq, List<JournalEntry> entries, Map<Long, String> nodes) {
        var tool = asked(entries, d.toolUseId()).map(PolicyDecision::tool).orElse("");
        return new Decided(d.toolUseId(), tool, d.approved(), d.by(), d.comment(), d.at(),
                Optional.ofNullable(nodes.get(seq)));
    }

    private static Optional<PolicyDecision> asked(List<JournalEntry> entries, String toolUseId) {
        return entries.stream().filter(e -> e instanceof PolicyDecision p && p.toolUseId().equals(toolUseId)
                && p.verdict() instanceof Verdict.NeedsApproval).map(PolicyDecision.class::cast).findFirst();
    }

    private List<JournalEntry> entries(String runId) {
        return store.journal().read(runId).stream().map(Recorded::entry).toList();
    }
}
