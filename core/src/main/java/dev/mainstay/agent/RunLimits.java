package dev.mainstay.agent;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Limits of one run. Validated on construction: every problem is reported at once.
 *
 * @param maxSteps the most model calls a run may make
 * @param maxOutputTokens the most output tokens per model call
 * @param deadline how long a run may take from its start; every outside call's timeout is derived from it
 */
public record RunLimits(int maxSteps, int maxOutputTokens, Duration deadline) {
    public static final int DEFAULT_MAX_STEPS = 12;
    public static final int DEFAULT_MAX_OUTPUT_TOKENS = 1024;
    public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(120);
    public static final RunLimits DEFAULTS =
            new RunLimits(DEFAULT_MAX_STEPS, DEFAULT_MAX_OUTPUT_TOKENS, DEFAULT_DEADLINE);

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
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
    }

    public RunLimits withMaxSteps(int n) {
        return new RunLimits(n, maxOutputTokens, deadline);
    }

    public RunLimits withMaxOutputTokens(int n) {
        return new RunLimits(maxSteps, n, deadline);
    }

    public RunLimits withDeadline(Duration d) {
        return new RunLimits(maxSteps, maxOutputTokens, d);
    }

    List<String> describe() {
        return List.of("maxSteps=" + maxSteps, "maxOutputTokens=" + maxOutputTokens, "deadline=" + deadline);
    }
}
