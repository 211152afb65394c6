package dev.mainstay.journal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mainstay.json.internal.FrozenJson;
import dev.mainstay.policy.Verdict;
import java.time.Instant;
import java.util.Objects;

/**
 * The policy's verdict on one tool call, journaled before the call runs (an allowed side effect: before its
 * intent). Every verdict on a side-effecting call is journaled, and every denial or approval request on any call;
 * at most one per tool_use id, and a resumed run keeps it. A {@link Verdict.NeedsApproval} here with no
 * {@link ApprovalDecided} after it is a call awaiting a person.
 */
public record PolicyDecision(int step, String toolUseId, String tool, ObjectNode input, Verdict verdict, Instant at)
        implements PolicyEntry {
    public PolicyDecision {
        Objects.requireNonNull(toolUseId, "toolUseId");
        Objects.requireNonNull(tool, "tool");
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(at, "at");
        input = FrozenJson.freeze(input); // shared as it is when already frozen, else copied
    }

    @Override
    public ObjectNode input() {
        return input.deepCopy();
    }
}
