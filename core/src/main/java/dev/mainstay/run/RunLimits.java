package dev.mainstay.run;

import java.time.Duration;
import java.util.ArrayList;

/**
 * Limits of one run. Validated on construction: every problem is reported at once.
 *
 * @param maxSteps the most model calls a run may make
 * @param maxOutputTokens the most output tokens per model call
 * @param deadline how long a run may take from its start; every outside call's timeout is derived from it
 * @param maxStreamRestarts how many times a run may call the model again after a streamed answer broke off once
 *     content had reached the caller (such a call is never retried transparently: listeners are told, by
 *     {@code ModelCallFailed.contentDelivered()}, to discard the partial text of that step)
 */
public record RunLimits(int maxSteps, int maxOutputTokens, Duration deadline, int maxStreamRestarts) {
    public static final int DEFAULT_MAX_STEPS = 12;
    public static final int DEFAULT_MAX_OUTPUT_TOKENS = 1024;
    public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(120);
    public static final int DEFAULT_MAX_STREAM_RESTARTS = 1;
    public static final RunLimits DEFAULTS = new RunLimits(DEFAULT_MAX_STEPS, DEFAULT_MAX_OUTPUT_TOKENS,
            DEFAULT_DEADLINE, DEFAULT_MAX_STREAM_RESTARTS);

    public RunLimits {
        var problems = new ArrayList<String>();
        if (maxSteps <= 0) {
            problems.add("maxSteps must be positive, but was " + maxSteps);
        }
        if (maxOutputTokens <= 0) {
            problems.add("maxOutputTokens must be positive, but was " + maxOutputTokens);
        }
        if (deadline == null || deadline.isNegative() || deadline.isZero()) {
            problems.add("deadline must be positive, but was " + deadline);
        }
        if (maxStreamRestarts < 0) {
            problems.add("maxStreamRestarts must not be negative, but was " + maxStreamRestarts);
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
    }

    /** Limits with the default number of stream restarts. */
    public RunLimits(int maxSteps, int maxOutputTokens, Duration deadline) {
        this(maxSteps, maxOutputTokens, deadline, DEFAULT_MAX_STREAM_RESTARTS);
    }

    public RunLimits withMaxSteps(int n) {
        return new RunLimits(n, maxOutputTokens, deadline, maxStreamRestarts);
    }

    public RunLimits withMaxOutputTokens(int n) {
        return new RunLimits(maxSteps, n, deadline, maxStreamRestarts);
    }

    public RunLimits withDeadline(Duration d) {
        return new RunLimits(maxSteps, maxOutputTokens, d, maxStreamRestarts);
    }

    public RunLimits withMaxStreamRestarts(int n) {
        return new RunLimits(maxSteps, maxOutputTokens, deadline, n);
    }

}
