package dev.mainstay.policy.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mainstay.policy.AgentPolicy;
import dev.mainstay.policy.PolicyContext;
import dev.mainstay.policy.Verdict;
import dev.mainstay.policy.Verdict.Rules;
import dev.mainstay.tool.ArgumentRole;
import dev.mainstay.tool.ToolCall;
import dev.mainstay.tool.ToolEffect;
import dev.mainstay.tool.ToolSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * The built-in rules, in the order they are checked:
 *
 * <ol>
 *   <li>a tool the agent's rules deny, or always send for approval;
 *   <li>controlled arguments: none may carry a value found only in untrusted content (a grounded one must be found
 *       in trusted content) — for every tool, since a read-only call can leak data through a URL as well;
 *   <li>a call without side effects is allowed;
 *   <li>with nothing untrusted in the context yet, a side effect is allowed: nothing a third party wrote can have
 *       asked for it;
 *   <li>a suspected injection in the context blocks side effects, when the policy says so;
 *   <li>a side effect the user's task planned, while planned calls of its tool remain, is allowed;
 *   <li>any other side effect needs approval, or is denied.
 * </ol>
 */
public final class TaintRules {
    private TaintRules() {}

    public static Verdict decide(AgentPolicy policy, ToolSpec spec, ToolCall call, PolicyContext run) {
        if (!policy.enforced()) {
            return new Verdict.Allow(Rules.READ_ONLY, "no policy is enforced for this agent");
        }
        var tool = spec.name();
        var rule = policy.rule(tool);
        boolean endsRun = policy.onDeny() == AgentPolicy.OnDeny.END_RUN;
        if (rule.isPresent() && rule.get().denied()) {
            return new Verdict.Deny(Rules.TOOL_DENIED, "the agent's policy does not allow " + tool, endsRun);
        }
        var context = run.context();
        var grounded = rule.map(r -> r.grounded()).orElse(java.util.Set.of());
        for (var argument : controlled(spec, grounded)) {
            for (var value : values(call.input().get(argument))) {
                if (grounded.contains(argument) && context.hasUntrusted() && !context.inTrusted(value)) {
                    return new Verdict.Deny(Rules.CONTROLLED_ARGUMENT, "argument '" + argument + "' of " + tool
                            + " must come from the user or other trusted content, and its value does not", endsRun);
                }
                if (context.onlyInUntrusted(value)) {
                    return new Verdict.Deny(Rules.CONTROLLED_ARGUMENT, "argument '" + argument + "' of " + tool
                            + " carries a value that appears only in untrusted content", endsRun);
                }
            }
        }
        if (rule.isPresent() && rule.get().alwaysApprove()) {
            return new Verdict.NeedsApproval(Rules.TOOL_REQUIRES_APPROVAL, "every " + tool + " call needs approval");
        }
        if (spec.effect() != ToolEffect.SIDE_EFFECT) {
            return new Verdict.Allow(Rules.READ_ONLY, tool + " has no side effect");
        }
        if (!context.hasUntrusted()) {
            return new Verdict.Allow(Rules.TRUSTED_CONTEXT, "nothing untrusted is in the run's context");
        }
        if (policy.blockSuspectedInjections() && run.injectionSuspected()) {
            return new Verdict.Deny(Rules.INJECTION_SUSPECTED, "untrusted content in the run looks like a prompt"
                    + " injection, and the policy blocks side effects after one", endsRun);
        }
        if (policy.planThenExecute() && run.plannedUsed() < run.plan().allowed(tool)) {
            return new Verdict.Allow(Rules.PLANNED, "the user's task asked for " + tool + " ("
                    + (run.plannedUsed() + 1) + " of " + run.plan().allowed(tool) + ")");
        }
        var why = run.plan().allowed(tool) == 0 ? "the user's task did not ask for " + tool
                : "the user's task asked for " + run.plan().allowed(tool) + " " + tool + " call(s), all made";
        var unplanned = rule.flatMap(r -> r.unplanned()).orElse(policy.unplanned());
        return unplanned == AgentPolicy.Unplanned.APPROVE
                ? new Verdict.NeedsApproval(Rules.UNPLANNED_SIDE_EFFECT, why + ", and untrusted content is in the"
                        + " run's context")
                : new Verdict.Deny(Rules.UNPLANNED_SIDE_EFFECT, why + ", and untrusted content is in the run's"
                        + " context", endsRun);
    }

    private static List<String> controlled(ToolSpec spec, java.util.Set<String> grounded) {
        var names = new ArrayList<String>();
        spec.arguments().forEach((name, role) -> {
            if (role == ArgumentRole.CONTROLLED || grounded.contains(name)) {
                names.add(name);
            }
        });
        grounded.stream().filter(g -> !names.contains(g)).forEach(names::add);
        return names;
    }

    /** The string values an argument carries: itself, or the strings inside an array or object. */
    private static List<String> values(JsonNode node) {
        var out = new ArrayList<String>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (node.isValueNode()) {
            out.add(node.asText());
        } else {
            node.elements().forEachRemaining(child -> out.addAll(values(child)));
        }
        return out;
    }
}
