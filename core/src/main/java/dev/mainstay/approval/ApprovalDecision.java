package dev.mainstay.approval;

import java.util.Objects;

/**
 * A person's answer to one call awaiting approval, before it is journaled.
 *
 * @param by who decided: a user id, an operator, {@code cli:<user>}; journaled with the decision
 * @param comment why, in the person's words; may be empty
 */
public record ApprovalDecision(String toolUseId, boolean approved, String by, String comment) {
    public ApprovalDecision {
        Objects.requireNonNull(toolUseId, "toolUseId");
        Objects.requireNonNull(by, "by");
        if (by.isBlank()) {
            throw new IllegalArgumentException("an approval decision names who gave it");
        }
        Objects.requireNonNull(comment, "comment");
    }

    public static ApprovalDecision approve(String toolUseId, String by) {
        return new ApprovalDecision(toolUseId, true, by, "");
    }

    public static ApprovalDecision deny(String toolUseId, String by, String comment) {
        return new ApprovalDecision(toolUseId, false, by, comment);
    }
}
