package dev.mainstay.run;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Objects;
import java.util.Optional;

/**
 * Limits of one run. Validated on construction: every problem is reported at once.
 *
 * @param maxSteps the most model calls a run may make
 * @param maxOutputTokens the most output tokens per model call
 * @param deadline how long a run may take from its start; every outside call's timeout is derived from it
 * @param maxStreamRestarts how many times a run may call the model again after a streamed answer broke off once
 *     content had reached the caller (such a call is never retried transparently: listeners are told, by
 *     {@code ModelCallFailed.contentDelivered()}, to discard the partial text of that step)
 * @param maxCostUsd the most the run may spend, in US dollars; empty for no limit. Before each model call the call's
 *     worst case ({@link dev.mainstay.cost.WorstCase}) must fit what is left: its {@code max_tokens} is lowered to
 *     fit, and when not even the input fits the run stops as {@code budget_exceeded}
 * @param maxTotalTokens the most tokens (every kind the provider bills) the run may use; {@link #UNLIMITED} for no
 *     limit. A call's counted input plus its {@code max_tokens} must fit what is left, the same way
 * @param maxToolCalls the most tool calls the run may make; {@link #UNLIMITED} for no limit. A turn asking for more
 *     than are left stops the run as {@code budget_exceeded} before any of them runs
 */
public record RunLimits(int maxSteps, int maxOutputTokens, Duration deadline, int maxStreamRestarts,
        Optional<BigDecimal> maxCostUsd, long maxTotalTokens, int maxToolCalls) {
    /** No limit, for {@link #maxTotalTokens} and {@link #maxToolCalls}. */
    public static final int UNLIMITED = 0;
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
        Objects.requireNonNull(maxCostUsd, "maxCostUsd");
        if (maxCostUsd.isPresent() && (maxCostUsd.get().signum() < 0
                || maxCostUsd.get().stripTrailingZeros().scale() > dev.mainstay.cost.UsdUnits.SCALE)) {
            problems.add("maxCostUsd must be at least 0 with at most " + dev.mainstay.cost.UsdUnits.SCALE
                    + " decimal places, but was " + maxCostUsd.get().toPlainString());
        }
        if (maxTotalTokens < 0) {
            problems.add("maxTotalTokens must be 0 (no limit) or positive, but was " + maxTotalTokens);
        }
        if (maxToolCalls < 0) {
            problems.add("maxToolCalls must be 0 (no limit) or positive, but was " + maxToolCalls);
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
    }

    /** Limits without a run budget (no cost, token or tool-call limit). */
    public RunLimits(int maxSteps, int maxOutputTokens, Duration deadline, int maxStreamRestarts) {
        this(maxSteps, maxOutputTokens, deadline, maxStreamRestarts, Optional.empty(), UNLIMITED, UNLIMITED);
    }

    /** Limits with the default number of stream restarts. */
    public RunLimits(int maxSteps, int maxOutputTokens, Duration deadline) {
        this(maxSteps, maxOutputTokens, deadline, DEFAULT_MAX_STREAM_RESTARTS);
    }

    public RunLimits withMaxSteps(int n) {
        return new RunLimits(n, maxOutputTokens, deadline, maxStreamRestarts, maxCostUsd, maxTotalTokens,
                maxToolCalls);
    }

    public RunLimits withMaxOutputTokens(int n) {
        return new RunLimits(maxSteps, n, deadline, maxStreamRestarts, maxCostUsd, maxTotalTokens, maxToolCalls);
    }

    public RunLimits withDeadline(Duration d) {
        return new RunLimits(maxSteps, maxOutputTokens, d, maxStreamRestarts, maxCostUsd, maxTotalTokens,
                maxToolCalls);
    }

    public RunLimits withMaxStreamRestarts(int n) {
        return new RunLimits(maxSteps, maxOutputTokens, deadline, n, maxCostUsd, maxTotalTokens, maxToolCalls);
    }

    /** These limits with a run budget of {@code usd}; empty for none. */
    public RunLimits withMaxCostUsd(Optional<BigDecimal> usd) {
        return new RunLimits(maxSteps, maxOutputTokens, deadline, maxStreamRestarts, usd, maxTotalTokens,
                maxToolCalls);
    }

    public RunLimits withMaxTotalTokens(long n) {
        return new RunLimits(maxSteps, maxOutputTokens, deadline, maxStreamRestarts, maxCostUsd, n, maxToolCalls);
    }

    public RunLimits withMaxToolCalls(int n) {
        return new RunLimits(maxSteps, maxOutputTokens, deadline, maxStreamRestarts, maxCostUsd, maxTotalTokens, n);
    }

}
