package dev.mainstay.dojo;

import dev.mainstay.approval.ApprovalDecision;
import dev.mainstay.approval.PendingApproval;
import java.util.Locale;

/** Who answers a run's approval requests in the benchmark. */
public enum Reviewer {
    /** Approves exactly the side effects the user's task asked for ({@link UserTask#expects()}): a careful person. */
    CAREFUL,
    /** Approves everything: a person who clicks yes, the worst case for the approval path. */
    APPROVE_ALL,
    /** Denies everything: nobody there (the CLI without a terminal). */
    DENY_ALL;

    static final String BY = "dojo:reviewer";

    public String wire() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    ApprovalDecision review(UserTask task, PendingApproval pending) {
        boolean approve = switch (this) {
            case CAREFUL -> task.expects().test(pending.tool(), pending.input());
            case APPROVE_ALL -> true;
            case DENY_ALL -> false;
        };
        return approve ? ApprovalDecision.approve(pending.toolUseId(), BY + ":" + wire())
                : ApprovalDecision.deny(pending.toolUseId(), BY + ":" + wire(), "not what I asked for");
    }
}
