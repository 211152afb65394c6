package dev.mainstay.policy;

import dev.mainstay.policy.internal.TaintRules;
import dev.mainstay.tool.ToolCall;
import dev.mainstay.tool.ToolSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An agent's security configuration ({@link dev.mainstay.agent.AgentSpec#security()}), with per-tool
 * {@link ToolRule}s. Two layers, each on its own switch:
 *
 * <ul>
 *   <li>the <b>policy</b> ({@link #enforced()}), enforced by {@link PolicyInterceptor} in the tool chain's POLICY
 *       slot: once untrusted content is in the run's context, a side-effecting call runs only if the user's task
 *       planned it ({@link #planThenExecute()}) — otherwise it needs approval or is denied ({@link #unplanned()}) — and
 *       no call's {@link dev.mainstay.tool.ArgumentRole#CONTROLLED controlled} argument may carry a value found only
 *       in untrusted content;
 *   <li><b>spotlighting</b> ({@link #spotlight()}), applied by the loop to every model request.
 * </ul>
 *
 * The injection detector ({@link #detector()}) reports suspected injections as events and metrics, and blocks side
 * effects only when {@link #blockSuspectedInjections()}. Immutable and thread-safe; {@link #NONE} turns everything
 * off.
 */
public final class AgentPolicy {
    /** What an unplanned side effect gets once untrusted content is in the context. */
    public enum Unplanned { APPROVE, DENY }

    /** What a denied call does to the run. */
    public enum OnDeny {
        /** The model is told the call was denied and why; the run goes on. */
        TELL_MODEL,
        /** The run ends as {@code policy_denied}. */
        END_RUN
    }

    public static final Unplanned DEFAULT_UNPLANNED = Unplanned.APPROVE;
    public static final OnDeny DEFAULT_ON_DENY = OnDeny.TELL_MODEL;

    /** No policy, no spotlighting, no detector: runs are journaled exactly as without security. */
    public static final AgentPolicy NONE = new Builder().enforced(false).planThenExecute(false)
            .detector(InjectionDetector.NONE).build();

    private final boolean enforced;
    private final boolean planThenExecute;
    private final boolean spotlight;
    private final boolean blockSuspectedInjections;
    private final Unplanned unplanned;
    private final OnDeny onDeny;
    private final InjectionDetector detector;
    private final Planner planner;
    private final Map<String, ToolRule> rules;

    private AgentPolicy(Builder b) {
        this.enforced = b.enforced;
        this.planThenExecute = b.planThenExecute;
        this.spotlight = b.spotlight;
        this.blockSuspectedInjections = b.blockSuspectedInjections;
        this.unplanned = b.unplanned;
        this.onDeny = b.onDeny;
        this.detector = b.detector;
        this.rules = Map.copyOf(b.rules);
        this.planner = b.planner != null ? b.planner : new CuePlanner(rules);
    }

    /** The defaults: policy enforced with plan-then-execute, unplanned side effects need approval, no spotlighting. */
    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        var b = new Builder().enforced(enforced).planThenExecute(planThenExecute).spotlight(spotlight)
                .blockSuspectedInjections(blockSuspectedInjections).unplanned(unplanned).onDeny(onDeny)
                .detector(detector);
        rules.values().forEach(b::rule);
        if (!(planner instanceof CuePlanner)) {
            b.planner(planner);
        }
        return b;
    }

    /** Whether the POLICY link enforces this policy; when false it allows every call. */
    public boolean enforced() {
        return enforced;
    }

    public boolean planThenExecute() {
        return planThenExecute;
    }

    public boolean spotlight() {
        return spotlight;
    }

    public boolean blockSuspectedInjections() {
        return blockSuspectedInjections;
    }

    public Unplanned unplanned() {
        return unplanned;
    }

    public OnDeny onDeny() {
        return onDeny;
    }

    public InjectionDetector detector() {
        return detector;
    }

    public Planner planner() {
        return planner;
    }

    public Optional<ToolRule> rule(String tool) {
        return Optional.ofNullable(rules.get(tool));
    }

    public Map<String, ToolRule> rules() {
        return rules;
    }

    /** Whether a run of this agent fixes a plan and a spotlighting boundary when it opens. */
    public boolean fixesPlan() {
        return enforced && planThenExecute || spotlight;
    }

    /** The verdict on {@code call} of the tool {@code spec} in the run {@code context} describes. */
    public Verdict decide(ToolSpec spec, ToolCall call, PolicyContext context) {
        return TaintRules.decide(this, spec, call, context);
    }

    /** Builds an {@link AgentPolicy}; rejects contradictory settings when built. Not thread-safe. */
    public static final class Builder {
        private boolean enforced = true;
        private boolean planThenExecute = true;
        private boolean spotlight;
        private boolean blockSuspectedInjections;
        private Unplanned unplanned = DEFAULT_UNPLANNED;
        private OnDeny onDeny = DEFAULT_ON_DENY;
        private InjectionDetector detector = InjectionDetector.heuristic();
        private Planner planner;
        private final Map<String, ToolRule> rules = new LinkedHashMap<>();

        private Builder() {}

        public Builder enforced(boolean value) {
            this.enforced = value;
            return this;
        }

        public Builder planThenExecute(boolean value) {
            this.planThenExecute = value;
            return this;
        }

        public Builder spotlight(boolean value) {
            this.spotlight = value;
            return this;
        }

        public Builder blockSuspectedInjections(boolean value) {
            this.blockSuspectedInjections = value;
            return this;
        }

        public Builder unplanned(Unplanned value) {
            this.unplanned = Objects.requireNonNull(value, "unplanned");
            return this;
        }

        public Builder onDeny(OnDeny value) {
            this.onDeny = Objects.requireNonNull(value, "onDeny");
            return this;
        }

        public Builder detector(InjectionDetector value) {
            this.detector = Objects.requireNonNull(value, "detector");
            return this;
        }

        /** Replaces the default {@link CuePlanner}. */
        public Builder planner(Planner value) {
            this.planner = Objects.requireNonNull(value, "planner");
            return this;
        }

        public Builder rule(ToolRule rule) {
            rules.put(rule.tool(), rule);
            return this;
        }

        public AgentPolicy build() {
            var problems = new ArrayList<String>();
            if (blockSuspectedInjections && detector == InjectionDetector.NONE) {
                problems.add("blockSuspectedInjections needs a detector, but the detector is NONE");
            }
            if (!enforced && blockSuspectedInjections) {
                problems.add("blockSuspectedInjections needs the policy enforced");
            }
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException(String.join("; ", problems));
            }
            return new AgentPolicy(this);
        }
    }
}
