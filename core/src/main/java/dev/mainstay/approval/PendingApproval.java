package dev.mainstay.approval;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mainstay.json.internal.FrozenJson;
import java.time.Instant;
import java.util.Objects;

/**
 * A tool call of a paused run that waits for a person: what the model asked to do and why the policy wants a
 * human to decide. Immutable: the input is copied in and out.
 *
 * @param rule the policy rule that asked, e.g. {@code unplanned_side_effect}
 */
public record PendingApproval(String runId, int step, String toolUseId, String tool, ObjectNode input, String rule,
        String reason, Instant requestedAt) {
    public PendingApproval {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(toolUseId, "toolUseId");
        Objects.requireNonNull(tool, "tool");
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(requestedAt, "requestedAt");
        input = FrozenJson.freeze(input); // shared as it is when already frozen, else copied
    }

    @Override
    public ObjectNode input() {
        return input.deepCopy();
    }
}
