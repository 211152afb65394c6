package dev.mainstay.journal.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mainstay.json.Json;
import dev.mainstay.journal.ApprovalDecided;
import dev.mainstay.journal.PlanFixed;
import dev.mainstay.journal.PolicyDecision;
import dev.mainstay.journal.PolicyEntry;
import dev.mainstay.policy.Verdict;
import java.util.LinkedHashMap;

/** The security entries of the journal (version 3 on). Field names are the wire contract. */
public final class PolicyJson {
    static final String PLAN_FIXED = "plan_fixed";
    static final String POLICY_DECISION = "policy_decision";
    static final String APPROVAL_DECIDED = "approval_decided";

    private PolicyJson() {}

    static ObjectNode encode(PolicyEntry entry) {
        return switch (entry) {
            case PlanFixed e -> {
                var node = Json.object().put("type", PLAN_FIXED);
                var plan = node.putObject("side_effects");
                e.sideEffects().forEach(plan::put);
                node.put("boundary", e.boundary()).put("at", e.at().toString());
                yield node;
            }
            case PolicyDecision e -> {
                var node = Json.object().put("type", POLICY_DECISION).put("step", e.step())
                        .put("tool_use_id", e.toolUseId()).put("tool", e.tool());
                node.set("input", e.input());
                node.setAll(verdict(e.verdict()));
                node.put("at", e.at().toString());
                yield node;
            }
            case ApprovalDecided e -> Json.object().put("type", APPROVAL_DECIDED).put("tool_use_id", e.toolUseId())
                    .put("decision", e.approved() ? "approve" : "deny").put("by", e.by()).put("comment", e.comment())
                    .put("at", e.at().toString());
        };
    }

    /** A verdict's fields: {@code verdict} (kind), {@code rule}, {@code reason} and, for a denial, {@code ends_run}. */
    public static ObjectNode verdict(Verdict verdict) {
        var node = Json.object().put("verdict", verdict.kind()).put("rule", verdict.rule())
                .put("reason", verdict.reason());
        if (verdict instanceof Verdict.Deny deny) {
            node.put("ends_run", deny.endsRun());
        }
        return node;
    }

    static PolicyEntry decode(String type, ObjectNode n) {
        return switch (type) {
            case PLAN_FIXED -> {
                var plan = new LinkedHashMap<String, Integer>();
                Fields.object(n, "side_effects").properties().forEach(e -> plan.put(e.getKey(), e.getValue().asInt()));
                yield new PlanFixed(plan, n.path("boundary").asText(""), Fields.instant(n, "at"));
            }
            case POLICY_DECISION -> new PolicyDecision(n.path("step").asInt(), Fields.text(n, "tool_use_id"),
                    Fields.text(n, "tool"), Fields.object(n, "input"), readVerdict(n), Fields.instant(n, "at"));
            case APPROVAL_DECIDED -> {
                var decision = Fields.text(n, "decision");
                if (!decision.equals("approve") && !decision.equals("deny")) {
                    throw new IllegalArgumentException("journal entry field 'decision' must be approve or deny");
                }
                yield new ApprovalDecided(Fields.text(n, "tool_use_id"), decision.equals("approve"),
                        Fields.text(n, "by"), n.path("comment").asText(""), Fields.instant(n, "at"));
            }
            default -> throw new IllegalArgumentException("unknown journal entry type '" + type + "'");
        };
    }

    private static Verdict readVerdict(ObjectNode n) {
        var rule = Fields.text(n, "rule");
        var reason = Fields.text(n, "reason");
        return switch (Fields.text(n, "verdict")) {
            case "allow" -> new Verdict.Allow(rule, reason);
            case "deny" -> new Verdict.Deny(rule, reason, n.path("ends_run").asBoolean());
            case "needs_approval" -> new Verdict.NeedsApproval(rule, reason);
            default -> throw new IllegalArgumentException("journal entry field 'verdict' must be allow, deny or"
                    + " needs_approval");
        };
    }
}
