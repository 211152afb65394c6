package dev.mainstay.policy;

import java.util.Objects;

/**
 * A policy's decision about one tool call, as a value. {@link #rule()} is a stable code (metrics, the journal, the
 * API); {@link #reason()} is a sentence safe to show and to log: it names tools and arguments, never their values.
 */
public sealed interface Verdict {
    String rule();

    String reason();

    /** {@code allow}, {@code deny} or {@code needs_approval}, as journaled. */
    String kind();

    /** The call may run. */
    record Allow(String rule, String reason) implements Verdict {
        public Allow {
            Objects.requireNonNull(rule, "rule");
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public String kind() {
            return "allow";
        }
    }

    /**
     * The call may not run. The model is told why and the run goes on — or, when {@code endsRun}, the run ends as
     * {@code policy_denied}.
     */
    record Deny(String rule, String reason, boolean endsRun) implements Verdict {
        public Deny {
            Objects.requireNonNull(rule, "rule");
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public String kind() {
            return "deny";
        }
    }

    /** The call may run only once a person approves it: the run pauses as {@code awaiting_approval}. */
    record NeedsApproval(String rule, String reason) implements Verdict {
        public NeedsApproval {
            Objects.requireNonNull(rule, "rule");
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public String kind() {
            return "needs_approval";
        }
    }

    /** Stable rule codes of the built-in rules. */
    final class Rules {
        public static final String READ_ONLY = "read_only";
        public static final String TRUSTED_CONTEXT = "trusted_context";
        public static final String PLANNED = "planned";
        public static final String APPROVED = "approved";
        public static final String CONTROLLED_ARGUMENT = "controlled_argument";
        public static final String UNPLANNED_SIDE_EFFECT = "unplanned_side_effect";
        public static final String INJECTION_SUSPECTED = "injection_suspected";
        public static final String TOOL_DENIED = "tool_denied";
        public static final String TOOL_REQUIRES_APPROVAL = "tool_requires_approval";

        private Rules() {}
    }
}
