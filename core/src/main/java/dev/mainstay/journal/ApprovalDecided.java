package dev.mainstay.journal;

import java.time.Instant;
import java.util.Objects;

/**
 * A person's decision on a tool call that needed approval: who decided, and whether the call may run. Appended by
 * whoever asked the person (the CLI's prompt, the service's approvals endpoint, through
 * {@link dev.mainstay.approval.Approvals#decide}); acted on once by the run when it resumes. A journal holds at most
 * one per tool_use id.
 *
 * @param by who decided: a user id, an operator's name, {@code cli:…}
 * @param comment why, as the person said it; may be empty
 */
public record ApprovalDecided(String toolUseId, boolean approved, String by, String comment, Instant at)
        implements PolicyEntry {
    public ApprovalDecided {
        Objects.requireNonNull(toolUseId, "toolUseId");
        Objects.requireNonNull(by, "by");
        if (by.isBlank()) {
            throw new IllegalArgumentException("an approval decision names who gave it");
        }
        Objects.requireNonNull(comment, "comment");
        Objects.requireNonNull(at, "at");
    }
}
