package dev.mainstay.policy;

import dev.mainstay.tool.ToolCall;
import dev.mainstay.tool.ToolSpec;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * What a tool-call policy knows about the run a call belongs to, handed to the chain in
 * {@link dev.mainstay.tool.ToolContext#policy()}: the agent's {@link AgentPolicy}, the run's labelled context, its
 * plan and how much of it is used, a person's decision on this very call, and the verdict already journaled for it.
 * The policy link {@link #report}s its verdict here; the loop journals it and emits it before the link acts on it.
 * One per call; thread-safe.
 */
public final class PolicyContext {

    /** A person's decision on a call, as the policy sees it. */
    public record ApprovalView(boolean approved, String by) {
        public ApprovalView {
            Objects.requireNonNull(by, "by");
        }
    }

    /** No policy at all: everything is allowed and nothing is reported anywhere. */
    public static final PolicyContext NONE = new PolicyContext("", AgentPolicy.NONE, LabeledContext.empty(),
            Plan.EMPTY, 0, false, Optional.empty(), Optional.empty(), v -> {});

    private final String agent;
    private final AgentPolicy policy;
    private final LabeledContext context;
    private final Plan plan;
    private final int plannedUsed;
    private final boolean injectionSuspected;
    private final Optional<ApprovalView> approval;
    private final Optional<Verdict> journaled;
    private final Consumer<Verdict> sink;
    private final AtomicReference<Verdict> reported = new AtomicReference<>();

    /**
     * @param plannedUsed calls of this call's tool that took a planned slot before it: journaled in this run, and
     *     earlier in the same answer
     * @param injectionSuspected whether the detector flagged untrusted content in the context
     * @param approval a person's decision on this call, if one was journaled
     * @param journaled the verdict already journaled for this call (a resumed run)
     * @param sink where reported verdicts go: the loop journals and emits them
     */
    public PolicyContext(String agent, AgentPolicy policy, LabeledContext context, Plan plan, int plannedUsed,
            boolean injectionSuspected, Optional<ApprovalView> approval, Optional<Verdict> journaled,
            Consumer<Verdict> sink) {
        this.agent = Objects.requireNonNull(agent, "agent");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.context = Objects.requireNonNull(context, "context");
        this.plan = Objects.requireNonNull(plan, "plan");
        this.plannedUsed = plannedUsed;
        this.injectionSuspected = injectionSuspected;
        this.approval = Objects.requireNonNull(approval, "approval");
        this.journaled = Objects.requireNonNull(journaled, "journaled");
        this.sink = Objects.requireNonNull(sink, "sink");
    }

    public String agent() {
        return agent;
    }

    public AgentPolicy policy() {
        return policy;
    }

    public LabeledContext context() {
        return context;
    }

    public Plan plan() {
        return plan;
    }

    public int plannedUsed() {
        return plannedUsed;
    }

    public boolean injectionSuspected() {
        return injectionSuspected;
    }

    public Optional<ApprovalView> approval() {
        return approval;
    }

    public Optional<Verdict> journaled() {
        return journaled;
    }

    /**
     * The verdict on {@code call}: a person's approval allows it; a verdict already journaled for it stands (a
     * resumed run does not decide again); otherwise the agent's policy decides.
     */
    public Verdict decide(ToolSpec spec, ToolCall call) {
        if (approval.isPresent() && approval.get().approved()) {
            return new Verdict.Allow(Verdict.Rules.APPROVED, "approved by " + approval.get().by());
        }
        if (journaled.isPresent()) {
            return journaled.get();
        }
        return policy.decide(spec, call, this);
    }

    /** Tells the run the verdict the policy link is about to act on; the first report counts. */
    public void report(Verdict verdict) {
        Objects.requireNonNull(verdict, "verdict");
        if (this != NONE && reported.compareAndSet(null, verdict)) {
            sink.accept(verdict);
        }
    }

    /** The verdict reported for this call, if any. */
    public Optional<Verdict> reported() {
        return Optional.ofNullable(reported.get());
    }
}
