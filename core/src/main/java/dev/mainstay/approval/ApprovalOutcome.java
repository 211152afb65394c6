package dev.mainstay.approval;

import dev.mainstay.journal.ApprovalDecided;
import java.util.Objects;

/** What became of a decision handed to {@link Approvals#decide}: expected outcomes, as values. */
public sealed interface ApprovalOutcome {
    /** Journaled at {@code seq}; the run acts on it when it resumes. */
    record Recorded(long seq, ApprovalDecided decision) implements ApprovalOutcome {
        public Recorded {
            Objects.requireNonNull(decision, "decision");
        }
    }

    /** The call had a decision already (one decision per call): {@code previous} stands. An HTTP 409. */
    record AlreadyDecided(ApprovalDecided previous) implements ApprovalOutcome {
        public AlreadyDecided {
            Objects.requireNonNull(previous, "previous");
        }
    }

    /** The run has no call of that id awaiting approval (never asked, already run, or the run is closed). A 404/409. */
    record NotPending(String why) implements ApprovalOutcome {
        public NotPending {
            Objects.requireNonNull(why, "why");
        }
    }
}
