package dev.mainstay.agent;

import dev.mainstay.journal.ApprovalDecided;
import dev.mainstay.journal.PlanFixed;
import dev.mainstay.journal.PolicyDecision;
import dev.mainstay.journal.PolicyEntry;
import dev.mainstay.journal.StepError;
import dev.mainstay.policy.LabeledContext;
import dev.mainstay.policy.Plan;
import dev.mainstay.policy.Verdict;
import dev.mainstay.run.RunStopReason;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The security part of a run's state, as {@link RunFold} makes it of the journal's {@link PolicyEntry}s: the plan and
 * spotlighting boundary fixed at the opening, the verdict journaled for each call, each person's decision, how many
 * planned calls each tool used, and whether a denial ends the run. Written by the fold under the run state's lock;
 * read by tool threads, hence synchronized.
 */
final class RunSecurity {
    private boolean planFixed;
    private Plan plan = Plan.EMPTY;
    private String boundary = "";
    private final Map<String, Verdict> verdicts = new HashMap<>();
    private final Map<String, ApprovalDecided> decisions = new HashMap<>();
    private final Map<String, Integer> plannedUsed = new HashMap<>();
    private final Map<String, String> toolOf = new HashMap<>();
    private Instant awaitingSince;
    private Next.Finish stop;

    synchronized void fold(RunState state, PolicyEntry entry) {
        switch (entry) {
            case PlanFixed fixed -> {
                planFixed = true;
                plan = new Plan(fixed.sideEffects());
                boundary = fixed.boundary();
            }
            case PolicyDecision decision -> {
                verdicts.putIfAbsent(decision.toolUseId(), decision.verdict());
                toolOf.put(decision.toolUseId(), decision.tool());
                switch (decision.verdict()) {
                    case Verdict.Allow allow when consumesPlan(allow) ->
                            plannedUsed.merge(decision.tool(), 1, Integer::sum);
                    case Verdict.Allow allow -> {
                        // read-only or approved: no planned slot
                    }
                    case Verdict.Deny deny when deny.endsRun() -> stop = new Next.Finish(RunStopReason.POLICY_DENIED,
                            Optional.of(new StepError("policy_denied", decision.tool() + ": " + deny.reason())));
                    case Verdict.Deny deny -> {
                        // the model is told; the run goes on
                    }
                    case Verdict.NeedsApproval ignored -> {
                        if (awaitingSince == null) {
                            awaitingSince = decision.at();
                        }
                    }
                }
            }
            case ApprovalDecided decided -> {
                decisions.putIfAbsent(decided.toolUseId(), decided);
                if (awaitingSince != null) {
                    // time spent waiting for a person does not count against the run's deadline
                    var waited = Duration.between(awaitingSince, decided.at());
                    if (!waited.isNegative()) {
                        state.extendDeadline(waited);
                    }
                    awaitingSince = anyAwaiting() ? decided.at() : null;
                }
            }
        }
    }

    private static boolean consumesPlan(Verdict.Allow allow) {
        return allow.rule().equals(Verdict.Rules.PLANNED) || allow.rule().equals(Verdict.Rules.TRUSTED_CONTEXT);
    }

    private boolean anyAwaiting() {
        return verdicts.entrySet().stream().anyMatch(e -> e.getValue() instanceof Verdict.NeedsApproval
                && !decisions.containsKey(e.getKey()));
    }

    synchronized boolean planFixed() {
        return planFixed;
    }

    synchronized Plan plan() {
        return plan;
    }

    synchronized String boundary() {
        return boundary;
    }

    synchronized Optional<Verdict> verdict(String toolUseId) {
        return Optional.ofNullable(verdicts.get(toolUseId));
    }

    synchronized Optional<ApprovalDecided> decision(String toolUseId) {
        return Optional.ofNullable(decisions.get(toolUseId));
    }

    /** Whether the call waits for a person: it needed approval and nobody decided yet. */
    synchronized boolean awaiting(String toolUseId) {
        return verdicts.get(toolUseId) instanceof Verdict.NeedsApproval && !decisions.containsKey(toolUseId);
    }

    synchronized int plannedUsed(String tool) {
        return plannedUsed.getOrDefault(tool, 0);
    }

    synchronized Next.Finish stop() {
        return stop;
    }

    /** The run's context as it stands, every block labelled. */
    static LabeledContext context(RunState state) {
        var tools = state.agent.tools();
        return LabeledContext.of(state.agent.systemPrompt(), state.messages,
                name -> tools.find(name).map(t -> t.spec().outputTrust()));
    }
}
